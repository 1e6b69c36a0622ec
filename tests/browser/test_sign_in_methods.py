"""The admin's "Sign-in methods" link in chromium, and new recovery codes made there (tapped
twice quickly: one set is made, and it is the one shown)."""

from playwright.sync_api import expect

from tests.browser.staff_steps import STAFF_PASSWORD, set_up_app, sign_in_with_password
from tests.browser.test_staff_sign_in import CREATE_EDITOR

TOKENS = (
    "SELECT t.token FROM otp_static_statictoken t JOIN otp_static_staticdevice d "
    "ON d.id = t.device_id JOIN auth_user u ON u.id = d.user_id WHERE u.username = 'edith'"
)


def test_the_admin_links_to_the_sign_in_methods_where_new_recovery_codes_are_made(
    server_pages, app_server
):
    app_server.manage("shell", "-c", CREATE_EDITOR)
    page = server_pages
    sign_in_with_password(page, app_server, "edith", STAFF_PASSWORD)
    _, old_codes = set_up_app(page)
    page.click("#codes-saved")

    link = page.locator("#user-tools a", has_text="Sign-in methods")
    expect(link).to_be_visible()
    expect(page.locator("#user-tools")).to_contain_text("Change password")
    link.click()
    expect(page.locator("h1")).to_have_text("Your sign-in methods")
    expect(page.locator("#content-main")).to_contain_text("10 unused recovery codes left.")

    page.dblclick("#new-recovery-codes")

    expect(page.locator(".recovery-warning")).to_contain_text("Save these recovery codes now.")
    shown = page.locator("#recovery-codes code").all_text_contents()
    assert len(set(shown)) == 10 and not set(shown) & set(old_codes)
    assert sorted(token for (token,) in app_server.query(TOKENS)) == sorted(shown)
    page.click("#codes-saved")
    expect(page.locator("h1")).to_have_text("Your sign-in methods")
    expect(page.locator("#content-main")).to_contain_text("10 unused recovery codes left.")
