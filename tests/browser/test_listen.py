"""Listen: a condition page read aloud, passage by passage, each in its own language's voice.

Headless chromium here has no voice that finishes an utterance, so the page's speech is the
stand-in in speech_stand_in.js: it records each utterance and ends it when the test says.
"""

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.steps import PRESS_GUARD_MS, SHOWCASE, open_app
from tests.browser.test_outbox import DYSTONIA
from tests.browser.test_typed_text import reopen

STAND_IN = (Path(__file__).parent / "speech_stand_in.js").read_text()
ENGLISH = {"name": "Phone English", "lang": "en-GB", "localService": True, "default": False}
ONLINE_ENGLISH = {"name": "Online English", "lang": "en-US", "localService": False, "default": True}
GERMAN = {"name": "Phone German", "lang": "de-DE", "localService": True, "default": False}
TITLE = "Dystonia and medic cannabis"
SYMPTOMS = "Symptoms often associated with Dystonia"
RESEARCH = "Research about medical cannabis and dystonia"
AUTHOR = "Alexandra Latour, Medical Writer"
HIGHLIGHTED = """() => {
    const ranges = [...(CSS.highlights.get("listen-sentence") || [])];
    return ranges.map((range) => range.toString().replace(/\\s+/g, " ")).join("|");
}"""
IN_VIEW = """() => {
    const [range] = CSS.highlights.get("listen-sentence");
    const box = range.getBoundingClientRect();
    const bar = document.getElementById("listen").getBoundingClientRect();
    return box.top >= bar.bottom && box.bottom <= innerHeight;
}"""
KEPT_PLACES = "() => Object.keys(localStorage).filter((k) => k.startsWith('guide-listen:'))"


def english(text: str, *, rate=1, state="speaking") -> dict:
    """An utterance as the stand-in records it, in English with the phone's English voice."""
    return {"text": text, "lang": "en", "voice": "Phone English", "rate": rate, "state": state}


def with_speech(context, voices) -> None:
    context.add_init_script(f"window.__standInVoices = {json.dumps(voices)};\n{STAND_IN}")


def speaking(page) -> dict | None:
    """The utterance being spoken once there is one, or None once the page is read to the end."""
    found = page.wait_for_function(
        "() => __speech.current() || document.getElementById('listen').dataset.state === 'finished'"
    ).json_value()
    return found if isinstance(found, dict) else None


def finish(page) -> dict | None:
    """End the utterance being spoken, as the voice does after its last word; the next one."""
    page.evaluate("() => __speech.finish()")
    return speaking(page)


def read_until(page, text: str | None) -> list[dict]:
    """Every utterance from the current one until one saying `text` starts (None: the end)."""
    heard = [speaking(page)]
    while heard[-1] and heard[-1]["text"] != text:
        heard.append(finish(page))
    return heard if text else heard[:-1]


def press(page, name: str) -> None:
    page.wait_for_timeout(PRESS_GUARD_MS)  # not the same shaky press as the last one
    page.click(f"[data-listen={name}]")


def status(page) -> str:
    return page.text_content(".listen-status")


def test_listen_reads_the_page_aloud_and_continues_where_it_stopped_offline(
    phone_with_profile, showcase_server, playwright, tmp_path
):
    with_speech(phone_with_profile, [ONLINE_ENGLISH, ENGLISH, GERMAN])
    page = open_app(phone_with_profile, showcase_server, f"/conditions/{DYSTONIA}/")
    page.emulate_media(reduced_motion="reduce")
    controls = page.locator("#listen button:visible, #listen select")
    assert controls.count() == 4
    for index in range(4):
        box = controls.nth(index).bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48, controls.nth(index).text_content()
    assert page.locator("[data-listen=continue]").is_hidden()

    # One shaky double tap starts reading; it does not pause it again at once.
    play = page.locator("[data-listen=play]")
    play.click()
    play.click()
    assert speaking(page) == english(TITLE)
    assert play.text_content() == "Pause"
    assert status(page) == f"Reading: {TITLE}"
    assert page.evaluate(HIGHLIGHTED) == TITLE

    # Title, the page's opening, each section in order, the author's German bio in German.
    heard = read_until(page, None)
    assert status(page) == "Finished reading this page."
    assert play.text_content() == "Listen"
    assert page.evaluate(KEPT_PLACES) == []
    headings = page.locator("article h1, article h2").all_text_contents()
    assert [h["text"] for h in heard if h["text"] in headings] == [
        TITLE,
        SYMPTOMS,
        RESEARCH,
        "About Alexandra",
    ]
    assert heard[1]["text"].startswith("Dystonia is a neurological movement disorder")
    assert not [h for h in heard if "Click here" in h["text"] or "feedback" in h["text"]]
    bio = " ".join(page.text_content(".author-bio").split())
    german = [h for h in heard if h["lang"] == "de"]
    assert " ".join(h["text"] for h in german) == bio
    assert {h["voice"] for h in german} == {"Phone German"}
    assert {h["voice"] for h in heard if h not in german} == {"Phone English"}

    # From the start again; next and previous section, the sentence highlighted and in view
    # at once (reduced motion: no scrolling animation), below the controls that stay on screen.
    press(page, "play")
    assert speaking(page)["text"] == TITLE
    press(page, "next")
    assert speaking(page)["text"] == SYMPTOMS
    press(page, "next")
    assert speaking(page)["text"] == RESEARCH
    assert page.evaluate(HIGHLIGHTED) == RESEARCH
    assert page.evaluate(IN_VIEW)
    press(page, "previous")
    assert speaking(page)["text"] == SYMPTOMS
    assert status(page) == f"Reading: {SYMPTOMS}"
    assert page.evaluate(IN_VIEW)

    # Faster: the sentence being read starts again at the new speed, and so do the next ones.
    page.select_option("[data-listen=speed]", "1.5")
    page.wait_for_function("() => __speech.current()?.rate === 1.5")
    assert page.evaluate("() => __speech.log.slice(-2)") == [
        english(SYMPTOMS, state="cancelled"),
        english(SYMPTOMS, rate=1.5),
    ]
    cramping = finish(page)
    assert (cramping["text"], cramping["rate"]) == ("Cramping in the foot/ feet", 1.5)
    assert page.evaluate(HIGHLIGHTED) == "Cramping in the foot/ feet"

    # Paused: silent, and said so; resumed from the keyboard, the same sentence again.
    press(page, "play")
    page.wait_for_function("() => __speech.current() === null")
    assert play.text_content() == "Resume"
    assert status(page) == f"Paused at: {SYMPTOMS}"
    page.wait_for_timeout(PRESS_GUARD_MS)
    play.focus()
    page.keyboard.press("Enter")
    assert speaking(page)["text"] == "Cramping in the foot/ feet"
    assert play.text_content() == "Pause"
    press(page, "next")
    assert speaking(page)["text"] == RESEARCH
    first_finding = finish(page)["text"]
    assert first_finding.startswith("After extensive research")
    press(page, "play")
    assert status(page) == f"Paused at: {RESEARCH}"

    # Closed and opened again with no connection, on a phone with no German voice.
    context, refused = reopen(playwright, phone_with_profile, tmp_path)
    try:
        with_speech(context, [ENGLISH])
        context.set_offline(True)
        page = context.new_page()
        page.goto(f"{showcase_server.url}/conditions/{DYSTONIA}/")
        resume = page.locator("[data-listen=continue]")
        # Listen starts once the page is drawn and the phone idle (app.js), then offers this.
        expect(resume).to_have_text(f"Continue from {RESEARCH}")
        assert resume.bounding_box()["height"] >= 48
        assert page.input_value("[data-listen=speed]") == "1.5"
        resume.click()
        assert speaking(page) == english(first_finding, rate=1.5)
        assert resume.is_hidden()
        heard = read_until(page, None)
        assert [h["text"] for h in heard[-2:]] == ["About Alexandra", AUTHOR]
        assert page.text_content(".listen-note") == (
            "No German voice on this phone: German parts are skipped."
        )
        assert page.evaluate("() => __speech.log.filter((u) => u.lang === 'de')") == []
        page.reload()
        assert page.locator("[data-listen=continue]").is_hidden()
        assert page.locator("#listen").is_visible()
    finally:
        context.close()
    assert refused == []


def test_care_cards_are_read_with_their_label_and_listen_needs_speech_and_javascript(
    server_pages, no_script_pages, showcase_server
):
    with_speech(server_pages.context, [ENGLISH])
    server_pages.goto(f"{showcase_server.url}/conditions/{SHOWCASE}/")
    server_pages.click("[data-listen=play]")
    heard = [h["text"] for h in read_until(server_pages, None)]
    assert heard == [
        "Care cards",
        "Every kind of advice card.",
        "Non-urgent advice: See a GP if",
        "Call for help if this happens, and read the guide.",
        "Urgent advice: Ask for an urgent appointment if",
        "Call for help if this happens, and read the guide.",
        "Immediate action required: Call 999 if",
        "Call for help if this happens, and read the guide.",
        "Conflicts of interest",
        "None declared.",
    ]

    server_pages.context.add_init_script(
        "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
    )
    server_pages.reload()
    server_pages.wait_for_selector("#reader-tools", state="visible")  # the app's scripts ran
    assert server_pages.evaluate("() => 'speechSynthesis' in window") is False
    assert server_pages.locator("#listen").is_hidden()

    no_script_pages.goto(f"{showcase_server.url}/conditions/{DYSTONIA}/")
    assert no_script_pages.locator("#listen").is_hidden()
    assert no_script_pages.locator("[data-listen=play]").is_hidden()
