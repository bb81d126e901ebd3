"""The kiosk page for real: `chatbot serve` in a subprocess, Debian's Chromium via Playwright.

Four screens: a phone (390x844), a tablet (768x1024), the portrait kiosk
(1080x1920) and a landscape screen (1920x1080). Screenshots of each state go to
artifacts/browser/<size>-<state>.png, for a person to look at. axe-core checks
accessibility at three sizes in five states.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.kiosk.launch import serving
from chatbot.settings import PROJECT_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = PROJECT_ROOT / "artifacts" / "browser"
IDLE_SECONDS = 4
COUNTDOWN_SECONDS = 2
SIZES = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 768, "height": 1024},
    "portrait": {"width": 1080, "height": 1920},
    "landscape": {"width": 1920, "height": 1080},
}
AXE_SIZES = ("phone", "portrait", "landscape")
SECRET = "zebrafish can i drink on baclofen"  # must never reach the server's output
TODDLER = "my toddler swallowed one of my tablets"
CLARIFY = "pregnant driving"  # two topics about equally: "Do you mean ...?"
SERVE_ARGS = ("--idle-seconds", str(IDLE_SECONDS), "--countdown-seconds", str(COUNTDOWN_SECONDS))


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen]]:
    with serving(*SERVE_ARGS) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser test")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Kiosk:
    """One browser context on the page, recording dialogs and console errors."""

    def __init__(self, browser, url: str, name: str) -> None:
        self.context = browser.new_context(viewport=SIZES[name])
        self.page = self.context.new_page()
        self.name = name
        self.viewport = SIZES[name]
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]")

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):  # a CSP violation, a bad header...
            self.errors.append(message.text)

    def shot(self, state: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{self.name}-{state}.png"))

    def bot_messages(self):
        return self.page.locator("#log .msg.bot")

    def send(self, text: str):
        """Type into the box, press Send, and wait for the reply; returns it."""
        before = self.bot_messages().count()
        self.page.fill("#text", text)
        self.page.click("#send")
        return self.wait_reply(before)

    def wait_reply(self, before: int):
        # locator waits: wait_for_function would need eval, which the page's CSP forbids
        reply = self.bot_messages().nth(before)
        reply.wait_for()
        return reply

    def in_view(self, locator) -> bool:
        """The element is visible and wholly inside the viewport."""
        if not locator.is_visible():
            return False
        box = locator.bounding_box()
        w, h = self.viewport["width"], self.viewport["height"]
        return (
            bool(box)
            and box["x"] >= 0
            and box["y"] >= 0
            and (box["x"] + box["width"] <= w + 0.5 and box["y"] + box["height"] <= h + 0.5)
        )

    def show_topics(self) -> None:
        toggle = self.page.locator("#topics-toggle")
        if toggle.get_attribute("aria-expanded") == "false":
            toggle.click()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def kiosk(request, browser, server):
    k = Kiosk(browser, server[0], request.param)
    yield k
    assert k.dialogs == [], "a dialog opened"
    assert k.errors == [], "console errors or warnings (a CSP violation?)"
    k.close()


@pytest.fixture
def kiosks(browser, server):
    """The page at every size at once, for tests that wait on the clock."""
    ks = [Kiosk(browser, server[0], name) for name in SIZES]
    yield ks
    for k in ks:
        assert k.errors == [], (k.name, k.errors)
        k.close()


# --- at every size ---------------------------------------------------------------------------


def test_welcome_topics_and_a_typed_question(kiosk, bot):
    page = kiosk.page
    assert "baclofen" in page.locator("h1").inner_text().lower()
    assert page.locator("#log .msg.bot").count() == 1  # the welcome
    assert page.locator("#topics button").count() == 8
    kiosk.shot("1-start")

    reply = kiosk.send(SECRET)
    assert reply.get_attribute("data-kind") == "answer"
    assert reply.get_attribute("data-topic") == "baclofen.alcohol"
    # follow-ups first, then "Take this home" and "Sources", both closed
    parts = reply.evaluate("e => [...e.children].map(c => c.className)")
    assert parts[-3:] == ["followups", "takehome", "sources"], parts
    assert reply.locator(".sources li").count() >= 1
    assert not reply.locator(".sources li").first.is_visible()
    assert reply.locator("button.followup").count() >= 2
    assert "https://" not in reply.inner_text()  # addresses are for print, not the screen
    kiosk.shot("2-answer")

    reply.locator(".takehome summary").click()
    qr = reply.locator(".takehome img")
    assert qr.is_visible() and "NHS" in (qr.get_attribute("alt") or "")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    reply.locator(".sources summary").click()
    assert reply.locator(".sources li").first.is_visible()
    assert "Last checked against these sources" in reply.locator(".sources-reviewed").inner_text()
    qr.scroll_into_view_if_needed()
    kiosk.shot("3-take-home")

    before = kiosk.bot_messages().count()
    kiosk.show_topics()
    page.locator("#topics button", has_text="Storage").click()
    reply = kiosk.wait_reply(before)
    assert reply.get_attribute("data-topic") == "baclofen.storage"

    before = kiosk.bot_messages().count()
    first = reply.locator("button.followup").first
    title = first.inner_text()
    first.click()  # fails if anything covers it
    followed = kiosk.wait_reply(before)  # a suggestion is a topic's title: its answer
    assert followed.get_attribute("data-kind") == "answer", title
    assert followed.get_attribute("data-topic") == {t.title: t.id for t in bot.topics()}[title]


def test_nothing_overflows_targets_are_large_and_text_is_large(kiosk):
    page = kiosk.page
    kiosk.send("can i drink on baclofen")  # a reply with every part
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"
    sizes = page.evaluate("""() => [...document.querySelectorAll('button, input, summary')]
        .filter(e => e.getClientRects().length)
        .map(e => { const r = e.getBoundingClientRect();
                    return [e.id || e.textContent.trim(), r.width, r.height]; })""")
    small = [s for s in sizes if s[1] < 48 or s[2] < 48]
    assert small == [], small
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('body *')]
        .filter(e => e.getClientRects().length && !e.closest('.visually-hidden'))
        .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 20
    box = page.locator("#text").bounding_box()
    assert box and box["y"] + box["height"] <= kiosk.viewport["height"]  # the box stays in view


@pytest.mark.parametrize(
    ("text", "kind", "numbers", "colour"),
    [
        (TODDLER, "emergency", ["911", "Poison Help", "1-800-222-1222"], "rgb(179, 0, 27)"),
        ("i want to kill myself", "crisis", ["988", "911"], "rgb(64, 36, 110)"),
    ],
)
def test_after_an_urgent_reply_the_numbers_stay_in_view(kiosk, text, kind, numbers, colour):
    page = kiosk.page
    reply = kiosk.send(text)
    assert reply.get_attribute("data-kind") == kind
    alert = reply.locator("[role=alert]")
    assert alert.count() == 1 and "banner" in (reply.get_attribute("class") or "")
    assert reply.locator("[role=alert] button").count() == 0  # buttons are not read out
    big = reply.locator(".headline .number", has_text=numbers[0]).first
    large = 28 if kiosk.name == "phone" else 40  # a phone keeps the number on one line
    assert big.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= large
    bg = reply.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == colour  # emergency red, crisis purple
    bar = page.locator("#urgent")
    for number in numbers:
        assert kiosk.in_view(bar.get_by_text(number, exact=True)), number
    kiosk.shot(f"4-{kind}")

    kiosk.send("what are the side effects")  # the conversation moves on and scrolls
    page.locator("#log").evaluate("log => { log.scrollTop = 0; }")
    for number in numbers:
        assert kiosk.in_view(bar.get_by_text(number, exact=True)), number
    kiosk.shot(f"5-{kind}-later")
    page.click("#restart")
    assert not bar.is_visible()


def test_a_spanish_emergency_is_shown_and_read_in_spanish(kiosk):
    """The Spanish safety reply, its numbers in the banner, marked lang="es" so that a
    screen reader reads it in Spanish."""
    reply = kiosk.send("mi hijo se comio unas pastillas de baclofeno")
    assert reply.get_attribute("data-kind") == "emergency"
    assert reply.get_attribute("lang") == "es"
    assert reply.locator("[role=alert]").inner_text().count("Llame al 911") >= 1
    kiosk.shot("4-emergency-es")


def test_the_language_button_turns_the_page_spanish_and_an_emergency_is_answered(kiosk):
    """ "Español" in the header (named in Spanish, read as Spanish): the page's words, its
    topics and the welcome in Spanish; a Spanish emergency gets the Spanish reply with the
    numbers in view; "English" turns it back."""
    page = kiosk.page
    english_heading = page.locator("h1").inner_text()
    button = page.locator("#languages button")
    assert button.count() == 1 and button.inner_text() == "Español"
    assert button.get_attribute("lang") == "es" and kiosk.in_view(button)
    button.click()
    page.locator("html[lang=es]").wait_for(state="attached")
    assert page.locator("h1").inner_text() != english_heading
    assert page.locator("#send").inner_text() == "Enviar"
    assert page.locator("#log .msg.bot").count() == 1  # the welcome, in Spanish
    assert "baclofeno" in page.locator("#log .msg.bot").first.inner_text().lower()
    kiosk.show_topics()
    assert page.locator("#topics button").count() == 8
    kiosk.shot("7-spanish")
    reply = kiosk.send("mi esposo se tomó demasiadas pastillas de baclofeno y no despierta")
    assert reply.get_attribute("data-kind") == "emergency"
    assert reply.get_attribute("lang") == "es"
    assert kiosk.in_view(page.locator("#urgent"))
    kiosk.shot("7-spanish-emergency")
    page.locator("#languages button").click()  # now "English"
    page.locator("html[lang=en]").wait_for(state="attached")
    assert page.locator("h1").inner_text() == english_heading
    assert page.locator("#log .msg.bot").count() == 2  # the conversation under way stays


def test_clarify_offers_its_choices_as_buttons(kiosk):
    reply = kiosk.send(CLARIFY)
    assert reply.get_attribute("data-kind") == "clarify"
    choices = reply.locator("button.followup")
    assert choices.count() == 2
    kiosk.shot("6-clarify")
    before = kiosk.bot_messages().count()
    choices.first.click()
    assert kiosk.wait_reply(before).get_attribute("data-kind") == "answer"


def test_a_reply_is_announced_once_without_addresses_or_buttons(kiosk):
    page = kiosk.page
    reply = kiosk.send("can i drink on baclofen")
    announced = page.locator("#announce")
    first_words = reply.locator("p").first.inner_text()[:30]
    page.wait_for_timeout(300)
    said = announced.inner_text()
    assert first_words in said and said.startswith("The helper said")
    assert "https://" not in said and "You could also ask about" not in said
    assert reply.get_attribute("aria-label") == "The helper said"
    assert page.locator("#log").get_attribute("aria-live") is None  # one place announces


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_markup_in_a_message_is_shown_as_text(kiosk, attack):
    kiosk.send(attack)
    page = kiosk.page
    said = page.locator("#log .msg.user .said").last
    assert said.inner_text() == attack
    assert page.locator("#log script, #log img:not(.qr)").count() == 0
    page.wait_for_timeout(300)
    assert kiosk.dialogs == []


def test_keyboard_only(kiosk):
    page = kiosk.page
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused == "restart":
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", "focus is not visible"
        if focused == "text":
            break
    else:
        pytest.fail("Tab never reached the question box")
    before = kiosk.bot_messages().count()
    page.keyboard.type("can i drive on baclofen")
    page.keyboard.press("Enter")
    reply = kiosk.wait_reply(before)
    assert reply.get_attribute("data-topic") == "baclofen.driving"
    assert page.evaluate("document.activeElement.id") == "text"


def test_print_shows_the_conversation_with_its_addresses(kiosk):
    page = kiosk.page
    kiosk.send("can i drink on baclofen")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert (
        not page.locator("#ask").is_visible() and not page.locator(".followup").first.is_visible()
    )
    assert page.locator(".sources .url").first.is_visible()
    assert "https://www.nhs.uk/" in page.locator("#log").inner_text()
    kiosk.shot("7-print")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not page.locator(".sources .url").first.is_visible()


# --- the clock: every size at once ------------------------------------------------------------


def test_idle_countdown_appears_and_a_tap_keeps_the_conversation(kiosks):
    # each kiosk in turn, its countdown started just before it is looked at: started all at
    # once, the last ones' countdowns ran out while the first ones were photographed
    for k in kiosks:
        k.send("can i drink on baclofen")
        idle = k.page.locator("#idle")
        idle.wait_for(state="visible", timeout=IDLE_SECONDS * 1000)
        assert "Still there? Clearing in" in idle.inner_text()
        assert k.in_view(idle)
        k.shot("8-countdown")
        idle.click()
        assert not idle.is_visible()
        assert k.page.locator("#log .msg.user").count() == 1
    for k in kiosks:  # and without a touch it is wiped after all
        k.page.locator("#log .msg.user").first.wait_for(
            state="detached", timeout=(IDLE_SECONDS + 3) * 1000
        )
        assert k.page.locator("#log .msg").count() == 1  # the welcome again
        assert k.page.locator("#text").input_value() == ""
        stored = k.page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        assert stored == [0, 0, ""] and k.context.cookies() == []
    # the context went too: "tell me more" no longer knows about alcohol
    assert kiosks[0].send("tell me more").get_attribute("data-topic") is None


def test_an_emergency_screen_outlasts_the_idle_timeout(kiosks):
    for k in kiosks:
        k.send(TODDLER)
    kiosks[0].page.wait_for_timeout((IDLE_SECONDS + COUNTDOWN_SECONDS + 1) * 1000)
    for k in kiosks:
        assert k.page.locator("#log .msg.kind-emergency").count() == 1
        assert not k.page.locator("#idle").is_visible()
        assert k.in_view(k.page.locator("#urgent").get_by_text("1-800-222-1222"))
        k.shot("9-emergency-after-idle")
        k.page.click("#restart")  # only "Start over" ends it
        assert k.page.locator("#log .msg").count() == 1
        assert not k.page.locator("#urgent").is_visible()


def test_with_the_server_stopped_an_error_shows_the_numbers(browser):
    with serving(*SERVE_ARGS) as (url, proc):
        ks = [Kiosk(browser, url, name) for name in SIZES]
        proc.terminate()
        proc.communicate(timeout=10)
    try:
        for k in ks:
            k.page.fill("#text", TODDLER)
            k.page.click("#send")
            notice = k.page.locator("#log .msg.notice")
            notice.wait_for()
            assert notice.get_attribute("role") == "alert"
            for number in ("911", "Poison Help", "1-800-222-1222", "988"):
                assert k.in_view(notice.get_by_text(number, exact=True)), (k.name, number)
            k.shot("10-server-down")
    finally:
        for k in ks:
            k.close()


# --- accessibility: axe-core at three sizes in five states ------------------------------------


def test_axe_finds_no_violations(browser, server):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"resultTypes": ["violations", "passes"]}
    found: dict[str, list[str]] = {}
    checked = passed = 0
    for name in AXE_SIZES:
        k = Kiosk(browser, server[0], name)
        try:
            for state, text in [
                ("start", None),
                ("answer", "can i drink on baclofen"),
                ("clarify", CLARIFY),
                ("emergency", TODDLER),
                ("crisis", "i want to kill myself"),
                ("spanish", "es"),
                ("spanish answer", "puedo tomar alcohol con el baclofeno"),
            ]:
                if text == "es":  # the language button, then the page in Spanish
                    k.page.click("#restart")
                    k.page.click("#languages button")
                    k.page.locator("html[lang=es]").wait_for(state="attached")
                    text = None
                if text:
                    k.page.click("#restart")
                    reply = k.send(text)
                    for summary in reply.locator("summary").all():
                        summary.click()  # check what the disclosures hold too
                results = axe.run(k.page, options=options)
                checked += 1
                passed += len(results.response["passes"])
                violations = results.response["violations"]
                if violations:
                    found[f"{name}/{state}"] = [
                        f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s)" for v in violations
                    ]
        finally:
            k.close()
    print(f"axe: {checked} pages checked ({passed} rule passes), {len(found)} with violations")
    assert found == {}, found


def test_the_server_never_printed_a_message(server, browser):
    """Runs last in this module: the server's whole output so far holds no message text."""
    _, proc = server
    proc.terminate()
    out = proc.communicate(timeout=10)[0]
    assert "zebrafish" not in out and "swallowed" not in out, out
