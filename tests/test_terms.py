"""Terms: editors write them, clinical reviewers publish them, pages mark their first use and
the Terms page lists them, online and in the offline copy."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from reversion.models import Version

from conditions.models import Publication, PublishedTerm, Section, Term
from conditions.terms.services import term_publish, term_unpublish
from tests.factories import make_condition, make_term
from tests.forms import form_data
from tests.html_text import elements, visible_text

TERMS_ADMIN = "/admin/conditions/term/"
MANIFEST = "/api/v1/offline-manifest/"


def page(client, condition) -> str:
    response = client.get(condition.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def term_links(html: str) -> list[tuple[str, str, str]]:
    """(text, href, title) of each marked term on a page."""
    return [
        (text, href, title)
        for href, title, text in re.findall(
            r'<a class="term" href="([^"]*)" title="([^"]*)">([^<]*)</a>', html
        )
    ]


def manifest_revisions(client) -> dict[str, str]:
    return {e["url"]: e["revision"] for e in client.get(MANIFEST).json()["entries"]}


@pytest.fixture
def tremor_page(db):
    return make_condition(
        title="Essential tremor",
        lead="A tremor is shaking you cannot stop. [Tremor help](https://example.org/tremor)",
        sections=[
            (Section.Kind.SYMPTOMS, "Tremor", "### Tremor at rest\n\nTremors of the hands."),
        ],
    )


# --- the workflow ---


def test_only_reviewers_may_publish_a_term(editor, reviewer):
    term = make_term("tremor", "shaking", published=False)
    assert not editor.has_perm("conditions.publish_term")
    assert reviewer.has_perm("conditions.publish_term")

    with pytest.raises(PermissionDenied):
        term_publish(term=term, by=editor)
    assert not PublishedTerm.objects.exists()

    term_publish(term=term, by=reviewer)
    published = PublishedTerm.objects.get()
    assert (published.term, published.other_names, published.published_by) == (
        "tremor",
        ["shaking"],
        reviewer,
    )
    with pytest.raises(PermissionDenied):
        term_unpublish(term=term, by=editor)


def test_a_draft_edit_changes_nothing_patients_see_until_published(client, reviewer, tremor_page):
    term = make_term("tremor", "shaking", explanation="Shaking you cannot stop.")
    before = page(client, tremor_page)
    term.explanation = "An edited explanation nobody reviewed."
    term.save()

    assert page(client, tremor_page) == before
    assert "nobody reviewed" not in client.get("/terms/").content.decode()
    assert Term.objects.get().has_unpublished_changes

    term_publish(term=term, by=reviewer)
    assert "nobody reviewed" in page(client, tremor_page)
    assert not Term.objects.get().has_unpublished_changes


def test_history_keeps_each_save_and_step_with_who(editor_client, reviewer):
    response = editor_client.post(
        f"{TERMS_ADMIN}add/",
        {"language": "en", "term": "tremor", "other_names": "shaking", "explanation": "Shaking."},
    )
    assert response.status_code == 302
    term = Term.objects.get()
    term_publish(term=term, by=reviewer)

    versions = Version.objects.get_for_object(term).order_by("revision__date_created")
    assert [(v.revision.user.username, v.revision.get_comment()) for v in versions] == [
        ("edith", "Added."),
        ("rui", "Published."),
    ]
    assert versions[0].field_dict["explanation"] == "Shaking."


# --- the admin ---


def add_form(client, **fields) -> tuple[int, str]:
    data = {"language": "en", "term": "", "other_names": "", "explanation": "", **fields}
    response = client.post(f"{TERMS_ADMIN}add/", data)
    return response.status_code, visible_text(response.content.decode())


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"term": "Tremor"}, "“tremor” is already a term in English: edit that term"),
        ({"term": "wobble", "other_names": "Shaking"}, "“Shaking” already leads to the term "),
        ({"term": "Shaking"}, "“Shaking” is already an other name of the term “tremor”"),
        ({"term": "wobble", "explanation": "  "}, "Write a short, plain explanation"),
        ({"term": "wobble", "other_names": "Wobble"}, "“Wobble” is the term itself"),
        ({"term": "wobble", "other_names": "wobbly\nWobbly"}, "“Wobbly” is listed more than once"),
        ({"term": "wobble", "other_names": "--"}, "“--” has no letters or digits"),
        ({"term": "wobble", "explanation": "x" * 401}, "Keep the explanation to 400 characters"),
        ({"term": "!!!"}, "The term needs letters or digits"),
        ({"term": "", "explanation": "Plain."}, "Write the term, for example “tremor”."),
    ],
)
def test_the_form_names_each_problem_and_stores_nothing(editor_client, fields, message):
    make_term("tremor", "shaking")
    fields = {"explanation": "A plain explanation.", **fields}

    status, text = add_form(editor_client, **fields)

    assert status == 200
    assert message in text
    assert Term.objects.count() == 1


def test_editors_cannot_publish_from_the_list_but_reviewers_can(editor_client, reviewer_client):
    term = make_term("tremor", "shaking", published=False)
    action = {"_selected_action": [term.pk], "index": 0}

    listing = editor_client.get(TERMS_ADMIN).content.decode()
    assert 'value="publish"' not in listing
    editor_client.post(TERMS_ADMIN, {**action, "action": "publish"})
    assert not PublishedTerm.objects.exists()
    assert editor_client.get(f"{TERMS_ADMIN}{term.pk}/delete/").status_code == 403

    response = reviewer_client.post(TERMS_ADMIN, {**action, "action": "publish"}, follow=True)
    assert "Published: tremor." in visible_text(response.content.decode())
    assert PublishedTerm.objects.get().term == "tremor"


def test_submitting_and_unpublishing_from_the_list(editor_client, reviewer_client):
    term = make_term("tremor", published=False)
    action = {"_selected_action": [term.pk], "index": 0}

    editor_client.post(TERMS_ADMIN, {**action, "action": "submit_for_review"})
    assert Term.objects.get().status == Term.Status.IN_REVIEW
    response = editor_client.post(
        TERMS_ADMIN, {**action, "action": "submit_for_review"}, follow=True
    )
    assert "“tremor” is already waiting for a clinical reviewer." in visible_text(
        response.content.decode()
    )
    reviewer_client.post(TERMS_ADMIN, {**action, "action": "publish"})
    reviewer_client.post(TERMS_ADMIN, {**action, "action": "unpublish"})
    assert not PublishedTerm.objects.exists()
    assert Term.objects.get().status == Term.Status.UNPUBLISHED


def test_the_change_form_shows_what_patients_see(editor_client):
    term = make_term("botulinum toxin", "botox", "BTX", explanation="A medicine.")
    term.explanation = "A changed draft."
    term.save()

    html = editor_client.get(f"{TERMS_ADMIN}{term.pk}/change/").content.decode()

    assert "botulinum toxin (also: botox, BTX): A medicine." in visible_text(html)
    assert form_data(html, "term_form")["explanation"] == "A changed draft."


# --- pages ---


def test_a_page_marks_the_first_use_of_each_term_and_keeps_every_word(client, tremor_page):
    before = visible_text(page(client, tremor_page))
    make_term("tremor", "shaking", explanation="Shaking you cannot stop.")
    make_term("hands", explanation="Hands & fingers.")

    html = page(client, tremor_page)

    assert visible_text(html) == before
    assert term_links(html) == [
        ("tremor", "/terms/#tremor", "Shaking you cannot stop."),
        ("hands", "/terms/#hands", "Hands &amp; fingers."),
    ]


def test_marks_skip_links_and_headings_and_take_plurals(client, db):
    condition = make_condition(
        title="Cramps",
        lead="[Spasm clinic](https://example.org/) helps.",
        sections=[(Section.Kind.SYMPTOMS, "Spasm", "### Spasm\n\nSpasms at night. A spasm.")],
    )
    make_term("spasm", "cramp")

    assert term_links(page(client, condition)) == [
        ("Spasms", "/terms/#spasm", "A plain explanation of spasm.")
    ]


def test_publishing_a_term_changes_exactly_the_pages_that_use_it(client, reviewer, tremor_page):
    other = make_condition(title="Hand cramps", lead="Cramps in the hands.")
    before = manifest_revisions(client)
    etags = {c.slug: client.get(c.get_absolute_url())["ETag"] for c in (tremor_page, other)}

    term = make_term("tremor", "shaking", published=False)
    term_publish(term=term, by=reviewer)

    after = manifest_revisions(client)
    changed = {url for url in after if before.get(url) != after[url]}
    # The page using it, the Terms page, and the names offline search reads: no other page.
    assert changed == {tremor_page.get_absolute_url(), "/terms/", "/api/v1/offline-search/names/"}
    assert client.get(tremor_page.get_absolute_url())["ETag"] != etags[tremor_page.slug]
    assert client.get(other.get_absolute_url())["ETag"] == etags[other.slug]
    api = client.get(f"/api/v1/conditions/{tremor_page.slug}/")
    assert api["ETag"].strip('"') == Publication.objects.get(slug=tremor_page.slug).revision

    term_unpublish(term=term, by=reviewer)
    assert term_links(page(client, tremor_page)) == []
    assert manifest_revisions(client) == before


def test_renaming_a_term_moves_its_mark(client, reviewer, tremor_page):
    term = make_term("shaking")
    assert [text for text, *_ in term_links(page(client, tremor_page))] == ["shaking"]
    term.term = "tremor"
    term.save()
    term_publish(term=term, by=reviewer)
    assert [text for text, *_ in term_links(page(client, tremor_page))] == ["tremor"]


def test_a_condition_published_after_the_term_marks_it(client, db):
    make_term("dystonia")
    condition = make_condition(title="Hand cramps", lead="Writer’s cramp is a dystonia.")
    assert [text for text, *_ in term_links(page(client, condition))] == ["dystonia"]


def test_the_terms_page_lists_published_terms_a_to_z_with_other_names(client, db):
    make_term("tremor", "shaking", "trembling", explanation="Shaking you cannot stop.")
    make_term("Botulinum toxin", "botox", explanation="A medicine.")
    make_term("draft only", published=False)

    html = client.get("/terms/").content.decode()

    text = visible_text(html)
    assert text.index("Botulinum toxin") < text.index("tremor")
    assert "Also called: shaking, trembling Shaking you cannot stop." in text
    assert "draft only" not in text
    ids = {attrs.get("id") for _, attrs in elements(html)}
    assert {"botulinum-toxin", "tremor"} <= ids
    assert ("a", {"href": "/terms/"}) in elements(client.get("/").content.decode())
    assert "/terms/" in manifest_revisions(client)


def test_a_page_costs_the_same_queries_with_terms(client, db, django_assert_num_queries):
    condition = make_condition(lead="Dystonia and tremor.")
    for number in range(20):
        make_term(f"word{number}")
    make_term("tremor")
    client.get(condition.get_absolute_url())  # rendered and cached
    with django_assert_num_queries(1):
        assert client.get(condition.get_absolute_url()).status_code == 200


# --- seeds ---


def test_the_seed_terms_are_loaded_once_and_never_overwrite_an_edit(client, seeded):
    assert PublishedTerm.objects.count() == Term.objects.count() >= 8
    term = Term.objects.get(term="tremor")
    term.explanation = "An editor's own words."
    term.save()

    call_command("load_seed_content", verbosity=0)

    assert Term.objects.get(term="tremor").explanation == "An editor's own words."
    spasms = client.get("/conditions/severe-or-persistent-muscle-spasms/").content.decode()
    assert "tremors" in [text for text, *_ in term_links(spasms)]
