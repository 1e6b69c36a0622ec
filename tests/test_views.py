"""Patients can read every published condition on a phone, with JavaScript off."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Author, Condition, Section, Source
from tests.factories import make_condition, republish
from tests.html_text import elements, visible_text

SPASMS = "/conditions/severe-or-persistent-muscle-spasms/"
DYSTONIA = "/conditions/dystonia-and-medical-cannabis/"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.content.decode()


def test_home_lists_published_conditions_with_their_leads(client, seeded):
    make_condition(title="Unfinished draft", status=Condition.Status.DRAFT)

    text = visible_text(page(client, "/"))

    assert "Severe or Persistent Muscle Spasms" in text
    assert "Understand how medical marijuana helps with severe" in text
    assert "Dystonia and medic cannabis" in text
    assert "Dystonia is a neurological movement disorder syndrome" in text
    assert "Unfinished draft" not in text


def test_home_lists_a_condition_as_edited_and_published_at_once(client, db):
    one = make_condition(title="Eyelid spasms", lead="The old lead.")
    make_condition(title="Neck spasms")
    assert "The old lead." in visible_text(page(client, "/"))  # the list is kept from here on

    one.lead = "The new lead."
    one.save()
    republish(one)
    make_condition(title="Arm spasms")

    text = visible_text(page(client, "/"))
    assert "The new lead." in text and "The old lead." not in text
    assert text.index("Arm spasms") < text.index("Eyelid spasms") < text.index("Neck spasms")


def test_the_home_page_list_is_rendered_once_not_for_every_reader(client, db):
    """Thousands of cards take seconds to render: the list is kept until it changes."""
    from tests.bulk import make_conditions

    make_conditions(200)
    card = "frontend/includes/condition_card.html"
    first = client.get("/")
    assert [template.name for template in first.templates].count(card) == 200

    with CaptureQueriesContext(connection) as captured:
        again = client.get("/")

    assert card not in [template.name for template in again.templates]
    assert again.content == first.content
    assert len(captured) <= 2  # the list's revisions, from an index, and nothing per card


def test_home_has_a_search_box_that_works_without_javascript(client, seeded):
    forms = [attrs for tag, attrs in elements(page(client, "/")) if tag == "form"]
    assert forms == [
        {
            "class": "search-form",
            "action": "/search/",
            "method": "get",
            "role": "search",
            "data-first-language": "en",
        }
    ]


def test_condition_page_has_contents_linking_to_every_section(client, seeded):
    html = page(client, SPASMS)
    links = [a["href"] for tag, a in elements(html) if tag == "a" and a["href"].startswith("#")]
    ids = {attrs.get("id") for _, attrs in elements(html)}

    section_links = [link for link in links if link != "#main"]
    assert (
        len(section_links) == Section.objects.filter(condition__slug=SPASMS.split("/")[2]).count()
    )
    assert all(link[1:] in ids for link in section_links)


def test_when_to_seek_medical_advice_stands_out_as_a_callout(client, seeded):
    html = page(client, SPASMS)
    callouts = [
        attrs for tag, attrs in elements(html) if "callout" in (attrs.get("class") or "").split()
    ]
    assert len(callouts) == 1
    start = html.index(f'id="{callouts[0]["id"]}"')
    assert "When to seek medical advice" in html[start : start + 400]


def test_condition_page_shows_trust_information(client, seeded):
    text = visible_text(page(client, DYSTONIA))

    assert "Page last reviewed 21 November 2026" in text
    assert "Next review due 21 November 2027" in text
    assert "About Alexandra Alexandra Latour, Medical Writer" in text
    assert "complements, and never replaces, the advice of your own doctor" in text


def test_reviewer_sources_and_conflicts_of_interest_are_on_the_page(client, db):
    reviewer = Author.objects.create(name="Dr Rui Reviewer", credentials="MD, Neurologist")
    condition = make_condition(
        slug="meige", conflict_of_interest="The author has received speaker fees from Acme."
    )
    Source.objects.create(condition=condition, title="Second source", position=2, year=2021)
    Source.objects.create(
        condition=condition,
        title="First source",
        publisher="NHS",
        position=1,
        url="https://nhs.uk/",
    )
    condition.reviewed_by = reviewer
    condition.save()
    republish(condition)

    text = visible_text(page(client, "/conditions/meige/"))

    assert "Reviewed by Dr Rui Reviewer, MD, Neurologist" in text
    assert "Conflicts of interest The author has received speaker fees from Acme." in text
    assert "Sources First source. NHS. Second source, 2021." in text


def test_pages_without_a_reviewer_or_conflicts_say_nothing_about_them(client, seeded):
    text = visible_text(page(client, DYSTONIA))
    assert "Reviewed by" not in text and "Conflicts of interest" not in text


def test_urgent_advice_is_a_care_card_whose_label_is_read_out_with_its_heading(client, db):
    make_condition(
        slug="cards",
        sections=[
            (Section.Kind.WHEN_TO_SEEK_ADVICE, "See a GP if", "your neck hurts for weeks"),
            (Section.Kind.WHEN_TO_SEEK_ADVICE, "Ask for an urgent appointment if", "it spreads"),
            (Section.Kind.WHEN_TO_SEEK_ADVICE, "Call 999 if", "you cannot breathe"),
        ],
    )
    condition = Condition.objects.get(slug="cards")
    for section, urgency in zip(
        condition.sections.all(), ("non_urgent", "urgent", "emergency"), strict=True
    ):
        section.urgency = urgency
        section.save()
    republish(condition)

    html = page(client, "/conditions/cards/")

    cards = [
        attrs["class"]
        for tag, attrs in elements(html)
        if tag == "section" and "care-card" in attrs.get("class", "")
    ]
    assert cards == [
        "section care-card care-card-non_urgent",
        "section care-card care-card-urgent",
        "section care-card care-card-emergency",
    ]
    text = visible_text(html)
    assert "Non-urgent advice: See a GP if your neck hurts for weeks" in text
    assert "Urgent advice: Ask for an urgent appointment if it spreads" in text
    assert "Immediate action required: Call 999 if you cannot breathe" in text
    api = client.get("/api/v1/conditions/cards/").json()
    assert [s["urgency"] for s in api["sections"]] == ["non_urgent", "urgent", "emergency"]


def test_search_finds_a_page_by_the_title_of_a_related_condition(client, db):
    other = make_condition(title="Blepharospasm", slug="blepharospasm")
    make_condition(title="Meige syndrome", slug="meige", related=[other])

    text = visible_text(page(client, "/search/?q=blepharospasm"))

    assert "Meige syndrome" in text


def test_related_conditions_link_to_each_other(client, seeded):
    hrefs = {attrs.get("href") for tag, attrs in elements(page(client, DYSTONIA)) if tag == "a"}
    assert SPASMS in hrefs


def test_draft_is_not_found_in_the_sites_own_look(client, db):
    draft = make_condition(status=Condition.Status.DRAFT)

    html = page(client, draft.get_absolute_url(), status=404)

    assert "Page not found" in visible_text(html)
    assert "Spasm &amp; Dystonia Guide" in html
    assert any(
        tag == "link" and "/static/frontend/css/app." in a["href"] for tag, a in elements(html)
    )


def test_unpublishing_hides_a_page_that_was_public(client, db):
    condition = make_condition()
    page(client, condition.get_absolute_url())

    condition.status = Condition.Status.DRAFT
    condition.save()
    republish(condition)

    page(client, condition.get_absolute_url(), status=404)


def test_unknown_or_odd_addresses_are_404_never_500(client, db):
    for url in [
        "/conditions/no-such-thing/",
        "/conditions/%3Cscript%3E/",
        "/conditions/a%00b/",
        "/nope/",
    ]:
        page(client, url, status=404)


def test_zoom_is_never_blocked(client, seeded):
    for url in ["/", SPASMS, "/search/?q=spasm"]:
        viewports = [
            a["content"] for tag, a in elements(page(client, url)) if a.get("name") == "viewport"
        ]
        assert viewports == ["width=device-width, initial-scale=1"]


def test_search_finds_words_in_sections_across_conditions(client, seeded):
    text = visible_text(page(client, "/search/?q=blinking"))
    assert "2 results for “blinking”." in text
    assert "Severe or Persistent Muscle Spasms" in text
    assert "Dystonia and medic cannabis" in text


def test_search_needs_every_word_and_ignores_case(client, seeded):
    text = visible_text(page(client, "/search/?q=WILSON+basal"))
    assert "1 result for “WILSON basal”." in text
    assert "Dystonia and medic cannabis" in text


def test_other_names_show_under_the_title_and_are_found_by_search(client, db):
    make_condition(
        title="Writer’s cramp",
        slug="writers-cramp",
        also_called="Focal hand dystonia\n\n  Scrivener’s palsy ",
    )

    page_text = visible_text(page(client, "/conditions/writers-cramp/"))
    found = visible_text(page(client, "/search/?q=scrivener’s+palsy"))

    assert "Also called: Focal hand dystonia, Scrivener’s palsy" in page_text
    assert "1 result for “scrivener’s palsy”." in found
    assert "Writer’s cramp" in found


def test_search_matches_text_with_characters_html_escapes(client, db):
    make_condition(title="Cramp", lead='Don\'t "panic" & rest.')
    assert "1 result" in visible_text(page(client, "/search/?q=don't+%22panic%22+%26"))


def test_search_never_shows_drafts(client, seeded):
    make_condition(title="Secret draft about blinking", status=Condition.Status.DRAFT)
    assert "Secret draft" not in visible_text(page(client, "/search/?q=blinking"))


def test_search_with_nothing_found_suggests_another_word(client, seeded):
    assert "Nothing found for “zebra”." in visible_text(page(client, "/search/?q=zebra"))


def test_search_that_is_too_long_is_refused_with_a_reason(client, seeded):
    html = page(client, "/search/?q=" + "a" * 201, status=400)
    assert "Please search for at most 200 characters." in visible_text(html)


def test_empty_search_shows_just_the_form(client, seeded):
    text = visible_text(page(client, "/search/?q=+"))
    assert "result" not in text
    assert "Search the guidance" in text


def test_condition_page_costs_the_same_queries_however_large(client, db):
    """A page with many sections and related conditions costs no more SQL than a small one."""
    small = make_condition(sections=[(Section.Kind.OVERVIEW, "Only", "One section.")])
    large = make_condition(
        sections=[(Section.Kind.OTHER, f"Part {n}", f"Body {n}.") for n in range(30)],
        related=[make_condition() for _ in range(5)],
    )

    with CaptureQueriesContext(connection) as small_queries:
        page(client, small.get_absolute_url())
    with CaptureQueriesContext(connection) as large_queries:
        page(client, large.get_absolute_url())

    assert len(small_queries) == len(large_queries) <= 4
