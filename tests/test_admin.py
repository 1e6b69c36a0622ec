"""Editors write guidance through the admin's own forms, and bad input is refused by field."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conditions.models import Condition, Section, Source
from conditions.services import condition_unpublish
from tests.factories import make_condition
from tests.html_text import visible_text
from tests.workflow import change_form, change_url, publish

ADD_URL = "/admin/conditions/condition/add/"
SOURCE_LINK_REFUSED = "A source’s link must be a web address starting with http:// or https://"


@pytest.fixture
def client(editor_client):
    """Most tests here act as an editor."""
    return editor_client


def condition_form(**overrides):
    """POST data for the add form: a draft with two sections, entered out of order."""
    data = {
        "title": "Cervical dystonia",
        "slug": "cervical-dystonia",
        "question": "What helps with a twisting neck?",
        "summary": "",
        "lead": "Cervical dystonia makes the neck muscles **tighten** on their own.",
        "edit_version": "0",
        "author": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-position": "1",
        "sources-0-title": "Cervical dystonia",
        "sources-0-publisher": "NHS",
        "sources-0-year": "2024",
        "sources-0-url": "https://www.nhs.uk/conditions/cervical-dystonia/",
        "sections-0-position": "2",
        "sections-0-kind": "when_to_seek_advice",
        "sections-0-urgency": "urgent",
        "sections-0-heading": "When to seek medical advice",
        "sections-0-body": "See a doctor if your neck is stuck.",
        "sections-1-position": "1",
        "sections-1-kind": "symptoms",
        "sections-1-urgency": "",
        "sections-1-heading": "Symptoms",
        "sections-1-body": "- Neck pain\n- Head tremor",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_condition_with_sections(client, editor):
    response = client.post(ADD_URL, condition_form())

    assert response.status_code == 302
    condition = Condition.objects.get(slug="cervical-dystonia")
    assert condition.status == Condition.Status.DRAFT
    assert [s.heading for s in condition.sections.all()] == [
        "Symptoms",
        "When to seek medical advice",
    ]


def test_the_form_has_no_way_to_publish_or_set_review_dates(client, editor):
    """Status, review dates and reviewer are set by the workflow, never typed into the form."""
    response = client.post(
        ADD_URL,
        condition_form(
            status="published",
            last_reviewed="2026-11-20",
            next_review_due="2027-11-20",
            reviewed_by="1",
            draft_revision="forged",
        ),
    )

    assert response.status_code == 302
    condition = Condition.objects.get(slug="cervical-dystonia")
    assert condition.status == Condition.Status.DRAFT
    assert (condition.last_reviewed, condition.next_review_due, condition.reviewed_by) == (
        None,
        None,
        None,
    )
    assert condition.draft_revision != "forged"
    assert client.get("/conditions/cervical-dystonia/").status_code == 404


def test_the_add_form_offers_a_slug_from_the_title(client, editor):
    html = client.get(ADD_URL).content.decode()
    assert "prepopulated_fields" in html or "data-prepopulated-field" in html
    assert "Set by a clinical reviewer when they publish." in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"slug": "not a slug!"}, "slug", "Enter a valid “slug”"),
        ({"lead": ""}, "lead", "This field is required."),
        (
            {"sections-0-urgency": "whenever"},
            "sections-0-urgency",
            "whenever is not one of the available",
        ),
        ({"sections-1-kind": "gossip"}, "sections-1-kind", "gossip is not one of the available"),
        ({"sections-0-heading": ""}, "sections-0-heading", "This field is required."),
        (
            {"sources-0-url": "ftp://ftp.example.org/dystonia.pdf"},
            "sources-0-url",
            SOURCE_LINK_REFUSED,
        ),
        (
            {"sections-0-body": "nul \x00 byte"},
            "sections-0-body",
            "Null characters are not allowed.",
        ),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(client, editor, overrides, field, message):
    response = client.post(ADD_URL, condition_form(**overrides))

    assert response.status_code == 200
    error_list = re.search(
        rf'<ul class="errorlist" id="id_{re.escape(field)}_error">(.*?)</ul>',
        response.content.decode(),
    )
    assert error_list, f"no error shown next to {field}"
    assert message in error_list.group(1)
    assert Condition.objects.count() == 0
    assert Section.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "ftp://ftp.example.org/dystonia.pdf",
        "ftps://ftp.example.org/dystonia.pdf",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "mailto:team@example.org",
    ],
)
def test_the_model_refuses_a_source_link_other_than_http_or_https(db, url):
    source = Source(condition=make_condition(), title="Dystonia", url=url)
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert SOURCE_LINK_REFUSED in " ".join(refused.value.message_dict["url"])


@pytest.mark.parametrize(
    "url", ["https://www.nhs.uk/conditions/dystonia/", "http://example.org", ""]
)
def test_the_model_accepts_web_source_links_or_none(db, url):
    Source(condition=make_condition(), title="Dystonia", url=url).full_clean()


def test_duplicate_slug_is_refused(client, editor):
    client.post(ADD_URL, condition_form())
    response = client.post(ADD_URL, condition_form(title="Another"))

    assert "Condition with this Slug already exists." in response.content.decode()
    assert Condition.objects.count() == 1


def test_changelist_shows_status_and_review_columns_and_searches(client, editor, seeded):
    html = client.get("/admin/conditions/condition/?q=dystonia").content.decode()
    text = visible_text(html)

    columns = ("Title", "Status", "On the site", "Unpublished changes", "Next review due")
    for column in (*columns, "Last saved"):
        assert column in text
    assert "Dystonia and medic cannabis" in text
    assert "Severe or Persistent Muscle Spasms" not in text
    assert "icon-no" not in html and "icon-yes" not in html  # plain Yes and No


def test_changelist_marks_an_overdue_review_beside_its_date(client, editor):
    make_condition(
        title="Overdue page",
        last_reviewed=datetime.date(2024, 12, 1),
        next_review_due=datetime.date(2025, 12, 1),
    )
    html = client.get("/admin/conditions/condition/?q=overdue").content.decode()
    assert "1 Dec 2025 (overdue)" in visible_text(html)


def test_anonymous_visitors_cannot_reach_the_admin(db):
    response = Client().get(ADD_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_unlinking_takes_the_link_off_the_other_page_once_that_page_is_published(client, reviewer):
    """Links go both ways; each page shows a change once a reviewer publishes that page."""
    other = make_condition(title="Blepharospasm", slug="blepharospasm")
    client.post(ADD_URL, condition_form(related=[str(other.pk)]))
    condition = Condition.objects.get(slug="cervical-dystonia")
    publish(condition, by=reviewer)
    other.refresh_from_db()
    assert other.has_unpublished_changes  # its draft now links to a live page
    assert "cervical" not in client.get("/conditions/blepharospasm/").content.decode()

    publish(other, by=reviewer)
    assert (
        "/conditions/cervical-dystonia/"
        in client.get("/conditions/blepharospasm/").content.decode()
    )

    data = change_form(client, condition)
    data["related"] = []
    assert client.post(change_url(condition), data).status_code == 302
    other.refresh_from_db()
    assert other.has_unpublished_changes
    assert client.get("/api/v1/conditions/blepharospasm/").json()["related"] == [
        {"slug": "cervical-dystonia", "title": "Cervical dystonia"}
    ]

    publish(other, by=reviewer)
    assert client.get("/api/v1/conditions/blepharospasm/").json()["related"] == []


def test_unpublishing_a_condition_takes_it_off_every_page_linking_to_it(client, reviewer):
    """A link to a page that is gone must never be left behind, whatever the other page's draft."""
    other = make_condition(title="Blepharospasm", slug="blepharospasm")
    target = make_condition(title="Meige syndrome", slug="meige-syndrome", related=[other])
    publish(other, by=reviewer)
    assert (
        "/conditions/meige-syndrome/" in client.get("/conditions/blepharospasm/").content.decode()
    )

    condition_unpublish(condition=target, by=reviewer)

    assert client.get("/conditions/meige-syndrome/").status_code == 404
    assert "meige" not in client.get("/conditions/blepharospasm/").content.decode()
