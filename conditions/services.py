"""Writes to guidance content. Keyword-only arguments; anything touching several rows is atomic."""

from dataclasses import dataclass, field

from django.db import transaction

from .models import Author, Condition, Section


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@transaction.atomic
def seed_content_load(*, data: dict) -> SeedResult:
    """Create the conditions in `data` that do not exist yet.

    A condition whose slug is already present is left exactly as it is, so running this on every
    start never overwrites what an editor has changed since.
    """
    result = SeedResult()
    authors = {}
    for author_data in data.get("authors", []):
        author = Author.objects.filter(name=author_data["name"]).first()
        if author is None:
            author = Author(**author_data)
            author.full_clean()
            author.save()
        authors[author.name] = author

    new_conditions = {}
    for item in data["conditions"]:
        if Condition.objects.filter(slug=item["slug"]).exists():
            result.skipped.append(item["slug"])
            continue
        fields = {k: v for k, v in item.items() if k not in {"sections", "related", "author"}}
        condition = Condition(**fields, author=authors.get(item.get("author")))
        condition.full_clean()
        condition.save()
        for position, section_data in enumerate(item.get("sections", []), start=1):
            section = Section(condition=condition, position=position, **section_data)
            section.full_clean()
            section.save()
        new_conditions[condition.slug] = (condition, item.get("related", []))
        result.created.append(condition.slug)

    for condition, related_slugs in new_conditions.values():
        condition.related.add(*Condition.objects.filter(slug__in=related_slugs))
    return result
