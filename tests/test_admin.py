"""Editors write guidance through the admin's own forms, and bad input is refused by field."""

import re

import pytest
from django.contrib.auth.models import Permission, User

from conditions.models import Condition, Section
from tests.factories import make_condition
from tests.html_text import visible_text

ADD_URL = "/admin/conditions/condition/add/"


@pytest.fixture
def editor(db, client):
    """A staff member allowed to edit content, but not a superuser."""
    user = User.objects.create_user("editor", password="not-used", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="conditions").exclude(
            codename__startswith="delete"
        )
    )
    client.force_login(user)
    return user


def condition_form(**overrides):
    """POST data for the add form: a draft with two sections, entered out of order."""
    data = {
        "title": "Cervical dystonia",
        "slug": "cervical-dystonia",
        "question": "What helps with a twisting neck?",
        "summary": "",
        "lead": "Cervical dystonia makes the neck muscles **tighten** on their own.",
        "status": "draft",
        "author": "",
        "last_reviewed": "",
        "next_review_due": "",
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
        "sections-0-heading": "When to seek medical advice",
        "sections-0-body": "See a doctor if your neck is stuck.",
        "sections-1-position": "1",
        "sections-1-kind": "symptoms",
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


def test_new_condition_stays_hidden_until_published_with_review_dates(client, editor):
    client.post(ADD_URL, condition_form())
    assert client.get("/conditions/cervical-dystonia/").status_code == 404

    condition = Condition.objects.get(slug="cervical-dystonia")
    section_ids = list(condition.sections.values_list("id", flat=True))
    response = client.post(
        f"/admin/conditions/condition/{condition.pk}/change/",
        condition_form(
            status="published",
            last_reviewed="2026-11-20",
            next_review_due="2027-11-20",
            **{
                "sections-INITIAL_FORMS": "2",
                "sections-0-id": str(section_ids[1]),
                "sections-0-condition": str(condition.pk),
                "sections-1-id": str(section_ids[0]),
                "sections-1-condition": str(condition.pk),
                "sources-INITIAL_FORMS": "1",
                "sources-0-id": str(condition.sources.get().pk),
                "sources-0-condition": str(condition.pk),
            },
        ),
    )
    assert response.status_code == 302

    text = visible_text(client.get("/conditions/cervical-dystonia/").content.decode())
    assert "Symptoms Neck pain Head tremor" in text
    assert "When to seek medical advice See a doctor if your neck is stuck." in text
    assert "Sources Cervical dystonia. NHS, 2024." in text
    assert condition.sources.count() == 1


def test_the_add_form_offers_a_slug_from_the_title(client, editor):
    html = client.get(ADD_URL).content.decode()
    assert "prepopulated_fields" in html or "data-prepopulated-field" in html
    assert "Shown to patients as “Page last reviewed”." in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"slug": "not a slug!"}, "slug", "Enter a valid “slug”"),
        ({"lead": ""}, "lead", "This field is required."),
        ({"status": "published"}, "last_reviewed", "Set this date before publishing"),
        (
            {"last_reviewed": "2026-11-20", "next_review_due": "2026-01-01"},
            "next_review_due",
            "The next review must be due after the last review.",
        ),
        ({"last_reviewed": "20th of never"}, "last_reviewed", "Enter a valid date."),
        ({"sections-1-kind": "gossip"}, "sections-1-kind", "gossip is not one of the available"),
        ({"sections-0-heading": ""}, "sections-0-heading", "This field is required."),
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


def test_duplicate_slug_is_refused(client, editor):
    client.post(ADD_URL, condition_form())
    response = client.post(ADD_URL, condition_form(title="Another"))

    assert "Condition with this Slug already exists." in response.content.decode()
    assert Condition.objects.count() == 1


def test_changelist_shows_status_and_review_columns_and_searches(client, editor, seeded):
    html = client.get("/admin/conditions/condition/?q=dystonia").content.decode()
    text = visible_text(html)

    for column in ("Title", "Status", "Updated at", "Next review due", "Review overdue"):
        assert column in text
    assert "Dystonia and medic cannabis" in text
    assert "Severe or Persistent Muscle Spasms" not in text


def test_anonymous_visitors_cannot_reach_the_admin(client, db):
    response = client.get(ADD_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_removing_a_related_link_updates_the_other_page_too(client, editor):
    """B's page must stop linking to A as soon as an editor unlinks them on A."""
    other = make_condition(title="Blepharospasm", slug="blepharospasm")
    published = {
        "status": "published",
        "last_reviewed": "2026-11-20",
        "next_review_due": "2027-11-20",
    }
    client.post(ADD_URL, condition_form(**published, related=[str(other.pk)]))
    condition = Condition.objects.get(slug="cervical-dystonia")
    assert (
        "/conditions/cervical-dystonia/"
        in client.get("/conditions/blepharospasm/").content.decode()
    )

    sections = list(condition.sections.order_by("position"))
    response = client.post(
        f"/admin/conditions/condition/{condition.pk}/change/",
        condition_form(
            **published,
            **{
                "sections-INITIAL_FORMS": "2",
                "sections-0-id": str(sections[1].pk),
                "sections-1-id": str(sections[0].pk),
                "sources-INITIAL_FORMS": "1",
                "sources-0-id": str(condition.sources.get().pk),
            },
        ),
    )

    assert response.status_code == 302
    assert (
        "/conditions/cervical-dystonia/"
        not in client.get("/conditions/blepharospasm/").content.decode()
    )
    assert client.get("/api/v1/conditions/blepharospasm/").json()["related"] == []
