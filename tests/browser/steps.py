"""What a reader does in the app, as steps the browser tests share."""

import json

from tests.browser.app_server import AppServer


def wait_until_saved(page) -> None:
    """Wait until the page says all guidance is saved for offline use."""
    page.wait_for_selector("#offline-box[data-saved=all]", timeout=30_000)


def open_app(phone, server: AppServer, path: str = "/"):
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto(server.url + path)
    wait_until_saved(page)
    return page


def publish_edit(server: AppServer, slug: str, change) -> None:
    """Change one condition the way an operator would: export, edit, import with --replace."""
    export = server.workdir / "export.json"
    server.manage("export_conditions", str(export))
    document = json.loads(export.read_text())
    document["conditions"] = [c for c in document["conditions"] if c["slug"] == slug]
    change(document["conditions"][0])
    export.write_text(json.dumps(document))
    server.manage("import_conditions", str(export), "--replace")


def check_for_new_guidance(page) -> str:
    """Tap "Check for new guidance", wait for that check to end and return what it said."""
    page.click("#check-for-updates")
    page.wait_for_selector("#offline-box[data-forced-check=done]")
    return page.text_content("#check-result")
