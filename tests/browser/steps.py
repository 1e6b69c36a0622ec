"""What a reader does in the app, as steps the browser tests share."""

import json
import subprocess
import sys

from django.contrib.staticfiles.storage import staticfiles_storage
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.app_server import PROJECT, AppServer

# A second press of the same button within this time is ignored (frontend/js/dom.js).
PRESS_GUARD_MS = 500
# The page `add_trust_showcase` publishes.
SHOWCASE = "care-cards"
# How often a wait reads the browser's caches or the outbox again (ms). Playwright runs a waited-
# for function on every animation frame unless told otherwise, and each run of these reads the
# Cache API or IndexedDB through chromium's browser process: polled 60 times a second it was
# most of a browser test's CPU (chromium and Playwright's driver: 55 s for four tests, 20 s now).
STORAGE_POLL_MS = 100


def wait_until_saved(page) -> None:
    """Wait until the page says all guidance is saved for offline use."""
    page.wait_for_selector("#offline-box[data-saved=all]", timeout=30_000)


def open_app(phone, server: AppServer, path: str = "/"):
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto(server.url + path)
    wait_until_saved(page)
    # Saved is reported while the worker activates; until it controls the page, the page would
    # send its outbox itself, beside the worker.
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null", polling=STORAGE_POLL_MS
    )
    return page


def tap_twice(page, link) -> None:
    """Two quick taps at the middle of `link`, as a shaky finger makes them. The first may already
    be taking the page away when the second comes, and chromium can then leave that tap's touch
    events unanswered (runs hung for 5 and 16 minutes): the second tap gives up after 2 s, which
    is accepted only once the page has gone."""
    box = link.bounding_box()
    left_from = page.url
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    try:
        link.tap(timeout=2_000, force=True)
    except PlaywrightTimeoutError:
        assert page.url != left_from, "the second tap was never delivered, and the page stayed"


def outbox_items(page) -> list[dict]:
    """What the outbox on this phone holds, read through the app's own module."""
    return page.evaluate(f"async () => (await import({outbox_store_url()})).all()")


def wait_until_outbox_empty(page) -> None:
    module = outbox_store_url()
    page.wait_for_function(
        f"async () => (await (await import({module})).all()).length === 0",
        polling=STORAGE_POLL_MS,
    )


def outbox_store_url() -> str:
    return json.dumps(staticfiles_storage.url("frontend/js/outbox-store.js"))


SAVED_COPY_HAS = """async ([url, text, version]) => {
    const states = await caches.open("guide-state-v1");
    const precache = await caches.open("guide-precache-v1");
    for (const request of await states.keys()) {
        if (version && !request.url.endsWith("/" + version)) continue;
        const state = await states.match(request);
        const entry = state && (await state.json()).entries[url];
        if (entry) {
            const key = new URL(url, location.origin);
            key.searchParams.set("__guide_revision", entry.revision);
            const saved = await precache.match(key.href);
            if (saved && (await saved.text()).includes(text)) return true;
        }
    }
    return false;
}"""


def wait_until_saved_copy_has(page, url: str, text: str, version: str = "") -> None:
    """Wait until a version of the app (this `version`, if given) records a saved copy of `url`
    holding `text` (the copy it would answer with, not merely one stored in the cache)."""
    page.wait_for_function(SAVED_COPY_HAS, arg=[url, text, version], polling=STORAGE_POLL_MS)


# An operator's two commands, export and import --replace, run in one `manage.py shell` (Django's
# start-up is most of each command's CPU): it exports, says so, and imports only once told on its
# standard input that the file is edited.
EXPORT_THEN_IMPORT = """
import sys
from django.core.management import call_command
call_command("export_conditions", {path})
print("exported", flush=True)
if sys.stdin.readline() == "edited\\n":
    call_command("import_conditions", {path}, "--replace")
"""


def publish_edit(server: AppServer, slug: str, change) -> None:
    """Change one condition the way an operator would: export, edit, import with --replace."""
    export = server.workdir / "export.json"
    shell = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c"]
        + [EXPORT_THEN_IMPORT.format(path=json.dumps(str(export)))],
        cwd=PROJECT,
        env=server.environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if "exported\n" in iter(shell.stdout.readline, ""):
            document = json.loads(export.read_text())
            document["conditions"] = [c for c in document["conditions"] if c["slug"] == slug]
            change(document["conditions"][0])
            export.write_text(json.dumps(document))
            shell.stdin.write("edited\n")
    finally:
        output, errors = shell.communicate(timeout=60)
    assert shell.returncode == 0, errors
    assert "Imported" in output, (output, errors)


def check_for_new_guidance(page) -> str:
    """Tap "Check for new guidance", wait for that check to end and return what it said."""
    page.click("#check-for-updates")
    page.wait_for_selector("#offline-box[data-forced-check=done]")
    return page.text_content("#check-result")


def add_trust_showcase(server: AppServer) -> str:
    """Publish a page with all three care cards, a reviewer and a conflict-of-interest note."""
    card = "Call for help if **this** happens, and read [the guide](/conditions/{slug}/)."
    slug = SHOWCASE
    document = {
        "format": "spasm-guide.conditions",
        "version": 1,
        "conditions": [
            {
                "slug": slug,
                "title": "Care cards",
                "lead": "Every kind of advice card.",
                "status": "published",
                "last_reviewed": "2026-11-01",
                "next_review_due": "2027-11-01",
                "conflict_of_interest": "None declared.",
                "reviewer": {"name": "Dr Rui Reviewer", "credentials": "MD, Neurologist"},
                "sections": [
                    {
                        "kind": "when_to_seek_advice",
                        "urgency": urgency,
                        "heading": heading,
                        "body": card.format(slug=slug),
                    }
                    for urgency, heading in (
                        ("non_urgent", "See a GP if"),
                        ("urgent", "Ask for an urgent appointment if"),
                        ("emergency", "Call 999 if"),
                    )
                ],
            }
        ],
    }
    path = server.workdir / "care-cards.json"
    path.write_text(json.dumps(document))
    server.manage("import_conditions", str(path))
    return slug


def wake_worker_for_background_sync(phone, server: AppServer, tag: str = "guide-outbox") -> None:
    """Fire the service worker's Background Sync event as the browser does when a connection
    returns, with no page of the app open (the "Sync" button in DevTools does the same)."""
    blank = phone.new_page()  # about:blank: not a page of the app
    session = phone.new_cdp_session(blank)
    registrations = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    session.send("ServiceWorker.enable")
    scope = server.url + "/"
    for _ in range(100):
        ours = [r for r in registrations if r["scopeURL"] == scope and not r["isDeleted"]]
        if ours:
            break
        blank.wait_for_timeout(50)  # lets Playwright deliver the session's events
    else:
        raise AssertionError(f"No service worker is registered for {scope}")
    session.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": server.url,
            "registrationId": ours[0]["registrationId"],
            "tag": tag,
            "lastChance": False,
        },
    )
    blank.close()
