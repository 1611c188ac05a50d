"""The chat page in a real browser while parts of Tidigt are killed (issue 22): the web
app with `kill -9` (back within seconds: the page reconnects by itself, no reload, still
signed in) and Rasa (about half a minute: a banner says "Tidigt startar om en del", and
the pending answer is resent with the same id by itself). The test never restarts the
product and never touches the page while it waits; every answer is stored once.
"""
from __future__ import annotations

import signal

import psutil
import pytest
from playwright.sync_api import expect

from tests.integration.assessment_script import (
    expected_answers,
    question_text,
    steps,
    stored_answers,
)
from tests.integration.browser import (
    answer_field,
    bot_says,
    log,
    new_assessment,
    press,
    say,
    screenshot,
)
from tests.integration.conftest import MODEL, PASSWORD, Product, new_database
from tests.integration.test_faults import VICTIMS, child, wait_for_new_child
from tests.integration.test_widget_browser import browser, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.integration

# Rasa reloads its model on a loaded machine in up to a minute; the page waits longer.
HEALED_MS = 120_000
REFERENCE = "ÄR-2026-4122"

# Every text the restart banner shows, as the page sets it.
WATCH_BANNER = """() => {
  const banner = document.getElementById('restart-banner');
  window.__banners = [];
  window.__loadedOnce = 'yes';
  new MutationObserver(() => window.__banners.push(banner.textContent))
    .observe(banner, {childList: true, characterData: true, subtree: true});
}"""


def test_the_page_heals_by_itself_when_the_web_app_and_rasa_are_killed(tmp_path, page):  # noqa: F811
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    url = new_database(tmp_path)
    product = Product(tmp_path, url).start()
    try:
        script = steps(REFERENCE, [0] * 10)
        base = product.base
        page.goto(base + "/")
        page.get_by_label("Användarnamn").fill("anna.berg")
        page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        expect(answer_field(page)).to_be_visible()
        new_assessment(page)
        say(page, REFERENCE)
        say(page, "ja")
        bot_says(page, question_text("client_sex"))
        press(page, "Kvinna")
        bot_says(page, question_text("client_age"))
        say(page, "40")
        bot_says(page, question_text("seen_alone"))
        done = script[2:5]  # consent, "Kvinna", the age
        page.evaluate(WATCH_BANNER)
        rasa_pid = child(product, VICTIMS["rasa"]).pid

        # 1. The web app dies; the answer is pressed while it is away.
        web_pid = child(product, VICTIMS["web"]).pid
        psutil.Process(web_pid).send_signal(signal.SIGKILL)
        log(page).get_by_role("button", name="Ja", exact=True).click()
        bot_says(page, question_text("modules_chosen"))
        done.append(script[5])
        assert wait_for_new_child(product, "web", web_pid) != web_pid
        assert child(product, VICTIMS["rasa"]).pid == rasa_pid, "Rasa must not be restarted"
        banners = page.evaluate("window.__banners")
        assert any("går inte att nå just nu" in b for b in banners), banners
        expect(page.locator("#restart-banner")).to_have_text("")

        # 2. Rasa dies; the answer is typed while it reloads its model.
        psutil.Process(rasa_pid).send_signal(signal.SIGKILL)
        wait_for_new_child(product, "rasa", rasa_pid)
        answer_field(page).fill("bara alkohol")
        answer_field(page).press("Enter")
        expect(page.locator("#restart-banner")).to_contain_text(
            "Tidigt startar om en del, ditt svar är inte förlorat", timeout=30_000)
        screenshot(page, "06-omstart-banderoll")
        expect(log(page)).to_contain_text(question_text("audit_1"), timeout=HEALED_MS)
        done.append(script[6])
        expect(page.locator("#restart-banner")).to_have_text("")

        # No reload happened, each answer shows once and is stored once.
        assert page.evaluate("window.__loadedOnce") == "yes"
        text = log(page).inner_text()
        assert text.count("bara alkohol") == 1, text
        rows = [(q, v) for q, v, _ in stored_answers(url, REFERENCE)]
        assert rows == expected_answers(done), rows
        assert product.proc.poll() is None
    finally:
        product.stop()
