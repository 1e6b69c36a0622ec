"""Writes to guidance content: saving drafts, the review workflow, and what patients see.

Patients only ever see a Publication, the copy of a condition taken when a clinical reviewer
published it. Saving a condition changes its draft revision, never that copy. Keyword-only
arguments; anything touching several rows is atomic.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from reversion.models import Version

from . import content, readability, signals
from .fingerprints import FULL, fingerprint
from .http import json_bytes
from .language_links import LANGUAGE_KEYS, group_publications, language_keys, with_language_keys
from .languages import (  # noqa: F401 (PUBLISH_PERMISSION, may_publish: read from here too)
    PUBLISH_PERMISSION,
    language_name,
    may_edit_language,
    may_publish,
    may_publish_check,
)
from .models import Author, Condition, Publication
from .search.documents import index_remove, index_store
from .serializers import SERVED_KEYS, ConditionDetailSerializer, related_links
from .steps import step_record
from .terms.services import marked_terms, publication_terms

# Set by the reviewer at each publish; a draft does not differ from its published copy by these.
REVIEW_FIELDS = ("reviewer", "last_reviewed", "next_review_due")


class WorkflowRefused(Exception):
    """A workflow step cannot happen; the message tells the editor why and what to do."""


class EditConflict(WorkflowRefused):
    """Someone saved the condition after the person acting on it last saw it."""

    def __init__(self, condition: Condition):
        self.condition = condition
        super().__init__(
            f"{last_saved_by(condition)} changed this condition at "
            f"{formats.date_format(timezone.localtime(condition.updated_at), 'j F Y, H:i')}, "
            "after you opened it."
        )


class ReadingAgeUnconfirmed(WorkflowRefused):
    """A page above the target reading age is published only with the reviewer's reason."""

    def __init__(self, age: float, target: int):
        super().__init__(
            f"This page has a reading age of {age:g}, above the target of {target}. Give a "
            "short reason for publishing it as it is, or ask an editor to make it simpler. "
            "Nothing was published."
        )


def edit_conflict_check(condition: Condition, *, seen_edit_version) -> None:
    """Refuse to act on a draft that changed after the person acting saw it.

    The one check of saving, restoring and publishing. `edit_version` counts every change of the
    draft: each save, restore and import, and each change of what its page shows made elsewhere
    (its author's details, a linked page's title), so a reviewer never publishes what they have
    not seen and an editor never saves over a change they have not seen. None (an import) acts
    on whatever is saved.
    """
    if seen_edit_version is not None and str(condition.edit_version) != str(seen_edit_version):
        raise EditConflict(condition)


def last_saved_by(condition: Condition) -> str:
    user = condition.updated_by
    if user is None:
        return "An import from a file"
    return user.get_full_name() or user.get_username()


def content_revision(payload: dict) -> str:
    """Fingerprint of what an editor writes, leaving out who reviewed it and when."""
    left_out = (*REVIEW_FIELDS, *SERVED_KEYS, *LANGUAGE_KEYS)
    written = {k: v for k, v in payload.items() if k not in left_out}
    return fingerprint(written, length=FULL)


def condition_payload(condition: Condition) -> dict:
    """What patients would see of the condition as it is saved now (its draft)."""
    condition = Condition.objects.with_page_content().get(pk=condition.pk)
    payload = dict(ConditionDetailSerializer(condition).data)
    for key in SERVED_KEYS:
        payload.pop(key, None)
    return payload


PUBLISHED_FIELDS = [
    "published_by",
    "related_ids",
    "slug",
    "title",
    "payload",
    "payload_bytes",
    "revision",
    "content_revision",
    "listing_revision",
    "published_at",
    "content_changed_at",
    "version_id",
    "terms",
    "terms_revision",
]


def publication_fill(
    publication: Publication, payload: dict, *, terms=None, content_before: str | None = None
) -> bool:
    """Set `payload` as what patients see, unsaved; False when they would see no change.
    `terms` are the marked terms (`marked_terms()`), read once by a caller filling many.
    `content_before` is the copy's content revision before (if its caller changed it already):
    `content_changed_at` moves only when that changes, not when only the other pages listed
    with it do (the date a translation gives for its original's last update)."""
    revision = fingerprint(payload, length=FULL)
    if publication.pk and publication.revision == revision:
        return False
    before = publication.content_revision if content_before is None else content_before
    now = timezone.now()
    served = {**payload, "revision": revision, "updated_at": now.isoformat()}
    publication.slug = payload["slug"]
    publication.title = payload["title"]
    publication.payload = served
    publication.payload_bytes = len(json_bytes(served))
    publication.revision = revision
    publication.content_revision = content_revision(payload)
    publication.listing_revision = fingerprint(
        {k: payload[k] for k in content.LISTING_KEYS}, length=FULL
    )
    publication.published_at = now
    if publication.content_changed_at is None or publication.content_revision != before:
        publication.content_changed_at = now
    publication.terms, publication.terms_revision = publication_terms(
        payload, marked_terms(publication.language) if terms is None else terms
    )
    return True


def _publication_write(
    publication: Publication, payload: dict, *, content_before: str | None = None
) -> bool:
    """Store `payload` as what patients see; False when they would see no change."""
    if not publication_fill(publication, payload, content_before=content_before):
        return False
    # Approved comments are kept by the submissions app, which may change them meanwhile.
    publication.save(update_fields=PUBLISHED_FIELDS if publication.pk else None)
    index_store(publication=publication, payload=payload)
    return True


def draft_revisions_refresh(*, conditions, by=None, saved=None) -> dict[int, dict]:
    """Recompute the draft revision of each condition (the "has unpublished changes" flag).

    A draft that now shows something else is a new edit version, changed by `by`; the condition
    `by` has just `saved` already is one. Returns each condition's payload, by its id.
    """
    payloads = {}
    for condition in conditions:
        payloads[condition.pk] = payload = condition_payload(condition)
        revision = content_revision(payload)
        changed = Condition.objects.filter(pk=condition.pk).exclude(draft_revision=revision)
        if saved is not None and condition.pk == saved.pk:
            changed.update(draft_revision=revision)
            continue
        changed.update(
            draft_revision=revision,
            edit_version=F("edit_version") + 1,
            updated_by=by,
            updated_at=timezone.now(),
        )
    return payloads


@transaction.atomic
def condition_saved(*, condition: Condition, by=None, previously_related=()) -> dict:
    """Run after every save of a condition's draft by `by` (None for an import).

    Related links go both ways, so the conditions linked before and after the save changed too.
    Returns what patients would see of the condition now (its payload).
    """
    return draft_revisions_refresh(
        conditions={condition, *condition.related.all(), *previously_related},
        by=by,
        saved=condition,
    )[condition.pk]


def author_saved(*, author: Author, by=None) -> None:
    """An author's or reviewer's details are on each page; those drafts now differ."""
    draft_revisions_refresh(
        conditions={*author.conditions.all(), *author.reviewed_conditions.all()}, by=by
    )


def links_refresh(*, condition_ids, by=None) -> None:
    """Conditions went live, changed title or went away: fix every page that lists any of them,
    each once (an import of thousands reads the published copies once, not once each)."""
    condition_ids = set(condition_ids)
    linking = [
        pk
        for pk, related_ids in Publication.objects.values_list("pk", "related_ids")
        if not condition_ids.isdisjoint(related_ids)
    ]
    # Locked, so that two reviewers publishing linked pages at once cannot undo each other.
    for publication in (
        Publication.objects.select_for_update().filter(pk__in=linking).order_by("pk")
    ):
        payload = {k: v for k, v in publication.payload.items() if k not in SERVED_KEYS}
        payload["related"] = related_links(
            Publication.objects.filter(condition_id__in=publication.related_ids)
        )
        _publication_write(publication, payload)
    draft_revisions_refresh(
        conditions=Condition.objects.filter(related__pk__in=condition_ids).distinct(), by=by
    )


@transaction.atomic
def publication_store(*, condition: Condition, by=None, payload: dict | None = None) -> Publication:
    """Make the condition as saved now what patients see (`payload`, if its caller built it).

    Reviewers reach this through `condition_publish`; importing a file (an operator's command)
    calls it directly for conditions the file marks published.
    """
    publication = Publication.objects.filter(condition=condition).first()
    publication = publication or Publication(condition=condition)
    publication.language = condition.language
    publication.related_ids = list(condition.related.values_list("pk", flat=True))
    publication.published_by = by
    # The last saved version (its history's) is the draft being published.
    publication.version_id = (
        Version.objects.get_for_object(condition).values_list("pk", flat=True).first()
    )
    payload = payload or condition_payload(condition)
    group = [p for p in group_publications(condition, lock=True) if p.condition_id != condition.pk]
    content_before = publication.content_revision if publication.pk else ""
    publication.content_revision = content_revision(payload)  # as the other pages see it
    payload = with_language_keys(payload, language_keys(condition, [*group, publication]))
    title_or_slug_changed = (publication.slug, publication.title) != (
        payload["slug"],
        payload["title"],
    )
    _publication_write(publication, payload, content_before=content_before)
    Condition.objects.filter(pk=condition.pk).update(draft_revision=content_revision(payload))
    if title_or_slug_changed:
        links_refresh(condition_ids={condition.pk}, by=by)
    if group:
        _group_refresh([*group, publication], changed=condition)
    return publication


def _group_refresh(group: list[Publication], *, changed: Condition) -> None:
    """`changed` was published or taken off the site: the other published pages of its group
    list it (and a translation its original) as it is now (`language_links.py`)."""
    for publication in group:
        if publication.condition_id == changed.pk:
            continue
        payload = {k: v for k, v in publication.payload.items() if k not in SERVED_KEYS}
        keys = language_keys(publication.condition, group)
        _publication_write(publication, with_language_keys(payload, keys))


def publication_comments_store(*, condition_id: int, comments: list[dict]) -> None:
    """Show these approved comments (name, text and date) on the condition's published page."""
    revision = fingerprint(comments) if comments else ""
    Publication.objects.filter(condition_id=condition_id).exclude(
        comments_revision=revision
    ).update(comments=comments, comments_revision=revision)


@transaction.atomic
def publication_remove(*, condition: Condition, by=None) -> None:
    """Take the condition off the site, and out of every page that links to it."""
    removed = Publication.objects.filter(condition=condition)
    index_remove(publications=removed)
    removed.delete()
    links_refresh(condition_ids={condition.pk}, by=by)
    group = group_publications(condition, lock=True)
    if group:
        _group_refresh(group, changed=condition)


def _locked(condition: Condition) -> Condition:
    return (
        Condition.objects.select_for_update(of=("self",))
        .select_related("publication", "updated_by")
        .get(pk=condition.pk)
    )


@transaction.atomic
def condition_submit_for_review(*, condition: Condition, by) -> Condition:
    if not may_edit_language(by, condition.language):
        raise WorkflowRefused(
            f"“{condition}” was not submitted: you may not edit pages in "
            f"{language_name(condition.language)}."
        )
    condition = _locked(condition)
    if condition.status == Condition.Status.IN_REVIEW:
        raise WorkflowRefused(f"“{condition}” is already waiting for a clinical reviewer.")
    if condition.is_live and not condition.has_unpublished_changes:
        raise WorkflowRefused(
            f"“{condition}” has no changes to review: patients already see this version."
        )
    condition.status = Condition.Status.IN_REVIEW
    condition.save(update_fields=["status"])
    step_record(condition, by=by, comment="Submitted for review.")
    return condition


def reviewer_profile(user) -> Author:
    """The person patients are shown as the reviewer when `user` publishes."""
    profile = Author.objects.filter(user=user).first()
    if profile is None or not profile.credentials:
        raise WorkflowRefused(
            "Patients are shown who reviewed each page, with their credentials. Ask an "
            "administrator to link your login to your entry under “Authors and reviewers” "
            "and fill in your credentials, then publish."
        )
    return profile


@transaction.atomic
def condition_publish(
    *,
    condition: Condition,
    by,
    next_review_due: datetime.date,
    seen_edit_version,
    reading_age_reason: str = "",
) -> Publication:
    """A clinical reviewer approves the draft they saw: it becomes what patients see.

    Refused if the draft changed since the reviewer looked at it, so nobody publishes text they
    have not read; and, for a page above the target reading age, without the reviewer's reason
    for publishing it as it is, which the page's history records.
    """
    condition = _locked(condition)
    may_publish_check(by, condition, "publish")
    edit_conflict_check(condition, seen_edit_version=seen_edit_version)
    reviewer = reviewer_profile(by)
    today = timezone.localdate()
    if next_review_due <= today:
        raise WorkflowRefused("The next review must be due after today.")
    condition.status = Condition.Status.PUBLISHED
    condition.last_reviewed = today
    condition.next_review_due = next_review_due
    condition.reviewed_by = reviewer
    saved = ["status", "last_reviewed", "next_review_due", "reviewed_by"]
    original = getattr(condition.original, "publication", None) if condition.original else None
    if original is not None:  # the reviewer approves it against the original as it is now
        condition.original_revision = original.content_revision
        condition.original_payload = original.payload
        saved += ["original_revision", "original_payload"]
    condition.save(update_fields=saved)
    # Built once, for the reading age and as what patients see; a refusal rolls the save back.
    payload = condition_payload(condition)
    comment = f"Published. Next review due {formats.date_format(next_review_due, 'j F Y')}."
    readable = readability.payload_report(payload)
    if readable.above_target:
        reason = " ".join(reading_age_reason.split())
        if not reason:
            raise ReadingAgeUnconfirmed(readable.reading_age.age, readable.target)
        comment += (
            f" Reading age {readable.reading_age.age:g}, above the target of "
            f"{readable.target}: {reason}"
        )
    publication = publication_store(condition=condition, by=by, payload=payload)
    step_record(condition, by=by, comment=comment)
    signals.condition_published.send(sender=Condition, condition=condition, by=by)
    return publication


@transaction.atomic
def condition_unpublish(*, condition: Condition, by) -> Condition:
    condition = _locked(condition)
    may_publish_check(by, condition, "unpublish")
    if not condition.is_live:
        raise WorkflowRefused(f"“{condition}” is not on the site.")
    publication_remove(condition=condition, by=by)
    condition.status = Condition.Status.UNPUBLISHED
    condition.save(update_fields=["status"])
    step_record(condition, by=by, comment="Unpublished.")
    signals.condition_unpublished.send(sender=Condition, condition=condition, by=by)
    return condition
