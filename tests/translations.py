"""German translations made the way staff make them, for the tests (the seed stays English)."""

import datetime

from django.conf import settings

from conditions.drafts import condition_save
from conditions.models import Condition, Section
from conditions.services import condition_publish
from conditions.translations import translation_start
from tests.factories import make_condition

GERMAN = {
    "title": "Krämpfe der Beine",
    "slug": "kraempfe-der-beine",
    "summary": "Was Sie bei starken Krämpfen tun können.",
    "lead": "Ein Krampf ist ein plötzliches, schmerzhaftes Anspannen eines Muskels.",
}
SECTION = ("Anzeichen", "- Plötzlicher Schmerz")


def make_original(**fields) -> Condition:
    """A published English condition with a section and a source."""
    return make_condition(
        **{"title": "Leg cramps", "slug": "leg-cramps", **fields},
        sections=[(Section.Kind.SYMPTOMS, "Symptoms", "- Sudden pain in the calf")],
        sources=[("NHS: Leg cramps", "https://www.nhs.uk/conditions/leg-cramps/")],
    )


def make_translation(
    original: Condition,
    *,
    by,
    published: bool = True,
    language: str = "de",
    sections: tuple[tuple[str, str], ...] = (),
    **fields,
) -> Condition:
    """The translation of `original` (German unless told; the German words unless given others,
    each section the (heading, body) given in order, else a short German one), translated by
    `by`, and published by them unless told not (`by` needs the permissions of both)."""
    translation, _ = translation_start(original=original, language=language, by=by)
    texts = list(sections)
    translation = condition_save(
        condition=translation,
        values={**GERMAN, **fields},
        sections=[
            {"id": row.pk, "heading": heading, "body": body}
            for at, row in enumerate(translation.sections.all())
            for heading, body in [texts[at] if at < len(texts) else SECTION]
        ],
        by=by,
        seen_edit_version=translation.edit_version,
        comment="Übersetzt.",
    )
    if published:
        publish_again(translation, by=by)
    return Condition.objects.get(pk=translation.pk)


def add_translation(original_slug: str, *, language: str = "de", **fields) -> None:
    """For a browser test's server (`server.manage("shell", "-c", ...)`): the seed condition
    `original_slug` translated and published by a reviewer allowed every language."""
    from django.contrib.auth.models import User

    from conditions.models import Author

    user, made = User.objects.get_or_create(
        username="translator", defaults={"is_staff": True, "is_superuser": True}
    )
    if made:
        Author.objects.create(name="Dr Tara Translator", credentials="MD", user=user)
    original = Condition.objects.get(slug=original_slug, language=settings.LANGUAGE_CODE)
    make_translation(original, by=user, language=language, **fields)


def publish_again(condition: Condition, *, by) -> None:
    condition = Condition.objects.get(pk=condition.pk)
    condition_publish(
        condition=condition,
        by=by,
        next_review_due=datetime.date.today() + datetime.timedelta(days=365),
        seen_edit_version=condition.edit_version,
        reading_age_reason="Reviewed for a test.",
    )


def change_original(original: Condition, *, by, lead: str) -> None:
    """An editor changes the original's lead and a reviewer publishes it again."""
    original = Condition.objects.get(pk=original.pk)
    condition_save(
        condition=original,
        values={"lead": lead},
        by=by,
        seen_edit_version=original.edit_version,
        comment="Changed.",
    )
    publish_again(original, by=by)
