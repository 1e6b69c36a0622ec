"""Only clinical reviewers publish, and patients see nothing of a draft until they do."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from conditions.models import Author, Condition, Section
from tests.factories import make_condition
from tests.forms import form_data
from tests.html_text import visible_text
from tests.staff import staff_client
from tests.workflow import READING_AGE_REASON, change_form, change_url, publish

DYSTONIA = "dystonia-and-medical-cannabis"


def publish_url(condition):
    return f"/admin/conditions/condition/{condition.pk}/publish/"


@pytest.fixture
def draft(db):
    return make_condition(
        title="Cervical dystonia",
        slug="cervical-dystonia",
        status=Condition.Status.DRAFT,
        sections=[(Section.Kind.SYMPTOMS, "Symptoms", "- Neck pain")],
    )


def public_state(client, slug=DYSTONIA) -> dict:
    """Everything an anonymous reader or the offline app can fetch about one condition."""
    page = client.get(f"/conditions/{slug}/")
    detail = client.get(f"/api/v1/conditions/{slug}/")
    return {
        "page": page.content,
        "page_etag": page["ETag"],
        "detail": detail.content,
        "detail_etag": detail["ETag"],
        "list": client.get("/api/v1/conditions/").content,
        "manifest": client.get("/api/v1/offline-manifest/").content,
        "search": client.get("/search/", {"q": "zebrafish"}).content,
    }


# --- roles ---


def test_the_migrations_create_both_groups_and_only_reviewers_may_publish(editor, reviewer):
    assert not editor.has_perm("conditions.publish_condition")
    assert not editor.has_perm("conditions.delete_condition")
    assert editor.has_perm("conditions.change_condition")
    assert reviewer.has_perm("conditions.publish_condition")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", ["publish", "unpublish", "delete"])
def test_an_editor_is_refused_every_page_that_publishes_or_removes(
    editor_client, seeded, method, page
):
    condition = Condition.objects.get(slug=DYSTONIA)
    url = f"/admin/conditions/condition/{condition.pk}/{page}/"
    data = {"next_review_due": "2030-01-01", "seen_edit_version": condition.edit_version}

    response = getattr(editor_client, method)(url, data if method == "post" else None)

    assert response.status_code == 403
    assert Condition.objects.get(slug=DYSTONIA).is_live


def test_an_editor_pressing_save_and_publish_saves_but_cannot_publish(editor_client, draft):
    data = change_form(editor_client, draft)
    assert "_publish" not in editor_client.get(change_url(draft)).content.decode()
    data["lead"] = "Changed lead."
    data["_publish"] = "Save and publish…"

    response = editor_client.post(change_url(draft), data, follow=True)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.lead, draft.status, draft.is_live) == ("Changed lead.", "draft", False)


def test_an_editor_has_no_publish_action_or_link(editor_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    listing = editor_client.get("/admin/conditions/condition/").content.decode()
    change = editor_client.get(change_url(condition)).content.decode()

    assert 'value="submit_for_review"' in listing
    assert "publish" not in form_data(listing, "changelist-form").get("action", "")
    assert 'value="delete_selected"' not in listing
    assert "Publish…" not in change and "Unpublish…" not in change
    assert "Save and submit for review" in change


def test_the_content_api_cannot_be_written_to(editor_client, seeded):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(editor_client, method)(
            f"/api/v1/conditions/{DYSTONIA}/", {"status": "draft"}, content_type="application/json"
        )
        assert response.status_code in (403, 405), method
    assert Condition.objects.get(slug=DYSTONIA).is_live


# --- draft, review, publish ---


def test_editor_submits_and_reviewer_publishes_with_review_dates(
    editor_client, reviewer, draft, client
):
    data = change_form(editor_client, draft)
    data["_submit_for_review"] = "Save and submit for review"
    editor_client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.status == Condition.Status.IN_REVIEW
    assert client.get("/conditions/cervical-dystonia/").status_code == 404

    publish(draft, by=reviewer, next_review_due="2027-05-01")

    draft.refresh_from_db()
    assert draft.status == Condition.Status.PUBLISHED
    assert draft.last_reviewed == timezone.localdate()
    assert draft.next_review_due == datetime.date(2027, 5, 1)
    text = visible_text(client.get("/conditions/cervical-dystonia/").content.decode())
    assert "Reviewed by Dr Rui Reviewer, MD, Consultant Neurologist" in text
    assert f"Page last reviewed {timezone.localdate():%-d %B %Y}" in text
    assert "Next review due 1 May 2027" in text


def test_the_publish_page_shows_what_changes_for_patients(editor_client, reviewer_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    data = change_form(editor_client, condition)
    data["summary"] = "A brand new summary."
    editor_client.post(change_url(condition), data)

    html = reviewer_client.get(publish_url(condition)).content.decode()

    changes = visible_text(html)
    assert "Added: Summary: A brand new summary." in changes
    assert "Dr Rui Reviewer, MD, Consultant Neurologist reviewed this page today" in changes


def test_a_draft_edit_of_a_published_page_changes_nothing_public(
    editor_client, reviewer, seeded, client
):
    """Not the page, the API and its ETag, the list, the offline manifest or search."""
    condition = Condition.objects.get(slug=DYSTONIA)
    before = public_state(client)
    data = change_form(editor_client, condition)
    data["sections-0-body"] = "Zebrafish research says otherwise."
    data["title"] = "Dystonia, a new title"
    assert editor_client.post(change_url(condition), data).status_code == 302

    assert public_state(client) == before
    condition.refresh_from_db()
    assert condition.has_unpublished_changes
    listing = editor_client.get("/admin/conditions/condition/?changes=unpublished")
    assert "Dystonia, a new title" in visible_text(listing.content.decode())

    publish(condition, by=reviewer)

    after = public_state(client)
    assert after["detail_etag"] != before["detail_etag"]
    assert after["manifest"] != before["manifest"]
    assert b"Zebrafish research" in after["page"]
    assert b"Dystonia, a new title" in after["search"]
    condition.refresh_from_db()
    assert not condition.has_unpublished_changes


def test_publishing_is_refused_if_the_draft_changed_after_the_reviewer_opened_it(
    editor_client, reviewer_client, seeded, client
):
    condition = Condition.objects.get(slug=DYSTONIA)
    before = public_state(client)
    seen = form_data(reviewer_client.get(publish_url(condition)).content.decode(), "publish-form")
    seen["reading_age_reason"] = READING_AGE_REASON  # the seed page reads above the target
    data = change_form(editor_client, condition)
    data["summary"] = "Written while the reviewer was reading."
    editor_client.post(change_url(condition), data)

    response = reviewer_client.post(publish_url(condition), seen)

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Edith Editor changed this condition at" in text
    assert "Nothing was published" in text
    assert "Added: Summary: Written while the reviewer was reading." in text
    assert public_state(client) == before
    # The page now carries the newer draft, so confirming again publishes what was shown.
    again = form_data(response.content.decode(), "publish-form")
    assert reviewer_client.post(publish_url(condition), again).status_code == 302
    assert b"Written while the reviewer" in client.get(f"/conditions/{DYSTONIA}/").content


def test_publishing_is_refused_if_what_the_page_shows_changed_elsewhere(
    editor_client, reviewer_client, seeded, client
):
    """The author's bio is on the page: a reviewer never publishes a bio they have not seen."""
    condition = Condition.objects.get(slug=DYSTONIA)
    before = public_state(client)
    seen = form_data(reviewer_client.get(publish_url(condition)).content.decode(), "publish-form")
    author_url = f"/admin/conditions/author/{condition.author.pk}/change/"
    data = form_data(editor_client.get(author_url).content.decode(), "author_form")
    data["bio"] = "A bio written while the reviewer was reading."
    assert editor_client.post(author_url, data).status_code == 302

    response = reviewer_client.post(publish_url(condition), seen)

    text = visible_text(response.content.decode())
    assert "Edith Editor changed this condition at" in text
    assert "Nothing was published" in text
    assert public_state(client) == before


def test_an_edit_form_is_refused_after_a_change_to_what_its_page_shows(
    editor_client, seeded, client
):
    """Linking another page changes this page's links: a form opened before it would undo it."""
    condition = Condition.objects.get(slug=DYSTONIA)
    stale = change_form(editor_client, condition)
    other = make_condition(title="Writer's cramp", slug="writers-cramp")
    linking = change_form(editor_client, other)
    linking["related"] = [str(condition.pk)]
    assert editor_client.post(change_url(other), linking).status_code == 302

    stale["summary"] = "Saved from a form opened before the link."
    response = editor_client.post(change_url(condition), stale)

    assert response.status_code == 200
    assert "Edith Editor changed this condition at" in visible_text(response.content.decode())
    condition.refresh_from_db()
    assert condition.summary != "Saved from a form opened before the link."
    assert other in condition.related.all()


def test_a_reviewer_without_credentials_cannot_publish(draft, client):
    user = User.objects.create_user("nameless", is_staff=True)
    user.groups.add(Group.objects.get(name="Clinical reviewer"))
    Author.objects.create(name="No Credentials", user=user)
    reviewer_client = staff_client(user)

    page = reviewer_client.get(publish_url(draft)).content.decode()
    response = reviewer_client.post(
        publish_url(draft),
        {"next_review_due": "2030-01-01", "seen_edit_version": draft.edit_version},
    )

    assert "fill in your credentials" in visible_text(page)
    assert "fill in your credentials" in visible_text(response.content.decode())
    assert client.get("/conditions/cervical-dystonia/").status_code == 404


@pytest.mark.parametrize(
    ("due", "message"),
    [("2000-01-01", "The next review must be due after today."), ("soon", "Enter a valid date.")],
)
def test_a_next_review_date_that_is_not_in_the_future_is_refused(
    reviewer_client, draft, due, message
):
    data = form_data(reviewer_client.get(publish_url(draft)).content.decode(), "publish-form")
    data["next_review_due"] = due

    response = reviewer_client.post(publish_url(draft), data)

    assert message in visible_text(response.content.decode())
    draft.refresh_from_db()
    assert not draft.is_live and draft.last_reviewed != timezone.localdate()


def test_unpublishing_takes_the_page_off_the_site_and_keeps_the_draft(
    reviewer_client, seeded, client
):
    condition = Condition.objects.get(slug=DYSTONIA)
    response = reviewer_client.post(f"/admin/conditions/condition/{condition.pk}/unpublish/")

    assert response.status_code == 302
    assert client.get(f"/conditions/{DYSTONIA}/").status_code == 404
    manifest = client.get("/api/v1/offline-manifest/").json()
    assert not any(DYSTONIA in entry["url"] for entry in manifest["entries"])
    condition.refresh_from_db()
    assert condition.status == Condition.Status.UNPUBLISHED
    assert condition.sections.exists()


# --- preview ---


def test_staff_preview_the_draft_in_the_patient_layout_never_cached_or_indexed(
    editor_client, seeded, client
):
    condition = Condition.objects.get(slug=DYSTONIA)
    data = change_form(editor_client, condition)
    data["summary"] = "Only in the draft."
    editor_client.post(change_url(condition), data)

    wrapper = editor_client.get(f"/admin/conditions/condition/{condition.pk}/preview/")
    page = editor_client.get(f"/admin/conditions/condition/{condition.pk}/preview/page/")

    assert 'class="phone-preview"' in wrapper.content.decode()
    html = page.content.decode()
    assert "Only in the draft." in visible_text(html)
    assert "Preview of the saved draft." in visible_text(html)
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "data-service-worker" not in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    assert "Only in the draft." not in client.get(f"/conditions/{DYSTONIA}/").content.decode()
    manifest = client.get("/api/v1/offline-manifest/").json()
    assert not any("/admin/" in entry["url"] for entry in manifest["entries"])


@pytest.mark.parametrize("who", ["anonymous", "not staff"])
def test_the_preview_is_never_shown_outside_the_staff(seeded, who):
    condition = Condition.objects.get(slug=DYSTONIA)
    visitor = Client()
    if who == "not staff":
        visitor.force_login(User.objects.create_user("patient"))

    for url in ("preview/", "preview/page/", "publish/", "history/"):
        response = visitor.get(f"/admin/conditions/condition/{condition.pk}/{url}")
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/")


def test_only_administrators_link_a_login_to_the_person_patients_see_as_reviewer(
    editor_client, reviewer, seeded
):
    """Otherwise an editor could make a reviewer's publications name someone else."""
    profile = Author.objects.get(user=reviewer)
    url = f"/admin/conditions/author/{profile.pk}/change/"

    data = form_data(editor_client.get(url).content.decode(), "author_form")
    assert "user" not in data
    data["user"] = str(User.objects.get(username="edith").pk)
    editor_client.post(url, data)

    profile.refresh_from_db()
    assert profile.user == reviewer


def test_an_editor_cannot_rename_the_person_a_reviewer_is_shown_as(editor_client, reviewer, seeded):
    profile = Author.objects.get(user=reviewer)
    url = f"/admin/conditions/author/{profile.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "author_form")
    data.update(name="Prof. Famous Person", credentials="FRCP")

    editor_client.post(url, data)

    profile.refresh_from_db()
    assert (profile.name, profile.credentials) == ("Dr Rui Reviewer", "MD, Consultant Neurologist")


def test_saving_a_form_opened_before_a_publish_keeps_the_publish(editor_client, reviewer, draft):
    """Publishing does not touch what the form edits, so the save goes through, and the
    status, review dates and reviewer stay as the reviewer set them."""
    opened = change_form(editor_client, draft)
    publish(draft, by=reviewer, next_review_due="2028-01-01")
    opened["summary"] = "Saved after the publish."

    assert editor_client.post(change_url(draft), opened).status_code == 302

    draft.refresh_from_db()
    assert draft.summary == "Saved after the publish."
    assert draft.status == Condition.Status.PUBLISHED
    assert draft.next_review_due == datetime.date(2028, 1, 1)
    assert draft.reviewed_by.name == "Dr Rui Reviewer"
    assert draft.has_unpublished_changes
