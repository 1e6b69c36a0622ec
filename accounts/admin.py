"""Administrators reset a lost second factor from the list of users; each reset is recorded in
the admin's history of that user. Devices are never edited in the admin: django-otp's own device
pages (which show each key) and django-otp-webauthn's are taken out, so a reset is the one way a
factor changes hands."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle

from .second_factor import has_second_factor, second_factor_reset

User = get_user_model()

for model in (
    TOTPDevice,
    StaticDevice,
    WebAuthnCredential,
    WebAuthnAttestation,
    WebAuthnUserHandle,
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class StaffUserAdmin(UserAdmin):
    list_display = (*UserAdmin.list_display, "second_factor")
    actions = ["reset_second_factor"]

    @admin.display(boolean=True, description="second factor")
    def second_factor(self, user) -> bool:
        return has_second_factor(user)

    @admin.action(
        description="Reset the second factor of the selected users (lost phone or passkey)",
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            f"Reset the second factor of {', '.join(u.get_username() for u in queryset)}. "
            "They set up a new authenticator app or passkey at their next sign-in.",
            messages.SUCCESS,
        )

    def has_reset_second_factor_permission(self, request) -> bool:
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
