"""The accessibility checks of what editors write: each rule, where it points, and silence on the
seed content and on the page the site wraps around it."""

import pytest

from conditions.accessibility import capital_runs, condition_issues
from conditions.models import Condition
from tests.factories import make_condition


def issues_of(*, lead="Lead.", body=None, heading="Causes", **fields):
    sections = [("other", heading, body)] if body is not None else []
    condition = make_condition(lead=lead, sections=sections, **fields)
    return [(issue.where, issue.problem, issue.found) for issue in condition_issues(condition)]


def fix_of(**written) -> str:
    (issue,) = condition_issues(make_condition(**written))
    return issue.fix


@pytest.mark.django_db
def test_a_skipped_heading_level_in_a_section_says_which_level_to_use():
    condition = make_condition(
        sections=[("causes", "Causes", "### Nerves\n\nText.\n\n##### Small nerves\n\nMore.")]
    )
    (issue,) = condition_issues(condition)
    assert (issue.where, issue.problem, issue.found) == (
        "Section “Causes”",
        "Heading level skipped: level 5 after level 3",
        "Small nerves",
    )
    assert "Start this line with #### instead of #####" in issue.fix


@pytest.mark.django_db
def test_a_sections_first_sub_heading_follows_the_section_heading():
    assert issues_of(body="#### Too deep\n\nText.") == [
        ("Section “Causes”", "Heading level skipped: level 4 after level 2", "Too deep")
    ]
    # Headings written with one or two #s are shown one level below the section heading.
    assert issues_of(body="# Top\n\n## Also top\n\n#### Under\n\nText.") == []


@pytest.mark.django_db
def test_a_sub_heading_in_the_lead_skips_the_section_level():
    assert issues_of(lead="Opening.\n\n### Early signs\n\nText.") == [
        ("Lead", "Sub-heading under the page title", "Early signs")
    ]


@pytest.mark.django_db
def test_an_empty_sub_heading():
    assert issues_of(body="Text.\n\n###\n\nMore text.") == [
        ("Section “Causes”", "Empty sub-heading", "###")
    ]


VAGUE = "Link text does not say where it leads"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("markdown", "problem", "found"),
    [
        ("[click here](https://www.nhs.uk/)", VAGUE, "click here"),
        ("[Here](https://www.nhs.uk/).", VAGUE, "Here"),
        ("[Read more…](https://www.nhs.uk/)", VAGUE, "Read more…"),
        (
            "[Click here to read the study](https://example.org/s)",
            VAGUE,
            "Click here to read the study",
        ),
        (
            "<https://www.nhs.uk/conditions/dystonia/>",
            "A bare address as link text",
            "https://www.nhs.uk/conditions/dystonia/",
        ),
        ("[www.nhs.uk](https://www.nhs.uk/)", "A bare address as link text", "www.nhs.uk"),
        ("[](https://www.nhs.uk/)", "Link without text", "https://www.nhs.uk/"),
    ],
)
def test_link_texts_that_do_not_say_where_they_lead(markdown, problem, found):
    assert issues_of(body=f"See {markdown}") == [("Section “Causes”", problem, found)]


@pytest.mark.django_db
def test_links_that_say_where_they_lead_pass():
    body = (
        "Read [the NHS page on dystonia](https://www.nhs.uk/conditions/dystonia/), write to "
        "[help@example.org](mailto:help@example.org) or call [111](tel:111)."
    )
    assert issues_of(body=body) == []


def test_capital_runs_leave_abbreviations_alone():
    assert capital_runs("PLEASE DO NOT STOP TAKING your medicine.") == ["PLEASE DO NOT STOP TAKING"]
    assert capital_runs("CALL 999 NOW IF YOU CANNOT BREATHE.") == [
        "CALL 999 NOW IF YOU CANNOT BREATHE."
    ]
    assert capital_runs("THC and CBD, as the NHS and the MHRA say, are not the same.") == []
    assert capital_runs("Ask your GP or the NHS UK MHRA.") == []  # three in a row


@pytest.mark.django_db
def test_text_in_capitals_in_fields_headings_and_bodies():
    found = issues_of(
        summary="IMPORTANT: READ THIS FIRST please.",
        heading="WHEN TO GET HELP NOW",
        body="Call 999. DO NOT DRIVE YOURSELF THERE.",
    )
    assert found == [
        ("Summary", "Text in capitals", "IMPORTANT: READ THIS FIRST"),
        ("Section “WHEN TO GET HELP NOW”", "Text in capitals", "WHEN TO GET HELP NOW"),
        ("Section “WHEN TO GET HELP NOW”", "Text in capitals", "DO NOT DRIVE YOURSELF THERE."),
    ]


@pytest.mark.django_db
def test_tables_need_column_headings():
    no_headings = "|  |  |\n|---|---|\n| Botox | every 3 months |"
    one_empty = "| Medicine |  |\n|---|---|\n| Botox | every 3 months |"
    headed = "| Medicine | How often |\n|---|---|\n| Botox | every 3 months |"
    assert issues_of(body=no_headings) == [
        ("Section “Causes”", "Table without column headings", "table 1")
    ]
    assert issues_of(body=f"{headed}\n\nText.\n\n{one_empty}") == [
        ("Section “Causes”", "Table with an empty column heading", "table 2")
    ]
    assert issues_of(body=headed) == []


@pytest.mark.django_db
def test_an_image_without_a_description_shows_nothing_to_patients():
    assert issues_of(lead="Look: ![](https://example.org/a.png)") == [
        ("Lead", "Image without a description", "![](…)")
    ]
    assert issues_of(body="![A hand with cramped fingers](https://example.org/a.png)") == []
    assert "Describe what it shows" in fix_of(lead="![ ](a.png)")


@pytest.mark.django_db
def test_the_seed_content_has_no_problems(seeded):
    for condition in Condition.objects.all():
        assert condition_issues(condition) == [], condition.slug


@pytest.mark.django_db
def test_the_preview_lists_problems_of_the_content_never_of_the_page_around_it(editor_client):
    condition = make_condition(
        title="Writer's cramp",
        status=Condition.Status.DRAFT,
        sections=[("causes", "Causes", "Text.\n\n#### Too deep\n\n[click here](https://a.org/)")],
    )
    url = f"/admin/conditions/condition/{condition.pk}/preview/"

    panel = editor_client.get(url).content.decode()
    frame = editor_client.get(url + "page/").content.decode()

    assert "Click here to ask us a specific question." in frame  # the site's own, not reported
    assert "2 problems to look at." in panel
    assert "Heading level skipped: level 4 after level 2" in panel
    assert panel.count(VAGUE) == 1
    assert "Click here to ask us" not in panel


@pytest.mark.django_db
def test_the_preview_of_clean_content_says_so(seeded, editor_client):
    condition = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    panel = editor_client.get(f"/admin/conditions/condition/{condition.pk}/preview/")
    assert "No problems found in what editors wrote." in panel.content.decode()
