"""Guidance in several languages, as Wagtail models it: every condition has a language, and a
translation is a condition of its own (draft, review, publication, history, restore, its own
reviewer and review dates) linked to its original and to the original's published revision it
was made from.

The original is in the first language of `settings.LANGUAGES` (English); a translation's
`original_revision` is the content revision of the original's published copy it was made from,
and `original_payload` that copy itself, so the admin can show what changed in the original
since. Publishing the translation records the original's revision of that moment.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext

PUBLISH_PERMISSION = "conditions.publish_condition"


def default_language() -> str:
    return settings.LANGUAGE_CODE


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def translation_languages() -> list[tuple[str, str]]:
    """(code, name) of every language a condition may be translated into."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


class Translatable(models.Model):
    """The fields that make a condition an original or a translation of one."""

    language = models.CharField(
        max_length=20,
        default=default_language,
        editable=False,
        db_index=True,
        help_text="The language this page is written in; an original is in the first language.",
    )
    original = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,  # a reviewed translation is never deleted with its original
        null=True,
        blank=True,
        editable=False,
        related_name="translations",
        help_text="The page this one translates; empty for an original.",
    )
    original_revision = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Content revision of the original's published copy this translation was made "
        "from, or last published against.",
    )
    original_payload = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The original's published copy at that revision, to show what changed since.",
    )

    class Meta:
        abstract = True

    @property
    def is_translation(self) -> bool:
        return self.original_id is not None


def page_name(condition) -> str:
    """A page as lists for staff name it (review reminders, *Reviews due*): a translation's
    title with its language and its original's, as each has its own review dates."""
    if not condition.is_translation:
        return condition.title
    return gettext("%(title)s (%(language)s, translation of “%(original)s”)") % {
        "title": condition.title,
        "language": language_name(condition.language),
        "original": condition.original.title,
    }


def may_edit_language(user, language: str) -> bool:
    """Originals are edited by every editor; a translation by those allowed its language."""
    return language not in dict(translation_languages()) or user.has_perm(edit_permission(language))


def may_publish(user, condition) -> bool:
    """Clinical reviewers publish originals; a translation also needs its language's permission
    (`publish_condition_<language>`)."""
    return user.has_perm(PUBLISH_PERMISSION) and (
        not condition.is_translation or user.has_perm(publish_permission(condition.language))
    )


def may_publish_check(user, condition, step: str) -> None:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(f"Only clinical reviewers can {step}.")
    if not may_publish(user, condition):
        raise PermissionDenied(
            f"Only clinical reviewers allowed to {step} pages in "
            f"{language_name(condition.language)} can {step} this translation."
        )


def edit_permission(code: str) -> str:
    """May write translations in this language (an editor may be limited to some)."""
    return f"conditions.edit_language_{code}"


def publish_permission(code: str) -> str:
    """May publish and unpublish translations in this language (with publish_condition)."""
    return f"conditions.publish_condition_{code}"


# The groups the migrations make (0005); a new language's permissions are given to them once, when
# made, so an administrator's later choice of who may do what is kept.
EDITOR_GROUPS = ("Editor", "Clinical reviewer")
PUBLISHER_GROUPS = ("Clinical reviewer",)


def language_permissions_create(**kwargs) -> None:
    """After each migrate: the permissions of every language a condition may be translated into
    (`edit_language_<code>`, `publish_condition_<code>`), so adding a language is a setting."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from .models import Condition

    content_type = ContentType.objects.get_for_model(Condition)
    for code, name in translation_languages():
        for codename, label, groups in (
            (f"edit_language_{code}", f"Can write translations in {name}", EDITOR_GROUPS),
            (
                f"publish_condition_{code}",
                f"Can publish and unpublish translations in {name}",
                PUBLISHER_GROUPS,
            ),
        ):
            permission, made = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": label}
            )
            if made:
                for group in Group.objects.filter(name__in=groups):
                    group.permissions.add(permission)
