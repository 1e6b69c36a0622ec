"""The terms' workflow: editors submit a draft, clinical reviewers publish and unpublish it.

Publishing copies the draft to the term's PublishedTerm, the copy patients see. Each page that
uses the term, before or after, then stores which terms it marks again (`pages_refresh`), which
changes that page's revision, and so its cached copy, its ETag and its entry in the offline
manifest, and nothing else's. Search reads the published copies as it searches.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .. import signals
from ..fingerprints import FULL, fingerprint
from ..models import Publication
from ..search.engine import publications_using
from ..search.expansion import PAGE_LANGUAGE
from ..steps import step_record, steps_record
from .marking import page_terms
from .models import PublishedTerm, Term
from .names import draft_copy, name_words
from .validation import term_validate, terms_by_language

PUBLISH_PERMISSION = "conditions.publish_term"
# What publishing writes to a term's published copy: its draft (`draft_copy`) and who and when.
COPIED = [
    *("language", "term", "slug", "other_names", "explanation"),
    *("revision", "published_at", "published_by"),
]


class TermRefused(Exception):
    """A workflow step cannot happen; the message tells the editor why."""


def marked_terms(language: str = PAGE_LANGUAGE) -> list[dict]:
    """What a page needs to mark each published term: one query."""
    return [
        {"term": term, "slug": slug, "explanation": explanation}
        for term, slug, explanation in PublishedTerm.objects.filter(language=language)
        .order_by("pk")
        .values_list("term", "slug", "explanation")
    ]


def publication_terms(payload: dict, terms: list[dict] | None = None) -> tuple[list[dict], str]:
    """The terms a published page marks, and their revision ("" for none)."""
    used = page_terms(payload, marked_terms() if terms is None else terms)
    return used, fingerprint(used, length=FULL) if used else ""


def pages_refresh(*, phrases: list[tuple[str, ...]], language: str = PAGE_LANGUAGE) -> int:
    """Store again which terms each published page in `language` holding any of `phrases`
    marks; how many pages changed."""
    ids = publications_using(phrases, language=language)
    if not ids:
        return 0
    terms, changed = marked_terms(language), 0
    for publication in (
        Publication.objects.select_for_update().filter(pk__in=ids).order_by("pk").only("payload")
    ):
        used, revision = publication_terms(publication.payload, terms)
        changed += (
            Publication.objects.filter(pk=publication.pk)
            .exclude(terms_revision=revision)
            .update(terms=used, terms_revision=revision)
        )
    return changed


def _may_publish(by) -> None:
    if by is not None and not by.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only clinical reviewers can publish or unpublish a term.")


def _published_phrases(term: Term) -> list[tuple[str, ...]]:
    published = PublishedTerm.objects.filter(term_draft=term).first()
    return [name_words(published.term)] if published else []


@transaction.atomic
def term_submit_for_review(*, term: Term, by) -> Term:
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.status == Term.Status.IN_REVIEW:
        raise TermRefused(f"“{term}” is already waiting for a clinical reviewer.")
    if term.is_live and not term.has_unpublished_changes:
        raise TermRefused(f"“{term}” has no changes to review: patients already see it.")
    term.status = Term.Status.IN_REVIEW
    term.save(update_fields=["status"])
    step_record(term, by=by, comment="Submitted for review.")
    return term


def term_publish(*, term: Term, by) -> PublishedTerm:
    """A clinical reviewer (None: the seed content) makes the term's draft what patients see."""
    return terms_publish(terms=[term], by=by)[0]


def _locked(terms: list[Term]) -> list[Term]:
    found = Term.objects.select_for_update().in_bulk([term.pk for term in terms])
    missing = [term for term in terms if term.pk not in found]
    if missing:
        raise Term.DoesNotExist(f"“{missing[0]}” was deleted meanwhile.")
    return [found[term.pk] for term in terms]


def _validated(terms: list[Term]) -> None:
    """Each term's checks, against the other terms of its language as saved now: another term
    may have taken a name since a draft was saved. One query; the first problem is raised."""
    saved = terms_by_language({term.language for term in terms})
    for term in terms:
        term_validate(term, [other for other in saved[term.language] if other.pk != term.pk])


@transaction.atomic
def terms_publish(*, terms: list[Term], by) -> list[PublishedTerm]:
    """`term_publish` for several terms at once, all or none: each checked, copied, its pages
    marking it again, its history step and its `term_published` signal; the queries are per
    step, not per term (the seed content publishes a dozen terms on every test that loads it)."""
    _may_publish(by)
    terms = _locked(terms)
    _validated(terms)
    before = {p.term_draft_id: p for p in PublishedTerm.objects.filter(term_draft__in=terms)}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    now, published, fresh, again = timezone.now(), [], [], []
    for term in terms:
        copy = draft_copy(term)
        old = before.get(term.pk)
        if old is not None:
            phrases.setdefault(term.language, []).append(name_words(old.term))
        phrases.setdefault(term.language, []).append(name_words(copy["term"]))
        item = old or PublishedTerm(term_draft=term)
        for field, value in copy.items():
            setattr(item, field, value)
        item.revision = fingerprint(copy, length=FULL)
        item.published_at, item.published_by = now, by
        published.append(item)
        (again if old else fresh).append(item)
    PublishedTerm.objects.bulk_create(fresh)
    PublishedTerm.objects.bulk_update(again, COPIED)
    Term.objects.filter(pk__in=[term.pk for term in terms]).update(status=Term.Status.PUBLISHED)
    for language, words in phrases.items():
        pages_refresh(phrases=words, language=language)
    for term in terms:
        term.status = Term.Status.PUBLISHED
    steps_record(terms, by=by, comment="Published.")
    for term in terms:
        signals.term_published.send(sender=Term, term=term, by=by)
    return published


@transaction.atomic
def term_unpublish(*, term: Term, by) -> Term:
    _may_publish(by)
    term = Term.objects.select_for_update().get(pk=term.pk)
    if not term.is_live:
        raise TermRefused(f"“{term}” is not on the site.")
    before = _published_phrases(term)
    PublishedTerm.objects.filter(term_draft=term).delete()
    term.status = Term.Status.UNPUBLISHED
    term.save(update_fields=["status"])
    pages_refresh(phrases=before, language=term.language)
    step_record(term, by=by, comment="Unpublished.")
    signals.term_unpublished.send(sender=Term, term=term, by=by)
    return term


@transaction.atomic
def term_delete(*, term: Term, by) -> None:
    """Delete a term (reviewers only), and its marks from every page; `term_deleted` says so if
    it was on the site."""
    _may_publish(by)
    term = Term.objects.select_for_update().filter(pk=term.pk).first()
    if term is None:  # deleted meanwhile (a second press)
        return
    live = term.is_live
    before = _published_phrases(term)
    language = term.language
    term.delete()
    pages_refresh(phrases=before, language=language)
    if live:
        signals.term_deleted.send(sender=Term, term=term, by=by)
