"""What an import checks across a document's items, once each item is valid on its own: slugs
once per language and not taken (unless replacing), links to conditions that exist, languages
the site has, and each translation's original (in the file or the database, an original itself,
translated once per language). Three reads of the database, however long the file.

A version 1 file has no languages: each of its items is in the first language.
"""

from django.utils.translation import gettext as _

from .languages import default_language, language_codes
from .models import Condition


def _where(slug: str, language: str) -> str:
    """A condition as an error names it: its slug, and its language unless it is the first."""
    if language == default_language():
        return f'"{slug}"'
    return _('"%(slug)s" in %(language)s') % {"slug": slug, "language": language}


def document_errors(items: list[dict], *, replace: bool) -> list[str]:
    keys = [(item["language"], item["slug"]) for item in items]
    found = Condition.objects.filter(slug__in={slug for _, slug in keys})
    saved = {(c[0], c[1]): c[2] for c in found.values_list("language", "slug", "original_id")}
    errors = _language_errors(items) + _duplicate_errors(keys)
    if not replace:
        errors += [
            f"conditions[{index}].slug: "
            + _("%(condition)s already exists; use --replace to overwrite it.")
            % {"condition": _where(slug, language)}
            for index, (language, slug) in enumerate(keys)
            if (language, slug) in saved
        ]
    errors += _original_errors(items, keys)
    known = set(keys) | _saved_related(items)
    for index, item in enumerate(items):
        errors += [
            f"conditions[{index}].related[{n}]: "
            + _("no condition %(condition)s in the file or the database.")
            % {"condition": _where(slug, item["language"])}
            for n, slug in enumerate(item["related"])
            if (item["language"], slug) not in known
        ]
    return errors


def _language_errors(items: list[dict]) -> list[str]:
    codes = language_codes()
    errors = []
    for index, item in enumerate(items):
        language = item["language"]
        if language not in codes:
            errors.append(
                f"conditions[{index}].language: "
                + _('"%(language)s" is not a language of this site; it has %(languages)s.')
                % {"language": language, "languages": ", ".join(codes)}
            )
        elif item["original"] is None and language != default_language():
            errors.append(
                f"conditions[{index}].original: "
                + _(
                    "a page in %(language)s is a translation: name the original it translates "
                    "(originals are in %(first)s)."
                )
                % {"language": language, "first": default_language()}
            )
        elif item["original"] is not None and language == default_language():
            errors.append(
                f"conditions[{index}].language: "
                + _("a translation cannot be in %(first)s, the language of originals.")
                % {"first": language}
            )
    return errors


def _duplicate_errors(keys: list[tuple[str, str]]) -> list[str]:
    errors = []
    first_seen: dict[tuple[str, str], int] = {}
    for index, (language, slug) in enumerate(keys):
        if (language, slug) in first_seen:
            errors.append(
                f"conditions[{index}].slug: "
                + _("%(condition)s appears more than once (first at conditions[%(first)s]).")
                % {"condition": _where(slug, language), "first": first_seen[language, slug]}
            )
        first_seen.setdefault((language, slug), index)
    return errors


def _original_errors(items: list[dict], keys: list[tuple[str, str]]) -> list[str]:
    """Each translation's original is in the file or the database and is not itself a
    translation; no original gets two translations into one language."""
    named = [(index, item["original"]) for index, item in enumerate(items) if item["original"]]
    if not named:
        return []
    in_file = {key: index for index, key in reversed(list(enumerate(keys)))}
    slugs = {original["slug"] for _, original in named}
    saved = {
        (language, slug): original_id
        for language, slug, original_id in Condition.objects.filter(slug__in=slugs).values_list(
            "language", "slug", "original_id"
        )
    }
    saved_translations = {
        (original_language, original_slug, language): slug
        for original_language, original_slug, language, slug in Condition.objects.filter(
            original__slug__in=slugs
        ).values_list("original__language", "original__slug", "language", "slug")
    }
    errors = []
    translated: dict[tuple[str, str, str], int] = {}
    for index, original in named:
        key = (original["language"], original["slug"])
        where = _where(original["slug"], original["language"])
        path = f"conditions[{index}].original: "
        if key in in_file:
            is_translation = items[in_file[key]]["original"] is not None
        elif key in saved:
            is_translation = saved[key] is not None
        else:
            errors.append(
                path
                + _("no original %(condition)s in the file or the database.") % {"condition": where}
            )
            continue
        if is_translation:
            errors.append(
                path
                + _("%(condition)s is itself a translation; name the original it translates.")
                % {"condition": where}
            )
            continue
        language = items[index]["language"]
        if (*key, language) in translated:
            errors.append(
                path
                + _(
                    "%(condition)s is translated into %(language)s twice "
                    "(first at conditions[%(first)s])."
                )
                % {"condition": where, "language": language, "first": translated[(*key, language)]}
            )
        translated.setdefault((*key, language), index)
        other = saved_translations.get((*key, language))
        if other is not None and other != items[index]["slug"]:
            errors.append(
                path
                + _('%(condition)s already has a translation into %(language)s, "%(other)s".')
                % {"condition": where, "language": language, "other": other}
            )
    return errors


def _saved_related(items: list[dict]) -> set[tuple[str, str]]:
    """(language, slug) of the saved conditions the items link to."""
    slugs = {slug for item in items for slug in item["related"]}
    if not slugs:
        return set()
    return set(Condition.objects.filter(slug__in=slugs).values_list("language", "slug"))
