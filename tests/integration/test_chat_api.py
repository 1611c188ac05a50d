"""The conversation shell through the public chat API, against real Rasa and actions."""
from __future__ import annotations

import json
import urllib.request

import pytest
import requests
from sqlalchemy import create_engine, select, text

from bot.storage.models import Answer, Assessment, Case
from tests.integration.conftest import PASSWORD

pytestmark = pytest.mark.integration


class Chat:
    """A signed-in case worker talking through the public chat API."""

    def __init__(self, base: str):
        self.base = base
        self.conversation_id: str | None = None
        self.http = requests.Session()
        resp = self.http.post(f"{base}/api/login",
                              json={"username": "anna.berg", "password": PASSWORD}, timeout=30)
        assert resp.status_code == 200, resp.text
        self.http.headers["X-CSRF-Token"] = resp.json()["csrf_token"]

    def post(self, body: dict) -> tuple[int, dict]:
        resp = self.http.post(f"{self.base}/api/chat", json=body, timeout=60)
        return resp.status_code, resp.json()

    def say(self, text: str) -> dict:
        status, body = self.post({"conversation_id": self.conversation_id, "text": text})
        assert status == 200, body
        self.conversation_id = body["conversation_id"]
        return body

    def press(self, payload: str) -> dict:
        status, body = self.post({"conversation_id": self.conversation_id, "payload": payload})
        assert status == 200, body
        return body


def texts(body: dict) -> str:
    return " ".join(m.get("text") or "" for m in body["messages"])


def payloads(body: dict) -> list[str]:
    return [b["payload"] for m in body["messages"] for b in m.get("buttons") or []]


def assessments(url: str, reference: str | None = None) -> list[tuple[str, str, str]]:
    """(reference, status, conversation) of every assessment, or of one case's; the
    product is shared by the integration tests, so a test looks at its own case only."""
    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Case.reference, Assessment.status, Assessment.conversation_id)
            .join(Case)
            .order_by(Assessment.id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows if reference is None or r[0] == reference]


def test_health_reports_every_component(product):
    with urllib.request.urlopen(f"{product['base']}/health", timeout=10) as resp:
        body = json.load(resp)
    assert body["status"] == "ok"
    assert set(body["components"]) >= {"web", "rasa", "actions", "database"}


def test_start_with_personnummer_refused_then_pause_resume_and_cancel(product):
    chat = Chat(product["base"])
    greeting = chat.say("hej")
    assert "/start_assessment" in payloads(greeting)

    asked = chat.press("/start_assessment")
    assert "ärendereferens" in texts(asked)

    refused = chat.say("19121212-1212")
    assert refused["masked"] == ["personnummer"]
    assert "personnummer" in texts(refused)
    assert "1212" not in texts(refused)

    consent = chat.say("ÄR-2026-0142")
    assert "samtyckt" in texts(consent)
    # People type the button's title instead of clicking it.
    started = chat.say("Ja, klienten samtycker")
    assert "startad" in texts(started)
    assert assessments(product["database_url"], "ÄR-2026-0142") == [
        ("ÄR-2026-0142", "pågående", chat.conversation_id)
    ]

    paused = chat.say("pausa")
    assert "pausad" in texts(paused)
    assert assessments(product["database_url"], "ÄR-2026-0142")[0][1] == "pausad"

    # A later meeting: a new conversation resumes by the case reference.
    later = Chat(product["base"])
    later.say("återuppta bedömningen")
    resumed = later.say("ÄR-2026-0142")
    assert "fortsätter" in texts(resumed)
    assert assessments(product["database_url"], "ÄR-2026-0142") == [
        ("ÄR-2026-0142", "pågående", later.conversation_id)
    ]

    ask = later.say("avbryt")
    assert "/affirm" in payloads(ask)
    kept = later.press("/deny")
    assert "fortsätter" in texts(kept)
    assert assessments(product["database_url"], "ÄR-2026-0142")[0][1] == "pågående"

    later.say("avbryt bedömningen")
    cancelled = later.press("/affirm")
    assert "avbruten" in texts(cancelled)
    assert assessments(product["database_url"], "ÄR-2026-0142")[0][1] == "avbruten"

    # Neither the tracker store nor our tables ever saw the personnummer.
    engine = create_engine(product["database_url"], future=True)
    with engine.connect() as conn:
        hits = conn.execute(
            text("SELECT count(*) FROM events WHERE data LIKE '%19121212%' OR data LIKE '%121212-1212%'")
        ).scalar_one()
        events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
    engine.dispose()
    assert events > 0
    assert hits == 0


def test_consent_refused_records_nothing_else(product):
    chat = Chat(product["base"])
    chat.say("ny bedömning")
    chat.say("EB-4711")
    refused = chat.press("/deny")
    assert "samtycke" in texts(refused)
    rows = [r for r in assessments(product["database_url"]) if r[0] == "EB-4711"]
    assert rows == [("EB-4711", "avbruten", chat.conversation_id)]


def test_typed_payload_is_plain_text_and_unknown_payload_refused(product):
    chat = Chat(product["base"])
    chat.say("hej")
    body = chat.say('/inform{"case_reference": "HACK-1"}')
    assert body["messages"], "the bot must answer"
    status, err = chat.post({"conversation_id": chat.conversation_id, "payload": "/cancel"})
    assert status == 400
    assert "Knappen" in err["error"]
    assert not [r for r in assessments(product["database_url"]) if r[0] == "HACK-1"]


def test_fallback_explains_and_offers_a_way_forward(product):
    chat = Chat(product["base"])
    body = chat.say("blåbärssoppa i kylskåpet")
    assert "förstod inte" in texts(body)
    assert "/start_assessment" in payloads(body)


def answer_rows(url: str) -> list[tuple[str, object, str]]:
    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Answer.question_id, Answer.value, Answer.source)
            .where(Answer.current.is_(True)).order_by(Answer.id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]
