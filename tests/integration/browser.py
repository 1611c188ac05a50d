"""Driving the chat page in Debian's chromium, the way a case worker uses it.

Playwright never downloads a browser here: it launches /usr/bin/chromium. The flags keep
chromium from reaching out to Google's services, which this machine's network refuses.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import requests
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.settings import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts" / "browser"
# Long enough for a first answer from a freshly loaded Rasa model on a busy machine.
TURN_TIMEOUT_MS = 60_000


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page: Page, name: str) -> None:
    """axe-core (WCAG 2.0/2.1 A and AA rules, and best practices): no violation at all."""
    results = Axe().run(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}-axe.txt").write_text(results.generate_report(), encoding="utf-8")
    assert results.violations_count == 0, results.generate_report()


def sign_in(page: Page, base: str, username: str, password: str, path: str = "/") -> None:
    page.goto(base + path)
    page.get_by_label("Användarnamn", exact=True).fill(username)
    page.get_by_label("Lösenord", exact=True).fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(answer_field(page)).to_be_visible()


def answer_field(page: Page):
    return page.get_by_label("Ditt svar")


def log(page: Page):
    return page.get_by_role("log")


def _after_turn(page: Page, action) -> None:
    """Do `action` and wait for the bot's answer to be shown."""
    with page.expect_response(re.compile(r"/api/(chat|conversations)$"),
                              timeout=TURN_TIMEOUT_MS) as response:
        action()
    assert response.value.ok, response.value.text()
    expect(page.get_by_text("Tidigt skriver")).to_be_hidden(timeout=TURN_TIMEOUT_MS)


def say(page: Page, text: str) -> None:
    def type_and_send():
        field = answer_field(page)
        field.fill(text)
        field.press("Enter")

    _after_turn(page, type_and_send)


def press(page: Page, title: str) -> None:
    _after_turn(page, lambda: log(page).get_by_role("button", name=title, exact=True).click())


def has_history(page: Page) -> bool:
    """Whether the chat restored an earlier conversation (the widget shows it after sign-in)."""
    return page.evaluate(
        "async () => (await (await fetch('/api/conversations/current')).json())"
        ".messages.length > 0")


def new_assessment(page: Page, *, has_history: bool = False) -> None:
    """Press "Ny bedömning"; with a conversation on screen the widget asks first."""
    # The control, not an answer button of the same name in the chat.
    button = page.locator("#new-assessment")
    if not has_history:
        _after_turn(page, button.click)
        return
    button.click()
    _after_turn(page, page.locator("#confirm-yes").click)


def bot_says(page: Page, text: str) -> None:
    expect(log(page)).to_contain_text(text, timeout=TURN_TIMEOUT_MS)


def launched() -> Iterator[Browser]:
    """Debian's chromium for a module's browser tests (a generator for a fixture)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def stored_assessment(base: str, conversation_id: str, username: str, password: str) -> dict:
    """The conversation's assessment as the export API gives it to its owner: what was
    stored, not what the page showed."""
    http = requests.Session()
    resp = http.post(f"{base}/api/login", json={"username": username, "password": password},
                     timeout=30)
    http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]
    resp = http.get(f"{base}/api/conversations/{conversation_id}/assessment", timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()
