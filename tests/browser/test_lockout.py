"""Wrong passwords pause signing in for that username from that address only: in chromium, an
attacker's five wrong passwords lock the editor's username from the attacker's address, while
the editor, elsewhere, signs in at once. The app sits behind one proxy (DJANGO_NUM_PROXIES=1),
which names each client's address in X-Forwarded-For, as it does in production."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.staff_steps import STAFF_PASSWORD, sign_in_with_password

ATTACKER = "198.51.100.23"
EDITOR = "203.0.113.40"
CREATE_EDITOR = (
    "from django.contrib.auth.models import Group, User; "
    f"u = User.objects.create_user('edith', 'edith@example.org', '{STAFF_PASSWORD}', "
    "is_staff=True); u.groups.add(Group.objects.get(name='Editor'))"
)


def from_address(browser, address: str):
    """A browser whose requests the proxy forwards as coming from `address`."""
    context = browser.new_context(viewport=PHONE, extra_http_headers={"X-Forwarded-For": address})
    return context, context.new_page()


def test_wrong_passwords_lock_a_username_from_one_address_only(browser, start_server):
    server = start_server(
        settings={"DJANGO_NUM_PROXIES": "1"}, probe_headers={"X-Forwarded-For": "192.0.2.1"}
    )
    server.manage("shell", "-c", CREATE_EDITOR)
    attacker_context, attacker = from_address(browser, ATTACKER)
    editor_context, editor = from_address(browser, EDITOR)

    for n in range(4):
        sign_in_with_password(attacker, server, "edith", f"a-guess-{n}")
        expect(attacker.locator(".errornote")).to_contain_text("correct username and password")
    sign_in_with_password(attacker, server, "edith", "a-fifth-guess")
    expect(attacker.locator("h1")).to_contain_text("Signing in is paused")
    # Even the right password is refused from there while the pause lasts.
    sign_in_with_password(attacker, server, "edith", STAFF_PASSWORD)
    expect(attacker.locator("h1")).to_contain_text("Signing in is paused")

    sign_in_with_password(editor, server, "edith", STAFF_PASSWORD)
    expect(editor.locator("h1")).to_have_text("Set up your authenticator app")
    attacker_context.close()
    editor_context.close()

    trail = server.query(
        "SELECT kind, address FROM security_auditevent WHERE subject = 'edith' ORDER BY id"
    )
    assert trail == [
        ("account_rights", ""),  # made by the command line: no address
        ("groups", ""),
        *[("sign_in_failed", ATTACKER)] * 4,
        ("locked_out", ATTACKER),
        ("locked_out", ATTACKER),
        ("signed_in", EDITOR),
    ]
