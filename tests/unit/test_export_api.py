"""The export API over HTTP: who may read an assessment, and one access-log row per read."""
from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.settings import load_settings
from bot.storage import assessments as repo
from bot.storage.answers import record_answer
from bot.storage.db import session_scope
from bot.storage.models import AccessLog, Assessment
from bot.storage.users import add_user
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient

PASSWORD = "ett-långt-lösenord"


@pytest.fixture
def assessment(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    with session_scope(db_url) as s:
        for name, role, unit in [("Anna Berg", "handläggare", "EB Nord"),
                                 ("Bo Ek", "handläggare", "EB Nord"),
                                 ("Cia Lund", "arbetsledare", "EB Nord"),
                                 ("Dan Ås", "arbetsledare", "Missbruk Syd"),
                                 ("Eva Holm", "admin", "IT")]:
            add_user(s, name, role=role, unit=unit, password=PASSWORD)
        a = repo.start_assessment(s, "ÄR-2026-0142", "conv-anna", consent=True,
                                  case_worker="anna.berg")
        record_answer(s, a.id, "audit_1", 3, source="fritext", masked_text="två gånger i veckan")
        record_answer(s, a.id, "audit_1", 2, source="knapp")
        record_answer(s, a.id, "debts", True, source="fritext", masked_text="har skulder")
        return a.id


def fetch(username: str | None, path: str) -> tuple[int, dict]:
    async def main():
        app = create_app(load_settings(), RasaClient("http://127.0.0.1:9"))
        async with TestClient(TestServer(app)) as client:
            if username:
                resp = await client.post("/api/login",
                                         json={"username": username, "password": PASSWORD})
                assert resp.status == 200
            resp = await client.get(path)
            return resp.status, await resp.json()

    return asyncio.run(main())


@pytest.mark.parametrize(
    "username, status",
    [("anna.berg", 200), ("bo.ek", 404), ("cia.lund", 200), ("dan.as", 404),
     ("eva.holm", 404), (None, 401)],
)
def test_who_may_export_an_assessment(db_url, assessment, username, status):
    code, body = fetch(username, f"/api/assessments/{assessment}")
    assert code == status
    with session_scope(db_url) as s:
        reads = s.execute(select(AccessLog).where(AccessLog.action == "export_json")).scalars().all()
    if status == 200:
        assert body["case_reference"] == "ÄR-2026-0142"
        assert body["answers"]["audit_1"]["value"] == 2
        assert [h["value"] for h in body["answers"]["audit_1"]["history"]] == [3, 2]
        assert [(r.username, r.target) for r in reads] == [(username, f"bedömning {assessment}")]
    else:
        assert "error" in body
        assert reads == []


def test_export_by_conversation_id(assessment):
    code, body = fetch("anna.berg", "/api/conversations/conv-anna/assessment")
    assert code == 200 and body["id"] == assessment
    code, _ = fetch("anna.berg", "/api/conversations/conv-okänd/assessment")
    assert code == 404
    code, body = fetch("anna.berg", "/api/assessments/inte-ett-tal")
    assert code == 400 and "heltal" in body["error"]


def test_the_conversations_assessment_is_the_one_worked_on_last(db_url, assessment):
    with session_scope(db_url) as s:
        repo.set_status(s, assessment, "avslutad")
        cancelled = repo.start_assessment(s, "ÄR-2026-0142", "conv-anna", consent=True,
                                          case_worker="anna.berg")
        repo.set_status(s, cancelled.id, "avbruten")
        # The first one reopened in this conversation for its deferred question, answered.
        repo.resume(s, s.get(Assessment, assessment), "conv-anna")
        record_answer(s, assessment, "domestic_violence", False, source="knapp")
        repo.set_status(s, assessment, "avslutad")
    assert fetch("anna.berg", "/api/conversations/conv-anna/assessment")[1]["id"] == assessment
    with session_scope(db_url) as s:  # a new one just started, nothing answered yet
        ongoing = repo.start_assessment(s, "ÄR-2026-0143", "conv-anna", consent=True,
                                        case_worker="anna.berg").id
    assert fetch("anna.berg", "/api/conversations/conv-anna/assessment")[1]["id"] == ongoing


def test_export_carries_the_profile_computed_from_current_answers(assessment):
    code, body = fetch("anna.berg", f"/api/assessments/{assessment}")
    assert code == 200
    economy = body["profile"]["ekonomiskt_bistand"]
    debts = next(f for f in economy["risk_factors"] if f["id"] == "debts")
    assert debts["level"] == "individ"
    assert debts["evidence"] == [{"question_id": "debts", "topic": "skulder", "answer": "ja"}]
    assert body["profile"]["missbruk"]["risk_factors"] == []  # AUDIT incomplete: no score
