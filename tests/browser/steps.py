"""What a reader does in the app, as steps the browser tests share."""

from tests.browser.app_server import AppServer


def wait_until_saved(page) -> None:
    """Wait until the page says all guidance is saved for offline use."""
    page.wait_for_selector("#offline-box[data-saved=all]", timeout=30_000)


def open_app(phone, server: AppServer, path: str = "/"):
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto(server.url + path)
    wait_until_saved(page)
    return page
