"""Passkeys in chromium, with its virtual authenticator (the DevTools protocol's WebAuthn domain)
playing the device: added at the first sign-in instead of an app, used to sign in, a device
without the account's passkey refused in words, another passkey added and the first removed,
which is then refused too. Every button is tapped twice quickly, as shaking hands do.

WebAuthn needs a secure context and a domain name, so chromium reaches the server as
http://localhost:PORT (an IP address cannot hold a passkey)."""

import types

from playwright.sync_api import expect

from tests.browser.staff_steps import STAFF_PASSWORD, enter_code, sign_in_with_password, sign_out
from tests.browser.test_staff_sign_in import CREATE_EDITOR

CONDITIONS = "/admin/conditions/condition/"
LIST_HEADING = "Select condition to change"
NO_PASSKEY_HERE = (
    "No passkey of yours was found on this device, or you cancelled. Try again, use a security "
    "key, or enter a code below."
)


def passkey_server(start_server):
    server = start_server.server(settings={"DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"})
    server.settings["GUIDE_WEBAUTHN_RP_ID"] = "localhost"
    server.settings["GUIDE_WEBAUTHN_ORIGINS"] = f"http://localhost:{server.port}"
    server.start()
    return server, types.SimpleNamespace(url=f"http://localhost:{server.port}")


class Devices:
    """Chromium's virtual authenticators: one at a time is the device at hand."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("WebAuthn.enable", {"enableUI": False})
        self.current = None

    def switch_to_new(self) -> str:
        if self.current:
            self.cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.current})
        options = {
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": True,
            "hasUserVerification": True,
            "isUserVerified": True,
            "automaticPresenceSimulation": True,
        }
        self.current = self.cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})[
            "authenticatorId"
        ]
        return self.current

    def credentials(self) -> list[dict]:
        answer = self.cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.current})
        return answer["credentials"]

    def put(self, credential: dict) -> None:
        self.cdp.send(
            "WebAuthn.addCredential", {"authenticatorId": self.current, "credential": credential}
        )


def passkey_names(server) -> list[str]:
    rows = server.query("SELECT name FROM django_otp_webauthn_webauthncredential ORDER BY id")
    return [name for (name,) in rows]


def on_code_page(page):
    expect(page.locator("h1")).to_have_text("Enter your code")


def test_a_passkey_added_at_the_first_sign_in_then_signs_in(server_pages, start_server):
    server, site = passkey_server(start_server)
    server.manage("shell", "-c", CREATE_EDITOR)
    page = server_pages
    devices = Devices(page)
    devices.switch_to_new()

    # First sign-in: the set-up page offers a passkey instead of the app.
    sign_in_with_password(page, site, "edith", STAFF_PASSWORD, path=CONDITIONS)
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    page.click("#use-passkey")
    expect(page.locator("h1")).to_have_text("Add a passkey")
    page.dblclick("#passkey-register-button")
    expect(page.locator("h1")).to_have_text("Name your passkey")
    expect(page.locator(".passkey-added")).to_have_text("Passkey added.")
    page.fill("#id_name", "This laptop")
    page.click("#name-form input[type=submit]")
    expect(page.locator(".recovery-warning")).to_contain_text("Save these recovery codes now.")
    recovery_codes = page.locator("#recovery-codes code").all_text_contents()
    page.click("#codes-saved")
    expect(page.locator("h1")).to_have_text(LIST_HEADING)
    assert passkey_names(server) == ["This laptop"]
    assert len(devices.credentials()) == 1
    the_laptops_passkey = devices.credentials()[0]
    sign_out(page)

    # Each later sign-in: the admin shows nothing before the passkey.
    sign_in_with_password(page, site, "edith", STAFF_PASSWORD, path=CONDITIONS)
    on_code_page(page)
    page.goto(site.url + CONDITIONS)
    on_code_page(page)
    page.dblclick("#passkey-verification-button")
    expect(page.locator("h1")).to_have_text(LIST_HEADING)
    sign_out(page)

    # A device without the account's passkey is refused in words; a recovery code still works.
    devices.switch_to_new()
    sign_in_with_password(page, site, "edith", STAFF_PASSWORD, path=CONDITIONS)
    page.click("#passkey-verification-button")
    expect(page.locator("#passkey-verification-status-message")).to_have_text(NO_PASSKEY_HERE)
    page.goto(site.url + CONDITIONS)
    on_code_page(page)
    enter_code(page, recovery_codes[0])
    expect(page.locator("h1")).to_have_text(LIST_HEADING)

    # This new device gets a passkey of its own from the account's page; the laptop's goes.
    page.goto(site.url + "/admin/second-factor/methods/")
    expect(page.locator(".passkey-name")).to_have_text(["This laptop"])
    page.click("#add-passkey")
    page.dblclick("#passkey-register-button")
    expect(page.locator("h1")).to_have_text("Name your passkey")
    page.fill("#id_name", "Security key")
    page.click("#name-form input[type=submit]")
    expect(page.locator(".messagelist")).to_have_text("The passkey is now called “Security key”.")
    expect(page.locator(".passkey-name")).to_have_text(["This laptop", "Security key"])
    page.locator(".passkey-list li", has_text="This laptop").locator("button").dblclick()
    expect(page.locator(".messagelist")).to_have_text(
        "Removed the passkey “This laptop”. You were signed out everywhere else."
    )
    expect(page.locator(".passkey-name")).to_have_text(["Security key"])
    assert passkey_names(server) == ["Security key"]
    sign_out(page)

    # The removed passkey, still on the laptop, signs in no more.
    devices.switch_to_new()
    devices.put(the_laptops_passkey)
    sign_in_with_password(page, site, "edith", STAFF_PASSWORD, path=CONDITIONS)
    page.click("#passkey-verification-button")
    expect(page.locator("#passkey-verification-status-message")).to_have_text(NO_PASSKEY_HERE)
    page.goto(site.url + CONDITIONS)
    on_code_page(page)
