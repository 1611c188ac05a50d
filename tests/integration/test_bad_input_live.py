"""Hostile input against the real product (Rasa, actions, web app) in the middle of an
assessment: typed payloads, markup, SQL, emoji, right-to-left text, control characters,
huge and empty messages, unknown and overlong button payloads, before every legitimate
answer. Afterwards the assessment holds exactly what the legitimate answers made it, and
the markup stays text in the chat page and in the supervisor's transcript.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright
from sqlalchemy import create_engine, select

from bot.assessment.question_bank import questions_by_id
from bot.storage.models import Answer, Assessment, Case
from tests.hostile_input import problems_with
from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS, log, screenshot, sign_in
from tests.integration.conftest import PASSWORD
from tests.integration.test_chat_api import Chat

pytestmark = pytest.mark.integration

REFERENCE = "ÄR-2026-0666"
MARKUP = '<img src=x onerror="alert(1)">'
# Typed at a question, none of these is an answer to it.
TYPED = [
    MARKUP, '/inform{"client_sex": "man"}', '/inform{"audit_1": 4}', "/affirm",
    "'; DROP TABLE answers; --", "<script>alert(2)</script>", '"><svg onload=alert(3)>',
    "😀👍🏽", "مرحبا بالعالم", "\u202etxet\u202c", "\x07\x1b[31m", "/start_assessment",
    '/inform{"seen_alone": true}', "{{7*7}}", "/restart", "' OR '1'='1",
]
# Refused by the web app before Rasa sees anything (4xx with a Swedish reason).
REFUSED_TEXT = ["", "   \t", "\u200b\u200b", "x" * 2001, "å" * 100_000]
REFUSED_PAYLOADS = ['/inform{"audit_1": 4}', "/affirm", "/deny", "/restart", "/x" * 300,
                    "/" + "a" * 5000, '/inform{"client_sex": "man"}']


def hostile_round(chat: Chat, round_no: int, found: list[str]) -> int:
    """Two typed inputs and one refused text and payload; returns how many were sent."""
    sent = 0
    for text in (TYPED[(2 * round_no) % len(TYPED)], TYPED[(2 * round_no + 1) % len(TYPED)]):
        resp = chat.http.post(f"{chat.base}/api/chat", timeout=120,
                              json={"conversation_id": chat.conversation_id, "text": text})
        sent += 1
        problems = problems_with(resp.status_code, resp.headers.get("Content-Type", ""),
                                 resp.content)
        if resp.status_code not in (200, 400):
            problems.append(f"status {resp.status_code}")
        if resp.status_code == 200 and not resp.json()["messages"]:
            problems.append("the bot did not answer")
        found.extend(f"{text!r}: {p}" for p in problems)
    for body in ({"text": REFUSED_TEXT[round_no % len(REFUSED_TEXT)]},
                 {"payload": REFUSED_PAYLOADS[round_no % len(REFUSED_PAYLOADS)]}):
        resp = chat.http.post(f"{chat.base}/api/chat", timeout=60,
                              json={"conversation_id": chat.conversation_id, **body})
        sent += 1
        problems = problems_with(resp.status_code, resp.headers.get("Content-Type", ""),
                                 resp.content)
        if resp.status_code not in (400, 413):
            problems.append(f"status {resp.status_code}, expected a refusal")
        found.extend(f"{str(body)[:60]}: {p}" for p in problems)
    return sent


def stored(url: str) -> list[tuple[str, object, str]]:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(Answer.question_id, Answer.value, Answer.source)
                .join(Assessment, Assessment.id == Answer.assessment_id)
                .join(Case, Case.id == Assessment.case_id)
                .where(Case.reference == REFERENCE).order_by(Answer.id))]
    finally:
        engine.dispose()


def test_hostile_input_changes_nothing_in_the_assessment(product):
    bank = questions_by_id()
    chat = Chat(product["base"])
    found: list[str] = []
    sent = 0
    chat.say("ny bedömning")
    chat.say(REFERENCE)
    sent += hostile_round(chat, 0, found)
    # Consent by its button: still offered after the unclear answers before it.
    chat.press("/affirm")
    audit = [3, 2, 1, 0, 2, 1, 0, 4, 2, 0]
    # (what the case worker does, what it records)
    legitimate = [(("payload", "Kvinna"), ("client_sex", "kvinna")),
                  (("text", "40"), ("client_age", 40)),
                  (("payload", "Ja"), ("seen_alone", True)),
                  (("text", "bara alkohol"), ("modules_chosen", ["alkohol"]))]
    for n, score in enumerate(audit, start=1):
        label = next(o.label for o in bank[f"audit_{n}"].options if o.score == score)
        legitimate.append((("payload", label), (f"audit_{n}", score)))
    for round_no, ((kind, value), _) in enumerate(legitimate, start=1):
        sent += hostile_round(chat, round_no, found)
        status, body = chat.post({"conversation_id": chat.conversation_id, kind: value})
        assert status == 200, (round_no, value, body, chat.post(
            {"conversation_id": chat.conversation_id, "text": "hur långt har vi kommit?"}))

    assert found == [], "\n".join(found)
    assert sent == 4 * (len(legitimate) + 1)
    # Exactly the legitimate answers, each once, none corrected, skipped or invented.
    rows = stored(product["database_url"])
    assert [(q, v) for q, v, _ in rows] == [record for _, record in legitimate]
    assert {source for _, _, source in rows} <= {"knapp", "fritext"}

    # The markup stays text: in the chat page (restored history, the bot's echoes of it
    # included) and in the supervisor's transcript. A dialog means a script ran.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            for username, path, container in (("anna.berg", "/", None),
                                              ("lena.lind", "/granskning", ".turns")):
                page = browser.new_page(locale="sv-SE")
                ran: list[str] = []
                page.on("dialog", lambda d, ran=ran: (ran.append(d.message), d.dismiss()))
                page.on("pageerror", lambda e, ran=ran: ran.append(str(e)))
                sign_in(page, product["base"], username, PASSWORD)
                if container is None:
                    shown = log(page)
                else:
                    page.goto(f"{product['base']}{path}?samtal={chat.conversation_id}")
                    shown = page.locator(container)
                expect(shown).to_contain_text(MARKUP, timeout=60_000)
                expect(shown).to_contain_text('"><svg onload=alert(3)>')
                assert shown.locator("img, script, svg, iframe").count() == 0
                screenshot(page, f"hostile-{username}")
                assert ran == [], ran
                page.close()
        finally:
            browser.close()
