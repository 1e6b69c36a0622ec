"""Hands that shake: what a reader typed is kept on the phone until it is sent or cleared, one
shaky press acts once, and links inside text are 44 px targets that look like text."""

import time

from tests.browser.conftest import csp_refusals, open_phone_profile
from tests.browser.steps import SHOWCASE, open_app, wait_until_outbox_empty
from tests.browser.test_forms import centre
from tests.browser.test_outbox import DYSTONIA, SAVED, rows, wait_for_rows

QUESTION = "Does it help with the blinking"
COMMENT = "Stretching helped my mother"
DRAFTS = "() => Object.keys(localStorage).filter((key) => key.startsWith('guide-draft:'))"


def reopen(playwright, phone_with_profile, tmp_path):
    """Close the browser and open it again on the same profile, as after closing the app."""
    phone_with_profile.close()
    context = open_phone_profile(playwright, tmp_path / "profile")
    return context, csp_refusals(context)


def test_typed_text_survives_closing_the_app_until_sent_or_cleared(
    phone_with_profile, app_server, playwright, tmp_path
):
    page = open_app(phone_with_profile, app_server, f"/conditions/{DYSTONIA}/")
    page.fill("#comment_text", COMMENT)
    page.fill("#comment_name", "Ann")
    page.fill("#comment_email", "ann@example.com")
    page.goto(app_server.url + "/ask/")
    page.fill("textarea[name=text]", QUESTION)

    context, refused = reopen(playwright, phone_with_profile, tmp_path)
    try:
        context.set_offline(True)
        page = context.new_page()
        page.goto(app_server.url + "/ask/")
        assert page.input_value("textarea[name=text]") == QUESTION
        page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
        assert page.input_value("#comment_text") == COMMENT
        assert page.input_value("#comment_name") == "Ann"
        assert "stays only on this phone" in page.text_content(".comment-form .privacy-notice")

        # Sent with no connection: in the outbox, so no longer a draft.
        page.click(".comment-form button[type=submit]")
        assert page.text_content(".comment-form + .form-result") == SAVED
        page.reload()
        assert page.input_value("#comment_text") == ""
        assert page.evaluate(DRAFTS) == ["guide-draft:question:/ask/"]

        context.set_offline(False)
        page.goto(app_server.url + "/")
        wait_for_rows(app_server, {"comment": 1})
        wait_until_outbox_empty(page)
        page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
        assert page.input_value("#comment_text") == ""

        # Cleared: gone from the form and the phone, with no confirmation.
        page.goto(app_server.url + "/ask/")
        assert page.input_value("textarea[name=text]") == QUESTION
        page.click(".question-form button:text-is('Clear')")
        assert page.input_value("textarea[name=text]") == ""
        assert page.evaluate(DRAFTS) == []
        page.reload()
        assert page.input_value("textarea[name=text]") == ""

        # Sent online: gone too.
        page.fill("textarea[name=text]", QUESTION)
        page.check("input[name=consent]")
        assert page.evaluate(DRAFTS) == ["guide-draft:question:/ask/"]
        page.click(".question-form button[type=submit]")
        page.wait_for_selector(".question-form + .form-result")
        wait_for_rows(app_server, {"question": 1})
        assert page.evaluate(DRAFTS) == []
        page.reload()
        assert page.input_value("textarea[name=text]") == ""
    finally:
        context.close()
    assert rows(app_server, "comment", "text") == [(COMMENT,)]
    assert refused == []


def test_without_javascript_the_forms_are_as_they_were(no_script_pages, showcase_server):
    no_script_pages.goto(f"{showcase_server.url}/conditions/{DYSTONIA}/")
    assert no_script_pages.locator("button:text-is('Clear')").count() == 0
    assert "this phone" not in no_script_pages.text_content(".comment-form .privacy-notice")


def font_size(page) -> str:
    return page.evaluate("() => getComputedStyle(document.documentElement).fontSize")


def test_a_shaky_double_tap_acts_once_and_a_later_tap_again(phone, app_server):
    page = open_app(phone, app_server)
    button = page.locator("[data-text-size=larger]")
    page.evaluate(
        """() => { window.pressedAt = [];
        addEventListener("pointerdown", (event) => pressedAt.push(event.timeStamp), true); }"""
    )
    button.dblclick()  # the same press, shaken: the button under the finger again at once
    # As the page saw them (not as this test process did, which a busy machine slows down).
    assert page.evaluate("pressedAt[1] - pressedAt[0]") < 500
    assert font_size(page) == "18px"
    time.sleep(0.6)
    larger = centre(page, "[data-text-size=larger]")
    page.touchscreen.tap(*larger)
    page.touchscreen.tap(*larger)
    assert font_size(page) == "20px"

    # Pressed, then the finger slides off before lifting: nothing happens (pointer cancellation).
    time.sleep(0.6)
    larger = centre(page, "[data-text-size=larger]")
    page.mouse.move(*larger)
    page.mouse.down()
    assert font_size(page) == "20px"
    page.mouse.move(larger[0], larger[1] + 200)
    page.mouse.up()
    assert font_size(page) == "20px"

    page.goto(f"{app_server.url}/ask/?condition={DYSTONIA}")
    page.fill("textarea[name=text]", QUESTION)
    page.check("input[name=consent]")
    send = page.locator(".question-form button[type=submit]")
    send.click()
    send.click(force=True)  # within about 100 ms of the first
    page.wait_for_selector(".question-form + .form-result")
    wait_until_outbox_empty(page)
    time.sleep(0.5)
    assert rows(app_server, "question", "text") == [(QUESTION,)]
    assert page.locator(".error-summary").count() == 0


HIT_AREA = """(link) => {
    const box = link.getClientRects()[0];
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const hits = (dx, dy) => document.elementFromPoint(x + dx, y + dy)?.closest("a") === link;
    const reach = (step) => {
        let far = 0;
        while (far < 100 && hits(...step(far + 1))) far += 1;
        return far;
    };
    const up = reach((d) => [0, -d]), down = reach((d) => [0, d]);
    const left = reach((d) => [-d, 0]), right = reach((d) => [d, 0]);
    return {height: up + down + 1, width: left + right + 1, text: box.height,
            above20: hits(0, -20), below20: hits(0, 20)};
}"""
LOOK = """(link) => {
    const paragraph = link.closest("p");
    const copy = paragraph.cloneNode(true);
    const plain = document.createElement("span");
    plain.textContent = link.textContent;
    copy.querySelector("a").replaceWith(plain);
    paragraph.after(copy);
    const look = (node) => {
        const style = getComputedStyle(node);
        return [style.fontFamily, style.fontSize, style.fontWeight, style.lineHeight,
                style.letterSpacing, style.display];
    };
    const after = getComputedStyle(link, "::after");
    const result = {
        link: look(link), text: look(plain),
        heights: [paragraph.getBoundingClientRect().height, copy.getBoundingClientRect().height],
        colour: getComputedStyle(link).color,
        linkColour: getComputedStyle(document.querySelector(".site-nav a")).color,
        boxPaint: [after.backgroundColor, after.borderStyle, after.content],
    };
    copy.remove();
    return result;
}"""


def test_a_link_in_text_is_a_44_px_target_and_still_looks_like_text(phone, showcase_server):
    page = open_app(phone, showcase_server, f"/conditions/{SHOWCASE}/")
    link = page.locator(".care-card-non_urgent .care-card-body p a").first
    link.scroll_into_view_if_needed()

    area = link.evaluate(HIT_AREA)
    look = link.evaluate(LOOK)

    assert area["width"] >= 44 and area["height"] >= 44, area
    assert area["above20"] and area["below20"], area
    assert area["text"] < 44  # the link itself stays as tall as its text
    assert look["link"][:5] == look["text"][:5]
    assert look["link"][5] == "inline"
    assert look["heights"][0] == look["heights"][1]
    assert look["colour"] == look["linkColour"]
    assert look["boxPaint"] == ["rgba(0, 0, 0, 0)", "none", '""']
    print(f"hit area {area['width']}x{area['height']} px, text {area['text']} px tall")
