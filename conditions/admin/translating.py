"""What the conditions' admin shows and allows of translations: the *Language* column (with,
for a translation, whether its original changed), who may change a page in each language, and,
on a change page, the translations of an original or, for a translation, its original and what
changed there since it was made."""

from django.contrib import admin

from ..languages import language_name, translation_languages
from ..models import Condition
from ..translations import may_edit_language, original_changes


class TranslationAdmin:
    @admin.display(description="Language", ordering="language")
    def language_and_original(self, condition: Condition) -> str:
        """One column, so that the list still fits a narrow window: the page's language, and
        for a translation whether its original changed since it was made."""
        name = language_name(condition.language)
        if not condition.is_translation:
            return name
        original = getattr(condition.original, "publication", None)
        if original is not None and original.content_revision != condition.original_revision:
            return f"{name}: original changed"
        return name

    def get_list_select_related(self, request):
        return (*super().get_list_select_related(request), "original__publication")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_edit_language(request.user, obj.language))

    def translation_context(self, request, condition: Condition) -> dict:
        if condition.is_translation:
            return {
                "translation_of": condition.original,
                "original_language": language_name(condition.original.language),
                "original_changes": original_changes(condition),
                "language_name": language_name(condition.language),
            }
        made = {c.language: c for c in condition.translations.all()}
        return {
            "translations": [
                {"code": code, "name": name, "condition": made.get(code)}
                for code, name in translation_languages()
            ],
            "can_translate": self.has_add_permission(request),
        }
