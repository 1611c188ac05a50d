"""The record panel beside the chat in a real browser (Debian's chromium via Playwright),
against the running product: an answer appears in the panel after its turn, a click on it
corrects it through the chat (stored with its history), the profile picture follows the
answers, and axe-core finds nothing with the panel open or closed. Screenshots of both
states are written to var/results/.
"""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Page, expect, sync_playwright

from bot.settings import PROJECT_ROOT
from tests.integration.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TURN_TIMEOUT_MS,
    assert_accessible,
    bot_says,
    has_history,
    new_assessment,
    press,
    say,
    sign_in,
)
from tests.integration.conftest import PASSWORD

pytestmark = pytest.mark.integration
RESULTS = PROJECT_ROOT / "var" / "results"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shot(page: Page, name: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"))


def record(page: Page):
    return page.get_by_role("region", name="Underlag", exact=True)


def area(page: Page, area_id: str):
    return record(page).locator(f'details.record-area[data-area="{area_id}"]')


def export(base: str, conversation_id: str) -> dict:
    http = requests.Session()
    resp = http.post(f"{base}/api/login", json={"username": "bo.ek", "password": PASSWORD},
                     timeout=30)
    http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]
    resp = http.get(f"{base}/api/conversations/{conversation_id}/assessment", timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()["answers"]


def test_record_panel_follows_the_chat_and_corrects_by_click(product, browser):
    base = product["base"]
    context = browser.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        # Bo's own conversation: the other browser tests work as Anna.
        sign_in(page, base, "bo.ek", PASSWORD)
        toggle = page.get_by_role("button", name="Dölj underlag")
        expect(toggle).to_have_attribute("aria-expanded", "true")  # open on a wide screen
        new_assessment(page, has_history=has_history(page))
        say(page, "ÄR-2026-2301")
        say(page, "ja, klienten samtycker")
        press(page, "Kvinna")
        press(page, "Ja")
        say(page, "alkohol")
        bot_says(page, "AUDIT")
        audit = record(page).get_by_role("img", name=re.compile("^AUDIT"))
        expect(audit).to_have_attribute("aria-label", re.compile("AUDIT: inte genomförd"))

        # An answer appears in the panel after its turn, without a reload.
        press(page, "4 gånger i veckan eller oftare")
        alcohol = area(page, "alkohol")
        answer = alcohol.get_by_role("button", name=re.compile(
            r"^hur ofta klienten dricker: 4 gånger i veckan eller oftare \(4 p\)"))
        expect(answer).to_be_visible(timeout=TURN_TIMEOUT_MS)
        expect(audit).to_have_attribute(
            "aria-label", re.compile("AUDIT: ofullständig, 1 av 10 frågor besvarade"))
        say(page, "5-6 glas")
        expect(alcohol.get_by_role("button", name=re.compile(r"^antal glas en typisk dag: 5–6"))
               ).to_be_visible(timeout=TURN_TIMEOUT_MS)
        expect(alcohol).to_contain_text("”5-6 glas”")  # the words it came from
        live = page.locator("#record-live")
        expect(live).to_contain_text("antal glas en typisk dag")
        assert_accessible(page, "record-open")
        shot(page, "record-panel-open")

        # A click corrects it: the same chat sentence a typed correction is, with history.
        answer.click()
        expect(alcohol.get_by_role("button", name="Aldrig (0 p)")).to_be_focused()
        choice = alcohol.get_by_role("button", name="2–3 gånger i veckan (3 p)")
        shot(page, "record-panel-correcting")
        with page.expect_response(re.compile(r"/api/chat$"), timeout=TURN_TIMEOUT_MS):
            choice.click()
        bot_says(page, "Ändrat: hur ofta klienten dricker")
        expect(alcohol.get_by_role("button", name=re.compile(
            r"^hur ofta klienten dricker: 2–3 gånger i veckan \(3 p\)"))).to_be_visible(
            timeout=TURN_TIMEOUT_MS)
        expect(alcohol).to_contain_text("Rättat; tidigare: 4 gånger i veckan eller oftare (4 p)")

        # The rest of AUDIT: the bar gets its total and the misuse area its risk factor.
        for title in ("Varje vecka", "Aldrig", "Aldrig", "Aldrig", "Aldrig", "Aldrig",
                      "Nej", "Nej"):
            press(page, title)
        expect(audit).to_have_attribute("aria-label", re.compile(
            r"AUDIT: 8 poäng, över gränsvärdet 6 \(Zon II: riskbruk\)"), timeout=TURN_TIMEOUT_MS)
        factors = record(page).get_by_role("img", name=re.compile("^Risk- och skyddsfaktorer"))
        expect(factors).to_have_attribute("aria-label", re.compile(
            r"Missbruk och beroende: 1 riskfaktor"))

        conversation = page.evaluate(
            "async () => (await (await fetch('/api/conversations/current')).json())"
            ".conversation.id")
        stored = export(base, conversation)
        assert stored["audit_1"]["value"] == 3
        assert [h["value"] for h in stored["audit_1"]["history"]] == [4, 3]
        assert stored["audit_1"]["history"][1]["text"].startswith(
            "ändra svaret om hur ofta klienten dricker till")

        # Closed: the chat takes the width; nothing of the record is left in the way.
        page.get_by_role("button", name="Dölj underlag").click()
        expect(record(page)).to_be_hidden()
        expect(page.get_by_role("button", name="Visa underlag")).to_have_attribute(
            "aria-expanded", "false")
        assert_accessible(page, "record-closed")
        shot(page, "record-panel-closed")

        # Narrow screen: closed by the remembered choice, opened above the chat.
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_role("button", name="Visa underlag").click()
        expect(record(page)).to_be_visible()
        assert_accessible(page, "record-narrow")
        shot(page, "record-panel-narrow")
    finally:
        context.close()
    assert errors == [], errors
