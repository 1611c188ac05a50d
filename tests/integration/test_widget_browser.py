"""The chat widget in a real browser (Debian's chromium through Playwright), against the
running product: sign in, a short assessment by clicking and by typing, a reload in the
middle, keyboard only, the embedded widget on an intranet page, and axe-core on every
state. Screenshots and axe reports are kept in var/test-artifacts/browser/.
"""
from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from playwright.sync_api import expect

from tests.integration.browser import (
    answer_field,
    assert_accessible,
    bot_says,
    has_history,
    launched,
    log,
    new_assessment,
    press,
    say,
    screenshot,
    sign_in,
    stored_assessment,
)
from tests.integration.conftest import PASSWORD

pytestmark = pytest.mark.integration


browser = pytest.fixture(scope="module", name="browser")(launched)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    screenshot(page, f"{request.node.name}-slut")
    context.close()
    assert errors == [], f"the page raised errors or opened dialogs: {errors}"


def stored_answers(base: str, conversation_id: str) -> dict:
    answers = stored_assessment(base, conversation_id, "anna.berg", PASSWORD)["answers"]
    return {qid: a.get("value") for qid, a in answers.items()}


def current_conversation_id(page) -> str:
    body = page.evaluate(
        "async () => (await (await fetch('/api/conversations/current')).json())")
    return body["conversation"]["id"]


def test_short_assessment_by_clicking_and_typing(product, page):
    base = product["base"]
    page.goto(base + "/")
    assert_accessible(page, "01-inloggning")
    screenshot(page, "01-inloggning")
    sign_in(page, base, "anna.berg", PASSWORD)
    assert_accessible(page, "02-inloggad")

    new_assessment(page, has_history=has_history(page))
    bot_says(page, "Vilken ärendereferens")
    say(page, "ÄR-2026-3101")
    say(page, "ja, klienten samtycker")
    bot_says(page, "Vilket kön har klienten?")
    press(page, "Kvinna")
    bot_says(page, "Hur gammal är klienten?")
    say(page, "40")
    press(page, "Ja")
    say(page, "boende")
    bot_says(page, "Hur bor klienten?")
    expect(page.get_by_text("område 2 av 2").first).to_be_visible()
    assert_accessible(page, "03-fraga-med-knappar")
    screenshot(page, "03-fraga-med-knappar")
    say(page, "hon bor i andrahand")
    bot_says(page, "Noterat: Andrahandskontrakt")
    press(page, "Ja")
    bot_says(page, "Bor klienten ensam")
    press(page, "Nej")
    bot_says(page, "Stämmer det")
    press(page, "Ja, spara som slutlig")
    bot_says(page, "sparad som slutlig")
    bot_says(page, "Evidens:")
    assert_accessible(page, "04-forslag")
    screenshot(page, "04-forslag")
    press(page, "Klar")
    bot_says(page, "Sammanfattning för dig")

    answers = stored_answers(base, current_conversation_id(page))
    assert answers["client_sex"] == "kvinna"
    assert answers["housing"] == "andrahand"
    assert answers["eviction_risk"] is True


def test_reload_in_the_middle_continues_without_losing_or_repeating(product, page):
    base = product["base"]
    sign_in(page, base, "anna.berg", PASSWORD)
    new_assessment(page, has_history=has_history(page))
    say(page, "ÄR-2026-3102")
    say(page, "ja")
    press(page, "Man")
    bot_says(page, "Hur gammal är klienten?")
    say(page, "40")
    press(page, "Ja")
    say(page, "alkohol")
    bot_says(page, "AUDIT")
    press(page, "2–4 gånger i månaden")
    before = log(page).inner_text()

    page.reload()
    expect(answer_field(page)).to_be_visible()
    bot_says(page, "2–4 gånger i månaden")
    assert log(page).inner_text() == before, "the history after a reload differs"
    assert_accessible(page, "05-efter-omladdning")
    screenshot(page, "05-efter-omladdning")

    say(page, "3-4 glas")
    bot_says(page, "Noterat: 3–4 glas")
    # Each message exactly once: the reload neither lost nor repeated anything.
    text = log(page).inner_text()
    assert text.count("ÄR-2026-3102") == 2, text  # typed once, echoed once by the bot
    answers = stored_answers(base, current_conversation_id(page))
    assert answers["audit_1"] == 2 and answers["audit_2"] == 1


def test_keyboard_only(product, page):
    base = product["base"]
    page.goto(base + "/")
    keyboard = page.keyboard
    # Sign in with Tab and typing only.
    page.get_by_label("Användarnamn").focus()
    keyboard.type("anna.berg")
    keyboard.press("Tab")
    keyboard.type(PASSWORD)
    keyboard.press("Enter")
    expect(answer_field(page)).to_be_visible()

    answer_field(page).focus()
    with page.expect_response(lambda r: r.url.endswith(("/api/chat", "/api/conversations"))):
        keyboard.type("ny bedömning")
        keyboard.press("Enter")
    bot_says(page, "Vilken ärendereferens")
    expect(answer_field(page)).to_be_focused()
    for typed in ("ÄR-2026-3103", "ja", "annat", "40", "ja", "boende"):
        with page.expect_response(lambda r: r.url.endswith("/api/chat")):
            keyboard.type(typed)
            keyboard.press("Enter")
        expect(page.get_by_text("Tidigt skriver")).to_be_hidden(timeout=60_000)
    bot_says(page, "Hur bor klienten?")
    # Tab from the text field reaches the answer buttons; Enter presses one.
    first_option = log(page).get_by_role("button", name="Eget förstahandskontrakt eller ägt boende")
    for _ in range(40):
        keyboard.press("Shift+Tab")
        if first_option.evaluate("b => b === document.activeElement"):
            break
    expect(first_option).to_be_focused()
    outline = first_option.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline not in ("none", ""), "no visible focus on the focused button"
    with page.expect_response(lambda r: r.url.endswith("/api/chat")):
        keyboard.press("Enter")
    bot_says(page, "Noterat: Eget förstahandskontrakt")
    expect(answer_field(page)).to_be_focused()
    for typed in ("nej", "nej"):  # the risk of losing the home; living alone
        with page.expect_response(lambda r: r.url.endswith("/api/chat")):
            keyboard.type(typed)
            keyboard.press("Enter")
        expect(page.get_by_text("Tidigt skriver")).to_be_hidden(timeout=60_000)
    bot_says(page, "Stämmer det")
    save = log(page).get_by_role("button", name="Ja, spara som slutlig")
    for _ in range(40):
        keyboard.press("Shift+Tab")
        if save.evaluate("b => b === document.activeElement"):
            break
    expect(save).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/api/chat"), timeout=60_000):
        keyboard.press("Enter")
    bot_says(page, "sparad som slutlig")
    answer_field(page).focus()
    with page.expect_response(lambda r: r.url.endswith("/api/chat")):
        keyboard.type("klar")
        keyboard.press("Enter")
    bot_says(page, "Sammanfattning för dig")
    screenshot(page, "06-tangentbord")


def test_narrow_screen_and_zoom(product, browser):
    # 320 CSS pixels wide is what WCAG's reflow criterion asks for; 200 % zoom of a
    # 1280 px window is the same layout width (640 px) at twice the pixel density.
    for name, viewport, scale in (("320px", {"width": 320, "height": 640}, 1),
                                  ("zoom-200", {"width": 640, "height": 450}, 2)):
        context = browser.new_context(locale="sv-SE", viewport=viewport,
                                      device_scale_factor=scale)
        page = context.new_page()
        sign_in(page, product["base"], "anna.berg", PASSWORD)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: horizontal scrolling of {overflow} px"
        for control in ("#send", "#new-assessment", "#pause"):
            expect(page.locator(control)).to_be_in_viewport()
        assert_accessible(page, f"07-{name}")
        screenshot(page, f"07-{name}")
        context.close()


def test_messages_are_shown_as_text_never_as_markup(product, page):
    sign_in(page, product["base"], "anna.berg", PASSWORD)
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    say(page, hostile)
    expect(log(page)).to_contain_text('<img src=x onerror="alert(1)">')
    assert log(page).locator("img, script").count() == 0
    # The page fixture fails the test if any alert() ran.


class _IntranetPage(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def test_embedded_widget_on_an_intranet_page(product, page, tmp_path):
    base = product["base"]
    intranet = f"http://127.0.0.1:{product['intranet_port']}"
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<title>Intranätet – Socialtjänsten</title></head><body><main>"
        "<h1>Intranätet</h1><p>Välkommen till socialtjänstens intranät.</p></main>"
        f'<script src="{base}/widget.js" data-title="Tidigt" data-position="right">'
        "</script></body></html>",
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", product["intranet_port"]),
                                 partial(_IntranetPage, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(intranet + "/")
        launcher = page.get_by_role("button", name="Öppna Tidigt")
        expect(launcher).to_be_visible()
        expect(launcher).to_have_attribute("aria-expanded", "false")
        assert_accessible(page, "08-intranat-stangd")
        launcher.focus()
        page.keyboard.press("Enter")
        expect(launcher).to_have_attribute("aria-expanded", "true")
        chat = page.frame_locator("iframe[title^='Tidigt']")
        chat.get_by_label("Användarnamn").fill("anna.berg")
        chat.get_by_label("Lösenord", exact=True).fill(PASSWORD)
        chat.get_by_role("button", name="Logga in").click()
        expect(chat.get_by_label("Ditt svar")).to_be_visible()
        with page.expect_response(lambda r: r.url.endswith("/api/chat")):
            chat.get_by_label("Ditt svar").fill("hjälp")
            chat.get_by_label("Ditt svar").press("Enter")
        expect(chat.get_by_role("log")).to_contain_text("Tidigt", timeout=60_000)
        screenshot(page, "08-intranat-oppen")
        # Escape inside the chat closes the panel and gives focus back to the launcher.
        chat.get_by_label("Ditt svar").press("Escape")
        expect(launcher).to_have_attribute("aria-expanded", "false")
        expect(launcher).to_be_focused()
    finally:
        server.shutdown()
        server.server_close()


def test_another_users_conversation_is_refused(product):
    base = product["base"]

    def signed_in(username: str) -> requests.Session:
        http = requests.Session()
        resp = http.post(f"{base}/api/login", json={"username": username, "password": PASSWORD},
                         timeout=30)
        assert resp.status_code == 200, resp.text
        http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]
        return http

    anna, bo = signed_in("anna.berg"), signed_in("bo.ek")
    resp = anna.post(f"{base}/api/chat", json={"text": "hej", "client_message_id": "anna-0001"},
                     timeout=60)
    cid = resp.json()["conversation_id"]
    for attempt in (
        bo.get(f"{base}/api/conversations/{cid}/messages", timeout=30),
        bo.post(f"{base}/api/chat", json={"conversation_id": cid, "text": "hej"}, timeout=30),
        bo.get(f"{base}/api/conversations/{cid}/assessment", timeout=30),
    ):
        assert attempt.status_code in (403, 404), attempt.text
        assert "hej" not in attempt.text
    # Nothing was added to Anna's conversation by Bo.
    history = anna.get(f"{base}/api/conversations/{cid}/messages", timeout=30).json()
    assert [m["sender"] for m in history["messages"]].count("user") == 1
