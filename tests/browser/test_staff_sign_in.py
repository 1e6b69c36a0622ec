"""Staff sign-in in chromium: the first sign-in sets up an authenticator app, each later one asks
for its code (or a recovery code, once), the admin shows nothing before the second factor, and a
session left idle ends."""

import re

from playwright.sync_api import expect

from tests.browser.staff_steps import (
    STAFF_PASSWORD,
    enter_code,
    set_up_app,
    sign_in_with_password,
    sign_out,
)

CONDITIONS = "/admin/conditions/condition/"
CREATE_EDITOR = (
    "from django.contrib.auth.models import Group, User; "
    f"u = User.objects.create_user('edith', 'edith@example.org', '{STAFF_PASSWORD}', "
    "is_staff=True); u.groups.add(Group.objects.get(name='Editor'))"
)
# As if the editor had left the admin open and walked away an hour ago.
IDLE_FOR_AN_HOUR = """
import time
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
for row in Session.objects.all():
    session = SessionStore(session_key=row.session_key)
    if "staff_last_seen" in session:
        session["staff_last_seen"] = time.time() - 3600
        session.save()
"""


def on_code_page(page):
    expect(page.locator("h1")).to_have_text("Enter your code")
    assert "/admin/second-factor/?next=%2Fadmin%2Fconditions%2Fcondition%2F" in page.url


def test_setting_up_and_signing_in_with_the_app_and_recovery_codes(server_pages, app_server):
    app_server.manage("shell", "-c", CREATE_EDITOR)
    page = server_pages
    conditions = app_server.url + CONDITIONS

    # First sign-in: going for the list of conditions leads through setting up the app.
    sign_in_with_password(page, app_server, "edith", STAFF_PASSWORD, path=CONDITIONS)
    expect(page.locator(".qr-code svg")).to_be_visible()
    expect(page.locator("#totp-key")).to_have_text(re.compile(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$"))
    page.goto(conditions)
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    app, recovery_codes = set_up_app(page)
    assert len(set(recovery_codes)) == 10
    expect(page.locator(".recovery-warning")).to_contain_text("shown only this once")
    page.click("#codes-saved")
    expect(page.locator("h1")).to_have_text("Select condition to change")
    page.goto(app_server.url + "/admin/second-factor/recovery-codes/")
    expect(page.locator("#recovery-codes")).to_have_count(0)
    sign_out(page)

    # Each later sign-in asks for the app's code; the admin shows nothing before it.
    sign_in_with_password(page, app_server, "edith", STAFF_PASSWORD, path=CONDITIONS)
    on_code_page(page)
    page.goto(conditions)
    on_code_page(page)
    enter_code(page, app.code())
    expect(page.locator("h1")).to_have_text("Select condition to change")
    sign_out(page)

    # No phone: a recovery code signs in once, and is refused the second time.
    sign_in_with_password(page, app_server, "edith", STAFF_PASSWORD, path=CONDITIONS)
    enter_code(page, recovery_codes[0])
    expect(page.locator("h1")).to_have_text("Select condition to change")
    sign_out(page)
    sign_in_with_password(page, app_server, "edith", STAFF_PASSWORD, path=CONDITIONS)
    enter_code(page, recovery_codes[0])
    expect(page.locator("#code-form .errornote")).to_have_text(
        "That is not a recovery code of yours, or it was already used. Each recovery code "
        "works once."
    )
    page.goto(conditions)
    on_code_page(page)
    enter_code(page, app.code())
    expect(page.locator("h1")).to_have_text("Select condition to change")

    # Left idle past GUIDE_STAFF_IDLE_MINUTES, the session is over at the next click.
    app_server.manage("shell", "-c", IDLE_FOR_AN_HOUR)
    page.reload()
    expect(page.locator(".messagelist")).to_have_text(
        "You were signed out after 30 minutes without activity. Sign in again."
    )
    expect(page.locator("#id_username")).to_be_visible()
    page.goto(conditions)
    expect(page.locator("#id_username")).to_be_visible()
