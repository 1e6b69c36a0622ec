from django.contrib import admin


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class WorkflowColumns:
    """The list's columns for what is reviewed before patients see it (conditions, terms):
    whether it is on the site and whether it has changes patients have not seen. Yes and no as
    words: the admin's red cross for "no" reads as an error, which it is not."""

    @admin.display(description="On the site")
    def is_live(self, obj) -> str:
        return yes_no(obj.is_live)

    @admin.display(description="Unpublished changes")
    def has_unpublished_changes(self, obj) -> str:
        return yes_no(obj.has_unpublished_changes)
