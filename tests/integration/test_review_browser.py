"""A supervisor's review in the browser: filter the list, open a transcript, comment on a
message, mark it reviewed, export it; hostile text from the chat stays inert."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS, assert_accessible, screenshot, sign_in
from tests.integration.conftest import PASSWORD
from tests.integration.test_chat_api import Chat

pytestmark = pytest.mark.integration
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture(scope="module")
def reviewed_conversation(product):
    chat = Chat(product["base"])
    for text in ("ny bedömning", "ÄR-2026-4101", "ja", "kvinna", "40", "ja", "alkohol", HOSTILE,
                 "två gånger i veckan"):
        chat.say(text)
    return chat.conversation_id


def test_supervisor_filters_opens_comments_marks_reviewed_and_exports(product,
                                                                     reviewed_conversation):
    base = product["base"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(locale="sv-SE", viewport={"width": 1280, "height": 900},
                                accept_downloads=True)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(page, base, "lena.lind", PASSWORD)
        page.goto(base + "/granskning")
        expect(page.get_by_role("heading", name="Samtal", exact=True)).to_be_visible()
        page.get_by_label("Område").select_option("alkohol")
        page.get_by_label("Fritext").fill("ÄR-2026-4101")
        page.get_by_role("button", name="Visa", exact=True).click()
        expect(page.get_by_text("1 samtal matchar filtret.")).to_be_visible()
        assert_accessible(page, "10-granskning-lista")
        screenshot(page, "10-granskning-lista")

        page.locator("#results tbody a").first.click()
        expect(page.get_by_role("heading", name="Bedömningen")).to_be_visible()
        turn = page.locator(".turn").filter(has_text="<script>alert(2)</script>").first
        expect(turn).to_be_visible()
        assert page.locator(".turns img, .turns script").count() == 0
        expect(page.get_by_text("Svar: Hur ofta dricker").first).to_be_visible()

        field = turn.get_by_label("Kommentar till meddelandet")
        field.fill("Här borde handläggaren ha frågat om mängd.")
        turn.get_by_role("button", name="Kommentera").click()
        expect(turn.get_by_text("Lena Lind: Här borde handläggaren")).to_be_visible()
        page.get_by_role("button", name="Markera som granskad").click()
        expect(page.get_by_role("button", name="Granskad ✓ (ångra)")).to_be_visible()
        assert_accessible(page, "11-granskning-transkript")
        screenshot(page, "11-granskning-transkript")

        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        assert download.value.suggested_filename.endswith(".csv")
        assert dialogs == []

        page.goto(base + "/granskning")
        page.locator("select[name=reviewed]").select_option("ja")
        page.get_by_role("button", name="Visa", exact=True).click()
        expect(page.locator("#results tbody tr")).to_have_count(1)

        page.goto(base + "/statistik")
        expect(page.get_by_text("bedömningar", exact=False).first).to_be_visible()
        expect(page.locator("#charts img")).to_have_count(7)
        assert_accessible(page, "12-statistik")
        screenshot(page, "12-statistik")
        browser.close()


def test_a_case_worker_sees_only_their_own_in_the_review_pages(product, reviewed_conversation):
    base = product["base"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(locale="sv-SE")
        sign_in(page, base, "bo.ek", PASSWORD)
        page.goto(f"{base}/granskning?samtal={reviewed_conversation}")
        expect(page.get_by_role("alert")).to_have_text(
            "Samtalet finns inte, eller så har du inte behörighet till det.")
        assert page.locator(".turn").count() == 0
        page.goto(base + "/granskning")
        page.get_by_role("button", name="Visa", exact=True).click()
        expect(page.get_by_text("ÄR-2026-4101")).to_have_count(0)
        page.goto(base + "/statistik")
        expect(page.get_by_role("alert")).to_contain_text("behörighet")
        screenshot(page, "13-handlaggare-nekas")
        browser.close()
