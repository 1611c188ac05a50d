"""The record panel beside the chat in a real browser (Debian's chromium via Playwright),
against the running product: an answer appears in the panel after its turn, a click on it
corrects it through the chat (stored with its history), the profile picture follows the
answers, and axe-core finds nothing with the panel open or closed. Screenshots of both
states are written to var/results/.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from bot.settings import PROJECT_ROOT
from tests.integration.browser import (
    TURN_TIMEOUT_MS,
    assert_accessible,
    bot_says,
    has_history,
    launched,
    new_assessment,
    press,
    say,
    sign_in,
    stored_assessment,
)
from tests.integration.conftest import PASSWORD
from tests.integration.test_widget_browser import current_conversation_id

pytestmark = pytest.mark.integration
RESULTS = PROJECT_ROOT / "var" / "results"


browser = pytest.fixture(scope="module", name="browser")(launched)


@pytest.fixture
def page(browser):
    """A wide window (the record opens beside the chat); page errors fail the test."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert errors == [], errors


def shot(page: Page, name: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"))


def record(page: Page):
    return page.get_by_role("region", name="Underlag", exact=True)


def area(page: Page, area_id: str):
    return record(page).locator(f'details.record-area[data-area="{area_id}"]')


def export(base: str, conversation_id: str) -> dict:
    return stored_assessment(base, conversation_id, "bo.ek", PASSWORD)["answers"]


def test_record_panel_follows_the_chat_and_corrects_by_click(product, page):
    base = product["base"]
    # Bo's own conversation: the other browser tests work as Anna.
    sign_in(page, base, "bo.ek", PASSWORD)
    toggle = page.get_by_role("button", name="Dölj underlag")
    expect(toggle).to_have_attribute("aria-expanded", "true")  # open on a wide screen
    new_assessment(page, has_history=has_history(page))
    say(page, "ÄR-2026-2301")
    say(page, "ja, klienten samtycker")
    press(page, "Kvinna")
    say(page, "40")
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

    conversation = current_conversation_id(page)
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


NOTES = ("Möte med klienten i dag. Hon får försörjningsstöd sedan i våras, personnummer "
         "19121212-1212.\n\nHon har skulder hos Kronofogden och skulderna växer. "
         "Hon bor i andrahand.")


def test_notes_are_read_shown_as_uppfattat_and_saved_by_one_yes(product, page):
    base = product["base"]
    sign_in(page, base, "bo.ek", PASSWORD)
    new_assessment(page, has_history=has_history(page))
    say(page, "ÄR-2026-2302")
    say(page, "ja")
    press(page, "Kvinna")
    say(page, "40")
    press(page, "Ja")
    say(page, "ekonomi och boende")
    record(page).get_by_role("button", name="Klistra in anteckningar").click()
    dialog = page.get_by_role("dialog", name="Klistra in anteckningar")
    dialog.get_by_label("Anteckningar från mötet").fill(NOTES)
    assert_accessible(page, "notes-dialog")
    dialog.get_by_role("button", name="Läs anteckningarna").click()
    pending = record(page).get_by_role("region", name="Uppfattat, inte bekräftat")
    expect(pending).to_contain_text("Andrahandskontrakt", timeout=TURN_TIMEOUT_MS)
    expect(pending).to_contain_text("”Hon bor i andrahand”")
    expect(record(page)).to_contain_text("Personnummer i anteckningarna doldes.")
    assert "19121212" not in record(page).inner_text()
    shot(page, "record-panel-notes")
    # One struck, the rest saved with one yes through the chat.
    strike = pending.get_by_role("button", name=re.compile("^Stryk skulderna växer"))
    strike.click()
    expect(strike).to_have_count(0, timeout=TURN_TIMEOUT_MS)
    with page.expect_response(re.compile(r"/api/chat$"), timeout=TURN_TIMEOUT_MS):
        pending.get_by_role("button", name="Spara allt").click()
    expect(pending).to_be_hidden(timeout=TURN_TIMEOUT_MS)
    economy = area(page, "ekonomi")
    expect(economy.get_by_role("button", name=re.compile(
        r"^skulder hos Kronofogden: ja"))).to_be_visible(timeout=TURN_TIMEOUT_MS)
    expect(economy).to_contain_text("”Hon har skulder hos Kronofogden")  # its sentence
    conversation = current_conversation_id(page)
    stored = export(base, conversation)
    assert stored["housing"]["value"] == "andrahand"
    assert stored["kronofogden"]["value"] is True
    assert "debts_growing" not in stored  # struck: asked in its turn, not stored
    assert all("19121212" not in (h["text"] or "") for a in stored.values()
               for h in a["history"])
    assert_accessible(page, "notes-saved")
