"""Övningsläge in a real browser: a trainer picks a case, the case card and the practice
banner are shown, the assessment runs as usual, and the banner survives a reload; axe-core
on the case list and on the practice conversation."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.integration.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TURN_TIMEOUT_MS,
    answer_field,
    assert_accessible,
    bot_says,
    log,
    say,
    screenshot,
    sign_in,
)
from tests.integration.conftest import PASSWORD

pytestmark = pytest.mark.integration


def test_a_trainer_practises_a_case_in_the_chat(product):
    base = product["base"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(locale="sv-SE", viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        try:
            sign_in(page, base, "ulla.utbildare", PASSWORD)
            page.get_by_role("button", name="Övningsläge").click()
            dialog = page.get_by_role("dialog", name="Övningsläge")
            expect(dialog).to_be_visible()
            # The list takes the focus; Tab moves from the first case to the second.
            first = dialog.get_by_role("button", name="Fall 1: Återfall hos en känd klient")
            expect(first).to_be_focused(timeout=10_000)
            page.keyboard.press("Tab")
            case = dialog.get_by_role("button", name="Fall 2: Avslag och svårt att nå A-kassan")
            expect(case).to_be_focused()
            screenshot(page, "ovningslage-fall")
            assert_accessible(page, "ovningslage-fall")

            with page.expect_response(lambda r: r.url.endswith("/api/practice/conversations"),
                                      timeout=TURN_TIMEOUT_MS) as response:
                page.keyboard.press("Enter")  # the focused case, by keyboard
            assert response.value.status == 201, response.value.text()
            expect(dialog).to_be_hidden()
            bot_says(page, "Övningsläge – fall 2: Avslag och svårt att nå A-kassan")
            bot_says(page, "ÖV-2026-0002")
            bot_says(page, "Vilken ärendereferens")
            banner = page.get_by_text("Övningsläge: ett påhittat fall.")
            expect(banner).to_be_visible()
            expect(answer_field(page)).to_be_focused()

            say(page, "ÖV-2026-0002")
            say(page, "ja")
            bot_says(page, "Vilket kön har klienten?")
            screenshot(page, "ovningslage-samtal")
            assert_accessible(page, "ovningslage-samtal")

            # Facit mid-way: the case, that it is not finished, what it should lead to.
            page.get_by_role("button", name="Jämför med facit").click()
            facit = page.get_by_role("dialog", name="Jämför med facit")
            expect(facit).to_contain_text("Fall 2: Avslag och svårt att nå A-kassan")
            expect(facit).to_contain_text("Bedömningen är inte klar")
            expect(facit).to_contain_text("Stöd till individer som får avslag")
            assert_accessible(page, "ovningslage-facit")
            page.keyboard.press("Escape")
            expect(facit).to_be_hidden()

            page.reload()
            expect(log(page)).to_contain_text("Vilket kön har klienten?")
            expect(banner).to_be_visible()
            # A new ordinary assessment is not practice: the banner goes.
            page.locator("#new-assessment").click()
            with page.expect_response(lambda r: r.url.endswith("/api/conversations"),
                                      timeout=TURN_TIMEOUT_MS) as response:
                page.locator("#confirm-yes").click()
            assert response.value.status == 201, response.value.text()
            expect(banner).to_be_hidden()
            expect(log(page)).not_to_contain_text("Övningsläge – fall 2")
        finally:
            screenshot(page, "ovningslage-slut")
            browser.close()
    assert errors == [], errors
