from django.contrib import admin

from ..services import author_saved


class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "bio_language", "user")
    search_fields = ("name", "credentials")
    list_select_related = ("user",)

    def get_readonly_fields(self, request, obj=None):
        # Who a login is shown to patients as, when it publishes, is for administrators to say.
        if request.user.has_perm("auth.change_user"):
            return ()
        if obj is not None and obj.user_id is not None and obj.user_id != request.user.pk:
            return ("user", "name", "credentials")
        return ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        author_saved(author=obj, by=request.user)
