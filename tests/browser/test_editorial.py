"""Staff at work in the admin, in a real browser: previewing a draft on a phone that has the app
never puts the draft in its offline copy, and a reviewer publishes with the offered review date."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.staff_steps import STAFF_PASSWORD, log_in_to_admin
from tests.browser.steps import open_app

DYSTONIA = "dystonia-and-medical-cannabis"
SPASMS = "severe-or-persistent-muscle-spasms"


def test_a_draft_preview_is_never_saved_offline_or_shown_to_the_phone(phone, app_server):
    app_server.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('rui', 'rui@example.org', '{STAFF_PASSWORD}')",
    )
    page = open_app(phone, app_server)
    log_in_to_admin(page, app_server)
    page.goto(app_server.url + f"/admin/conditions/condition/?q={DYSTONIA}")
    page.click("#result_list tbody th a")
    preview_url = page.url.replace("/change/", "/preview/page/")
    page.fill("#id_summary", "Only in the draft, not reviewed.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")

    page.goto(preview_url)
    assert "Only in the draft, not reviewed." in page.text_content("main")
    assert page.locator('meta[name="robots"][content="noindex, nofollow"]').count() == 1

    saved = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                urls.push(...(await cache.keys()).map((request) => request.url));
            }
            return urls;
        }"""
    )
    assert saved and not [url for url in saved if "/admin/" in url or "preview" in url]
    page.goto(app_server.url + f"/conditions/{DYSTONIA}/")
    assert "Only in the draft" not in page.text_content("main")

    phone.set_offline(True)
    page.goto(preview_url)
    assert "Only in the draft" not in page.text_content("body")
    page.goto(app_server.url + f"/conditions/{DYSTONIA}/")
    assert "Dystonia" in page.text_content("h1")
    assert "Only in the draft" not in page.text_content("main")


def create_reviewer(app_server, monkeypatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", STAFF_PASSWORD)
    app_server.manage(
        "create_staff_account",
        *("--role", "reviewer", "--username", "rui", "--email", "rui@example.org"),
        *("--name", "Dr Rui Reviewer", "--credentials", "MD, Neurologist"),
        *("--password-from-env", "STAFF_PASSWORD"),
    )


def open_as_reviewer(page, app_server, monkeypatch, slug: str):
    """A reviewer signed in to the admin, on the change form of the condition at `slug`."""
    create_reviewer(app_server, monkeypatch)
    log_in_to_admin(page, app_server)
    page.goto(app_server.url + f"/admin/conditions/condition/?q={slug}")
    page.click("#result_list tbody th a")
    return page


@pytest.mark.every_database
def test_a_reviewer_publishes_with_the_offered_next_review_date(
    server_pages, app_server, monkeypatch
):
    page = open_as_reviewer(server_pages, app_server, monkeypatch, DYSTONIA)
    page.goto(page.url.replace("/change/", "/publish/"))
    expect(page.locator("#publish-form")).to_contain_text("Dr Rui Reviewer, MD, Neurologist")
    # The seed page reads above the target reading age, so the reviewer gives a reason.
    page.fill("#id_reading_age_reason", "Reviewed as it is for a test.")

    page.click("#publish-form input[type=submit]")

    due = timezone.localdate() + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    expect(page.locator(".messagelist")).to_have_text(
        f"“Dystonia and medic cannabis” is published. Next review due {due:%-d %B %Y}."
    )
    page.goto(app_server.url + f"/conditions/{DYSTONIA}/")
    expect(page.locator(f"time[datetime='{due.isoformat()}']")).to_have_text(f"{due:%-d %B %Y}")


def test_publishing_above_the_target_reading_age_needs_a_reason_which_the_history_keeps(
    server_pages, app_server, monkeypatch
):
    page = open_as_reviewer(server_pages, app_server, monkeypatch, SPASMS)
    change_url = page.url
    page.goto(change_url.replace("/change/", "/publish/"))
    expect(page.locator(".reading-age")).to_have_text(
        "Reading age of the page: 20.4; the target is 11. It is above the target."
    )
    expect(page.locator(".readability-parts")).to_contain_text("Section “Causes”")
    reason = page.get_by_label("Reason for publishing above the target reading age")
    expect(reason).to_be_visible()

    page.click("#publish-form input[type=submit]")

    expect(page.locator(".reading-age-reason .errorlist")).to_have_text(
        "This page has a reading age of 20.4, above the target of 11. Give a short reason for "
        "publishing it as it is, or ask an editor to make it simpler. Nothing was published."
    )
    reason.fill("Checked with two patients: the medical names are explained in the text.")
    page.click("#publish-form input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("is published.")
    page.goto(change_url.replace("/change/", "/history/"))
    expect(page.locator("#change-history tbody tr").first).to_contain_text(
        "Reading age 20.4, above the target of 11: Checked with two patients: the medical names "
        "are explained in the text."
    )
