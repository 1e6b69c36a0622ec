"""Reading-age advice in the admin: shown on the publish page and beside the fields, never a bar
to saving, and a reason asked of a reviewer publishing a page above the target."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import timezone

from conditions.models import Condition, Section
from conditions.services import ReadingAgeUnconfirmed, condition_publish
from tests.factories import make_condition
from tests.forms import form_data
from tests.html_text import visible_text
from tests.workflow import change_form, change_url

SEED = json.loads((Path(__file__).parent.parent / "fixtures/seed_conditions.json").read_text())
SPASMS = next(c for c in SEED["conditions"] if c["slug"] == "severe-or-persistent-muscle-spasms")
CAUSES = next(s for s in SPASMS["sections"] if s["heading"] == "Causes")


def publish_url(condition):
    return f"/admin/conditions/condition/{condition.pk}/publish/"


def history_text(client, condition) -> str:
    page = client.get(f"/admin/conditions/condition/{condition.pk}/history/")
    return visible_text(page.content.decode())


@pytest.fixture
def adult_draft(db):
    """A draft in the seed's own words, written for adults: reading age 19.1 (lead) and 23.2
    (causes), above the default target of 11."""
    return make_condition(
        title="Muscle spasms",
        slug="muscle-spasms",
        status=Condition.Status.DRAFT,
        lead=SPASMS["lead"],
        sections=[(Section.Kind.CAUSES, "Causes", CAUSES["body"])],
    )


@pytest.fixture
def plain_draft(db):
    return make_condition(
        title="Cramp",
        slug="cramp",
        status=Condition.Status.DRAFT,
        lead="A cramp is a sudden pain in a muscle. It goes away on its own.",
        sections=[(Section.Kind.SYMPTOMS, "Signs", "- Your leg feels tight.\n- It hurts.")],
    )


def test_the_publish_page_shows_the_reading_age_and_each_finding_with_where_it_is(
    reviewer_client, adult_draft
):
    text = visible_text(reviewer_client.get(publish_url(adult_draft)).content.decode())

    assert "Reading age of the page: 21.3; the target is 11. It is above the target." in text
    assert "Lead 19.1" in text
    assert "Section “Causes” 23.2" in text
    # The one long sentence (29 words), on the row of the section it is in.
    assert (
        "Chronic muscle spasms can be a symptom of a number of medical conditions, including "
        "multiple sclerosis, amyotrophic lateral sclerosis (ALS), degenerative diseases, and "
        "spinal cord injuries."
    ) in text.split("Section “Causes”")[1]
    assert "marijuana" in text.split("Lead")[1].split("Section")[0]
    assert "Reason for publishing above the target reading age" in text


def test_publishing_above_the_target_without_a_reason_is_refused_and_publishes_nothing(
    reviewer_client, adult_draft, client
):
    data = form_data(reviewer_client.get(publish_url(adult_draft)).content.decode(), "publish-form")
    assert data["reading_age_reason"] == ""

    response = reviewer_client.post(publish_url(adult_draft), data)

    assert response.status_code == 200
    assert (
        "This page has a reading age of 21.3, above the target of 11. Give a short reason"
        in visible_text(response.content.decode())
    )
    assert "Nothing was published." in visible_text(response.content.decode())
    adult_draft.refresh_from_db()
    assert adult_draft.status == Condition.Status.DRAFT and not adult_draft.is_live
    assert adult_draft.last_reviewed != timezone.localdate()
    assert client.get("/conditions/muscle-spasms/").status_code == 404
    assert "Published." not in history_text(reviewer_client, adult_draft)


def test_publishing_above_the_target_with_a_reason_records_it_in_the_history(
    reviewer_client, adult_draft, client
):
    data = form_data(reviewer_client.get(publish_url(adult_draft)).content.decode(), "publish-form")
    data["next_review_due"] = "2028-02-01"
    data["reading_age_reason"] = "  The names of the\nconditions cannot be simpler. "

    response = reviewer_client.post(publish_url(adult_draft), data)

    assert response.status_code == 302
    assert client.get("/conditions/muscle-spasms/").status_code == 200
    assert (
        "Published. Next review due 1 February 2028. Reading age 21.3, above the target of 11: "
        "The names of the conditions cannot be simpler."
    ) in history_text(reviewer_client, adult_draft)


def test_below_the_target_no_reason_is_asked(reviewer_client, plain_draft, client):
    page = reviewer_client.get(publish_url(plain_draft)).content.decode()
    data = form_data(page, "publish-form")
    assert "reading_age_reason" not in data
    assert "It is within the target." in visible_text(page)

    response = reviewer_client.post(publish_url(plain_draft), data)

    assert response.status_code == 302
    assert client.get("/conditions/cramp/").status_code == 200
    due = datetime.date.fromisoformat(data["next_review_due"])
    assert f"Published. Next review due {due:%-d %B %Y}." in history_text(
        reviewer_client, plain_draft
    )
    assert "Reading age" not in history_text(reviewer_client, plain_draft)


def test_the_target_is_a_setting(reviewer_client, adult_draft, settings):
    settings.READING_AGE_TARGET = 25

    page = reviewer_client.get(publish_url(adult_draft)).content.decode()

    assert "the target is 25. It is within the target." in visible_text(page)
    assert "reading_age_reason" not in form_data(page, "publish-form")


def test_every_caller_of_the_service_is_held_to_the_rule(reviewer, adult_draft):
    publishing = {
        "condition": adult_draft,
        "by": reviewer,
        "next_review_due": timezone.localdate() + datetime.timedelta(days=30),
        "seen_edit_version": adult_draft.edit_version,
    }
    with pytest.raises(ReadingAgeUnconfirmed, match="reading age of 21.3, above the target of 11"):
        condition_publish(**publishing, reading_age_reason="   ")

    condition_publish(**publishing, reading_age_reason="Checked with patients.")

    adult_draft.refresh_from_db()
    assert adult_draft.is_live


def test_the_change_form_shows_each_fields_checks_after_a_save_and_still_saves(
    editor_client, adult_draft
):
    data = change_form(editor_client, adult_draft)
    data["lead"] = SPASMS["lead"] + " It is not a disease in itself."

    response = editor_client.post(change_url(adult_draft), data, follow=True)

    assert response.status_code == 200  # advice only: a page above the target saves
    adult_draft.refresh_from_db()
    assert adult_draft.lead.endswith("It is not a disease in itself.")
    text = visible_text(editor_client.get(change_url(adult_draft)).content.decode())
    assert "Reading age of the saved draft:" in text
    lead_note = text.split("Reading age when last saved:")[1]
    assert "Words patients may not know: Medical, marijuana," in lead_note.split("Reading age")[0]
    causes_note = text.split("Reading age when last saved:")[2]
    assert "Long sentence: “Chronic muscle spasms can be a symptom" in causes_note
