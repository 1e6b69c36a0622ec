"""Staff signing in to the admin in chromium as they do: password, then a code from the
authenticator app, which the test plays (`AuthenticatorApp`, from the key the set-up page shows)."""

import time
from base64 import b32decode

from django_otp.oath import hotp
from playwright.sync_api import expect

STEP = 30
STAFF_PASSWORD = "a-long-test-password-1"


class AuthenticatorApp:
    """The phone's app: the code for the current 30-second step. A step's code is accepted once,
    so a second sign-in within one step takes the next step's code, as the server allows one
    step of clock drift (and then expects that drift)."""

    def __init__(self, key: str):
        self.key = b32decode(key.replace(" ", ""))
        self.drift = 0
        self.last_step = None

    def code(self) -> str:
        now = int(time.time()) // STEP
        step = now + self.drift
        if self.last_step is not None:
            step = max(step, self.last_step + 1)
        self.drift, self.last_step = step - now, step
        return f"{hotp(self.key, step):06d}"


def sign_in_with_password(page, server, username: str, password: str, path="/admin/") -> None:
    page.goto(server.url + path)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def enter_code(page, code: str) -> None:
    page.fill("#id_code", code)
    page.click("#code-form input[type=submit]")


def set_up_app(page) -> tuple[AuthenticatorApp, list[str]]:
    """On the set-up page: reads the key as a person would type it, confirms with the app's
    code and returns the app and the recovery codes shown."""
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    app = AuthenticatorApp(page.text_content("#totp-key"))
    enter_code(page, app.code())
    expect(page.locator(".recovery-warning")).to_contain_text("Save these recovery codes now.")
    return app, page.locator("#recovery-codes code").all_text_contents()


def sign_out(page) -> None:
    page.click("#logout-form button")
    expect(page.locator("h1")).to_have_text("Logged out")


def log_in_to_admin(page, server, username="rui", password=STAFF_PASSWORD):
    """A first sign-in: password, the app set up, the recovery codes passed by. Returns the app."""
    sign_in_with_password(page, server, username, password)
    app, _ = set_up_app(page)
    page.click("#codes-saved")
    page.wait_for_selector("#site-name")
    return app
