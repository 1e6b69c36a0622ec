"""Eyes that tire: short lines, generous spacing, a compact header at the largest text size, high
contrast that keeps every edge, and the offer to install the app for reading offline."""

from tests.browser.conftest import PHONE
from tests.browser.steps import PRESS_GUARD_MS, SHOWCASE

DYSTONIA = "/conditions/dystonia-and-medical-cannabis/"
SPASMS = "/conditions/severe-or-persistent-muscle-spasms/"
RUNNING_TEXT = ".lead p, .section p, .section li"
TEXT_SIZES = ["100%", "113%", "125%", "150%", "175%", "200%"]
QUARTER_OF_A_PHONE = PHONE["height"] / 4

# Each block of running text, as its lines are drawn: characters a line (counted glyph by glyph
# from where the browser put them), line height and font size.
TEXT_BLOCKS = """(selector) => [...document.querySelectorAll(selector)].map((block) => {
    const lines = new Map();
    const range = document.createRange();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest("ul, ol") !== block.closest("ul, ol")) continue;
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect || !rect.width) continue;
            const line = Math.round(rect.bottom);
            lines.set(line, (lines.get(line) || 0) + 1);
        }
    }
    const style = getComputedStyle(block);
    return {
        text: block.textContent.slice(0, 40),
        lines: [...lines.values()],
        lineHeight: parseFloat(style.lineHeight),
        fontSize: parseFloat(style.fontSize),
    };
})"""
# Paragraph spacing: from the last baseline of one paragraph to the first of the next, compared
# with the line spacing inside them (WCAG 1.4.8), and the gap between them in font sizes.
PARAGRAPH_BREAKS = """() => [...document.querySelectorAll(":is(.lead, .section) p + p")]
.map((next) => {
    const gap = next.getBoundingClientRect().top
        - next.previousElementSibling.getBoundingClientRect().bottom;
    const style = getComputedStyle(next);
    const lineHeight = parseFloat(style.lineHeight);
    return {
        text: next.textContent.slice(0, 40),
        across: gap + lineHeight,
        within: lineHeight,
        gap: gap / parseFloat(style.fontSize),
    };
})"""
HEADER_HEIGHT = "() => document.querySelector('.site-header').getBoundingClientRect().height"


def tap_larger(page) -> None:
    page.wait_for_timeout(PRESS_GUARD_MS)  # a second press sooner is taken for a shaky first one
    page.click("[data-text-size=larger]")


def test_lines_stay_short_and_well_spaced_at_every_text_size(server_pages, showcase_server):
    page = server_pages
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(showcase_server.url + DYSTONIA)
    longest, cramped, close, measured = {}, [], [], []
    for size in TEXT_SIZES:
        page.wait_for_selector(f"#text-size-now:text-is('{size}')")
        for path in (DYSTONIA, SPASMS):
            page.goto(showcase_server.url + path)
            blocks = page.evaluate(TEXT_BLOCKS, RUNNING_TEXT)
            full_lines = [n for block in blocks for n in block["lines"][:-1]]
            longest[size, path] = max(full_lines)
            cramped += [b["text"] for b in blocks if b["lineHeight"] < 1.5 * b["fontSize"]]
            breaks = page.evaluate(PARAGRAPH_BREAKS)
            close += [(size, b["text"]) for b in breaks if b["across"] < 1.5 * b["within"]]
            close += [(size, b["text"]) for b in breaks if b["gap"] < 2 - 0.01]
            measured.append((len(full_lines), len(breaks)))
        if size != TEXT_SIZES[-1]:
            tap_larger(page)

    assert (cramped, close) == ([], [])
    assert max(longest.values()) <= 75, longest
    assert min(longest.values()) >= 55, f"lines are not filling a wide window: {longest}"
    assert all(lines > 20 for lines, _ in measured)
    assert sum(breaks for _, breaks in measured) >= 3 * len(TEXT_SIZES)


def test_the_header_takes_at_most_a_quarter_of_a_phone_at_every_text_size(
    server_pages, showcase_server
):
    page = server_pages
    page.goto(showcase_server.url + DYSTONIA)
    heights = {}
    for size in TEXT_SIZES:
        page.wait_for_selector(f"#text-size-now:text-is('{size}')")
        heights[size] = page.evaluate(HEADER_HEIGHT)
        if size != TEXT_SIZES[-1]:
            tap_larger(page)

    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "32px"
    assert page.is_disabled("[data-text-size=larger]")
    assert all(height <= QUARTER_OF_A_PHONE for height in heights.values()), heights
    for path in ("/", "/ask/", SPASMS):
        page.goto(showcase_server.url + path)
        assert page.evaluate(HEADER_HEIGHT) <= QUARTER_OF_A_PHONE, path
        assert page.text_content("#text-size-now") == "200%"


# The sides of each thing with a visible edge: a border in a colour other than what is behind it.
EDGES = """(selectors) => Object.fromEntries(selectors.map((selector) => {
    const node = document.querySelector(selector);
    if (!node) return [selector, "missing"];
    let behind = "rgba(0, 0, 0, 0)";
    for (let under = node.parentElement; under && behind === "rgba(0, 0, 0, 0)";) {
        behind = getComputedStyle(under).backgroundColor;
        under = under.parentElement;
    }
    const style = getComputedStyle(node);
    return [selector, ["Top", "Right", "Bottom", "Left"].filter((side) =>
        parseFloat(style[`border${side}Width`]) >= 1 && style[`border${side}Style`] !== "none"
        && style[`border${side}Color`] !== behind).join()];
}))"""
SYSTEM_COLOUR = """(name) => {
    const probe = document.body.appendChild(document.createElement("span"));
    probe.style.color = name;
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
}"""
FOCUS_RING = """() => {
    const style = getComputedStyle(document.activeElement);
    return [document.activeElement.textContent, style.outlineStyle, style.outlineWidth,
            style.outlineColor];
}"""
ALL_SIDES = "Top,Right,Bottom,Left"


def test_high_contrast_keeps_every_edge_and_the_focus_ring(server_pages, showcase_server):
    """Forced colours drop every background: what a background alone marked out (a card, a
    button, the table of contents, a care card's heading) must keep a border."""
    page = server_pages
    page.emulate_media(forced_colors="active")
    edges = {
        "/": {".card": ALL_SIDES, ".search-row button": ALL_SIDES, ".site-header": ALL_SIDES},
        SPASMS: {
            ".toc": ALL_SIDES,
            ".callout": ALL_SIDES,
            ".condition-header .button": ALL_SIDES,
        },
        f"/conditions/{SHOWCASE}/": {".care-card-urgent": ALL_SIDES, ".care-card h2": "Bottom"},
    }
    for path, expected in edges.items():
        page.goto(showcase_server.url + path)
        assert page.evaluate(EDGES, list(expected)) == expected, path

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    highlight, grey = (page.evaluate(SYSTEM_COLOUR, name) for name in ("Highlight", "GrayText"))
    assert page.evaluate(FOCUS_RING) == ["Spasm & Dystonia Guide", "solid", "3px", highlight]
    assert (
        page.eval_on_selector("[data-text-size=smaller]", "b => getComputedStyle(b).color") == grey
    )


# What a browser that offers installing sends the page: an event whose prompt() opens its own
# install dialog, and whose userChoice says what the reader chose there.
OFFER_INSTALLING = """(outcome) => {
    window.installDialogs = window.installDialogs || 0;
    const offer = new Event("beforeinstallprompt", {cancelable: true});
    offer.prompt = async () => { window.installDialogs += 1; };
    offer.userChoice = Promise.resolve({outcome, platform: "web"});
    window.dispatchEvent(offer);
    return offer.defaultPrevented;
}"""
INSTALL_DIALOGS = "() => window.installDialogs"


def test_the_install_hint_offers_the_browsers_dialog_until_installed_or_dismissed(
    server_pages, showcase_server, browser
):
    page = server_pages
    page.goto(showcase_server.url + DYSTONIA)
    assert page.is_hidden("#install-hint")
    assert page.evaluate(OFFER_INSTALLING, "accepted") is True  # the hint instead of the bar
    assert page.text_content("#install-hint p") == (
        "Install the app to keep all the guidance for reading offline."
    )
    page.click("#install-app")
    assert page.evaluate(INSTALL_DIALOGS) == 1
    assert page.is_hidden("#install-hint")
    page.reload()
    assert page.evaluate(OFFER_INSTALLING, "accepted") is False
    assert page.is_hidden("#install-hint")

    other_phone = browser.new_context(viewport=PHONE)
    try:
        page = other_phone.new_page()
        page.goto(showcase_server.url + "/")
        page.evaluate(OFFER_INSTALLING, "dismissed")
        page.click("#install-not-now")
        assert page.is_hidden("#install-hint")
        page.reload()
        page.evaluate(OFFER_INSTALLING, "dismissed")
        assert page.is_hidden("#install-hint")
        assert page.evaluate(INSTALL_DIALOGS) == 0

        # Installed from the browser's own menu while the hint showed: it goes, for good.
        page.evaluate("() => localStorage.clear()")
        page.reload()
        page.evaluate(OFFER_INSTALLING, "accepted")
        assert page.is_visible("#install-hint")
        page.evaluate("() => window.dispatchEvent(new Event('appinstalled'))")
        assert page.is_hidden("#install-hint")
        page.reload()
        page.evaluate(OFFER_INSTALLING, "accepted")
        assert page.is_hidden("#install-hint")
    finally:
        other_phone.close()
