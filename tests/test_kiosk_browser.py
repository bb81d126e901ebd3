"""The kiosk page for real: `chatbot serve` in a subprocess, Debian's Chromium via Playwright.

Screenshots of each state go to artifacts/browser/ (portrait 1080x1920 and
landscape 1280x800), for a person to look at.
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
IDLE_SECONDS = 3
PORTRAIT = {"width": 1080, "height": 1920}
LANDSCAPE = {"width": 1280, "height": 800}
SECRET = "zebrafish can i drink on baclofen"  # must never reach the server's output


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen]]:
    with serving("--idle-seconds", str(IDLE_SECONDS)) as running:
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

    def __init__(self, browser, url: str, viewport: dict, name: str) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.name = name
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]")

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

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=[("portrait", PORTRAIT), ("landscape", LANDSCAPE)], ids=lambda p: p[0])
def kiosk(request, browser, server):
    name, viewport = request.param
    k = Kiosk(browser, server[0], viewport, name)
    yield k
    assert k.dialogs == [], "a dialog opened"
    assert k.errors == [], "console errors (a CSP violation?)"
    k.close()


def test_welcome_topics_and_a_typed_question(kiosk):
    page = kiosk.page
    assert "baclofen" in page.locator("h1").inner_text().lower()
    assert page.locator("#log .msg.bot").count() == 1  # the welcome
    assert page.locator("#topics button").count() == 8
    kiosk.shot("1-welcome")

    reply = kiosk.send(SECRET)
    assert reply.get_attribute("data-kind") == "answer"
    assert reply.get_attribute("data-topic") == "baclofen.alcohol"
    assert reply.locator(".sources li").count() >= 1
    assert "Last checked against these sources" in reply.locator(".sources-reviewed").inner_text()
    assert reply.locator("button.followup").count() >= 2
    kiosk.shot("2-answer")

    before = kiosk.bot_messages().count()
    page.locator("#topics button", has_text="Storage").click()
    reply = kiosk.wait_reply(before)
    assert reply.get_attribute("data-topic") == "baclofen.storage"
    kiosk.shot("3-topic-button")

    before = kiosk.bot_messages().count()
    reply.locator("button.followup").first.click()
    assert kiosk.wait_reply(before).get_attribute("data-kind") in ("answer", "clarify")


def test_targets_are_large_and_text_is_large(kiosk):
    page = kiosk.page
    sizes = page.evaluate("""() => [...document.querySelectorAll('button, input')].map(e => {
        const r = e.getBoundingClientRect();
        return [e.id || e.textContent, r.width, r.height];
    })""")
    small = [s for s in sizes if s[1] < 48 or s[2] < 48]
    assert small == [], small
    kiosk.send("can i drink on baclofen")  # a reply with sources and suggestions
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('body *')]
        .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 20


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("my son swallowed some of my pills", "emergency", "911"),
        ("i want to kill myself", "crisis", "988"),
    ],
)
def test_urgent_replies_are_a_banner_with_the_number_first(kiosk, text, kind, number):
    reply = kiosk.send(text)
    assert reply.get_attribute("data-kind") == kind
    assert reply.get_attribute("role") == "alert"
    assert "banner" in (reply.get_attribute("class") or "")
    assert number in reply.locator(".headline").inner_text()
    big = reply.locator(".headline .number", has_text=number).first
    assert big.is_visible()
    size = big.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 40
    bg = reply.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg in ("rgb(179, 0, 27)", "rgb(64, 36, 110)")
    kiosk.shot(f"4-{kind}")


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_markup_in_a_message_is_shown_as_text(kiosk, attack):
    kiosk.send(attack)
    page = kiosk.page
    said = page.locator("#log .msg.user .said").last
    assert said.inner_text() == attack
    assert page.locator("#log script, #log img").count() == 0
    page.wait_for_timeout(300)
    assert kiosk.dialogs == []
    if "img" in attack:
        kiosk.shot("5-markup-as-text")


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
    kiosk.shot("6-keyboard")


def test_idle_timeout_wipes_the_conversation_and_nothing_is_stored(kiosk):
    page = kiosk.page
    kiosk.send("can i drink on baclofen")
    assert page.locator("#log .msg.user").count() == 1
    page.locator("#log .msg.user").first.wait_for(
        state="detached", timeout=(IDLE_SECONDS + 5) * 1000
    )
    assert page.locator("#log .msg").count() == 1  # the welcome again
    assert page.locator("#text").input_value() == ""
    kiosk.shot("7-after-idle")
    # the context went too: "tell me more" no longer knows about alcohol
    reply = kiosk.send("tell me more")
    assert reply.get_attribute("data-topic") is None

    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]
    assert kiosk.context.cookies() == []


def test_start_over_wipes_the_log(kiosk):
    page = kiosk.page
    kiosk.send("can i drink on baclofen")
    page.click("#restart")
    assert page.locator("#log .msg.user").count() == 0
    assert page.locator("#log .msg").count() == 1


def test_the_server_never_printed_a_message(server, browser):
    """Runs last in this module: the server's whole output so far holds no message text."""
    _, proc = server
    proc.terminate()
    out = proc.communicate(timeout=10)[0]
    assert "zebrafish" not in out and "swallowed" not in out, out
