"""The review API per role: who sees which conversations, comments, flags, tags, exports
and the access log, each view and export logged once."""
from __future__ import annotations

import asyncio
import dataclasses

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.settings import load_settings
from bot.storage import chat_log
from bot.storage.answers import record_answer
from bot.storage.assessments import start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import AccessLog
from bot.storage.users import add_user
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient
from tests.conftest import WEB_PASSWORD as PASSWORD


def seed(db_url):
    """Two units; Anna's conversation has an answered AUDIT start and a hostile message."""
    ids = {}
    with session_scope(db_url) as s:
        users = {
            "anna": add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD),
            "bo": add_user(s, "Bo Ek", role="handläggare", unit="EB Syd", password=PASSWORD),
            "lena": add_user(s, "Lena Lind", role="arbetsledare", unit="EB Nord",
                             password=PASSWORD),
            "sven": add_user(s, "Sven Syd", role="arbetsledare", unit="EB Syd",
                             password=PASSWORD),
            "ulla": add_user(s, "Ulla Utb", role="utbildare", unit="Utbildning",
                             password=PASSWORD),
            "adam": add_user(s, "Adam Admin", role="admin", unit="IT", password=PASSWORD),
        }
        for name in ("anna", "bo"):
            cid = open_conversation(s, users[name].id).id
            ids[name] = cid
            claim = chat_log.claim_user_message(
                s, cid, None, '<img src=x onerror="alert(1)"> skulder hos Kronofogden')
            chat_log.complete_turn(s, claim.message_id, [{"text": "Noterat: ja.", "buttons": []}])
            assessment = start_assessment(s, f"ÄR-2026-77{len(ids)}", cid, consent=True,
                                          case_worker=users[name].username)
            record_answer(s, assessment.id, "modules_chosen", ["ekonomi", "alkohol"],
                          source="fritext", masked_text="ekonomi och alkohol")
            record_answer(s, assessment.id, "debts", True, source="fritext",
                          masked_text="skulder hos Kronofogden")
            record_answer(s, assessment.id, "audit_1", 4, source="knapp", masked_text="dagligen")
        ids["training"] = open_conversation(s, users["ulla"].id, training=True).id
    return ids


def run(db_url, scenario):
    async def main():
        settings = dataclasses.replace(load_settings(), rasa_port=1)
        app = create_app(settings, RasaClient("http://127.0.0.1:1", timeout=1))
        async with TestClient(TestServer(app)) as client:
            await scenario(client)

    asyncio.run(main())


async def sign_in(client, username):
    client.session.cookie_jar.clear()
    resp = await client.post("/api/login", json={"username": username, "password": PASSWORD})
    assert resp.status == 200
    return (await resp.json())["csrf_token"]


async def listed(client, query=""):
    resp = await client.get("/api/review/conversations" + query)
    assert resp.status == 200, await resp.text()
    return {c["conversation_id"] for c in (await resp.json())["conversations"]}


def access_rows(db_url, action):
    with session_scope(db_url) as s:
        return s.execute(select(func.count(AccessLog.id)).where(
            AccessLog.action == action)).scalar_one()


def test_each_role_sees_what_it_may_and_nothing_else(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    ids = seed(db_url)

    async def scenario(client):
        expected = {"anna.berg": {ids["anna"]}, "lena.lind": {ids["anna"]},
                    "sven.syd": {ids["bo"]}, "ulla.utb": {ids["training"]}}
        for username, visible in expected.items():
            await sign_in(client, username)
            assert await listed(client) == visible, username
            for name, cid in ids.items():
                resp = await client.get(f"/api/review/conversations/{cid}")
                assert resp.status == (200 if cid in visible else 404), (username, name)
        # Bo's supervisor cannot comment on Anna's conversation; Anna cannot comment at all.
        csrf = await sign_in(client, "sven.syd")
        resp = await client.post(f"/api/review/conversations/{ids['anna']}/status",
                                 json={"flagged": True}, headers={"X-CSRF-Token": csrf})
        assert resp.status == 404
        csrf = await sign_in(client, "anna.berg")
        resp = await client.post(f"/api/review/conversations/{ids['anna']}/status",
                                 json={"flagged": True}, headers={"X-CSRF-Token": csrf})
        assert resp.status == 403
        # Admins read the access log, never case content.
        await sign_in(client, "adam.admin")
        assert (await client.get("/api/review/conversations")).status == 403
        assert (await client.get(f"/api/review/conversations/{ids['anna']}")).status == 403
        resp = await client.get("/api/admin/access-log?action=transkript")
        assert resp.status == 200
        rows = (await resp.json())["rows"]
        assert rows and all(r["action"] == "transkript" for r in rows)
        csrf = await sign_in(client, "lena.lind")
        assert (await client.get("/api/admin/access-log")).status == 403
        assert (await client.post("/api/logout", headers={"X-CSRF-Token": csrf})).status == 200
        assert (await client.get("/api/review/conversations")).status == 401

    run(db_url, scenario)


def test_transcript_shows_what_each_turn_did_and_logs_every_view(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    ids = seed(db_url)

    async def scenario(client):
        await sign_in(client, "lena.lind")
        before = access_rows(db_url, "transkript")
        resp = await client.get(f"/api/review/conversations/{ids['anna']}")
        view = await resp.json()
        assert access_rows(db_url, "transkript") == before + 1
        user_message = view["messages"][0]
        # The hostile text comes back as data; the pages render it as text.
        assert user_message["text"].startswith("<img src=x")
        recorded = {d["question_id"]: d["value"] for d in user_message["did"]
                    if d["kind"] == "svar"}
        assert recorded == {"modules_chosen": ["ekonomi", "alkohol"], "debts": True,
                            "audit_1": 4}
        assert view["assessment"]["case_reference"].startswith("ÄR-2026-77")
        assert view["conversation"]["modules"] == ["ekonomi", "alkohol"]
        for kind in ("json", "csv"):
            resp = await client.get(f"/api/review/conversations/{ids['anna']}/export.{kind}")
            assert resp.status == 200
            assert access_rows(db_url, f"export_{kind}") == 1
        csv_text = await (await client.get(
            f"/api/review/conversations/{ids['anna']}/export.csv")).text()
        assert csv_text.splitlines()[0].startswith("nr;tid;avsändare")

    run(db_url, scenario)


def test_comment_flag_tag_and_reviewed_are_kept_and_filterable(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    ids = seed(db_url)
    cid = ids["anna"]

    async def scenario(client):
        csrf = await sign_in(client, "lena.lind")
        headers = {"X-CSRF-Token": csrf}
        view = await (await client.get(f"/api/review/conversations/{cid}")).json()
        seq = view["messages"][1]["seq"]
        resp = await client.post(f"/api/review/conversations/{cid}/comments",
                                 json={"message_seq": seq, "text": "Bra följdfråga här. 19121212-1212"},
                                 headers=headers)
        assert resp.status == 201
        assert "1212-1212" not in (await resp.json())["text"]
        assert (await client.post(f"/api/review/conversations/{cid}/comments",
                                  json={"message_seq": 999999, "text": "x"},
                                  headers=headers)).status == 400
        assert (await client.post(f"/api/review/conversations/{cid}/status",
                                  json={"reviewed": True, "flagged": True},
                                  headers=headers)).status == 200
        resp = await client.post(f"/api/review/conversations/{cid}/tags",
                                 json={"tag": "Utbildningsbehov"}, headers=headers)
        assert (await resp.json())["tags"] == ["utbildningsbehov"]
        assert await listed(client, "?reviewed=ja&flagged=ja") == {cid}
        assert await listed(client, "?reviewed=nej") == set()
        assert await listed(client, "?q=kronofogden") == {cid}
        assert await listed(client, "?q=finns-inte-alls") == set()
        assert await listed(client, "?module=alkohol") == {cid}
        assert await listed(client, "?module=barn") == set()
        view = await (await client.get(f"/api/review/conversations/{cid}")).json()
        assert [c["text"] for c in view["messages"][1]["comments"]] == [
            "Bra följdfråga här. [personnummer dolt]"]
        # Without the CSRF token nothing changes.
        resp = await client.post(f"/api/review/conversations/{cid}/status",
                                 json={"reviewed": False})
        assert resp.status == 403
        for bad in ("?triage=7", "?from=igår", "?risk=hög", "?sort=slump", "?page=x"):
            resp = await client.get("/api/review/conversations" + bad)
            assert resp.status == 400 and (await resp.json())["error"], bad

    run(db_url, scenario)


def test_statistics_for_managers_only_and_logged(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    seed(db_url)

    async def scenario(client):
        await sign_in(client, "anna.berg")
        assert (await client.get("/api/review/statistics")).status == 403
        await sign_in(client, "lena.lind")
        resp = await client.get("/api/review/statistics")
        assert resp.status == 200
        result = await resp.json()
        assert result["unit"] == "EB Nord" and result["assessments"] == 1
        resp = await client.get("/api/review/statistics?unit=EB%20Syd")
        assert (await resp.json())["unit"] == "EB Nord"  # a supervisor sees their own unit
        resp = await client.get("/api/review/statistics/per_module.svg")
        assert resp.status == 200 and resp.content_type == "image/svg+xml"
        assert "Alkohol" in await resp.text()
        assert (await client.get("/api/review/statistics/okänt.svg")).status == 404
        resp = await client.get("/api/review/statistics.csv")
        assert resp.status == 200 and "Område;Bedömningar" in await resp.text()
        assert (await client.get("/api/review/statistics?from=2026-12-01&to=2026-01-01")
                ).status == 400
        await sign_in(client, "adam.admin")
        resp = await client.get("/api/review/statistics")
        assert (await resp.json())["assessments"] == 2  # every unit
        # One row per successful read: 3 JSON, 1 chart, 1 CSV; refused requests read nothing.
        assert access_rows(db_url, "statistik") == 5

    run(db_url, scenario)


def test_a_refused_export_or_comment_says_why_and_leaves_nothing_behind(db_url, monkeypatch):
    """A refusal inside the conversation's unit of work (no assessment to print, no such
    message) is said in Swedish, and neither an access-log row nor a comment is kept."""
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    ids = seed(db_url)

    async def scenario(client):
        await sign_in(client, "ulla.utb")
        resp = await client.get(f"/api/review/conversations/{ids['training']}/export.pdf")
        assert resp.status == 404
        assert (await resp.json())["error"] == "Samtalet har ingen bedömning att skriva ut."
        assert access_rows(db_url, "export_pdf") == 0
        csrf = await sign_in(client, "lena.lind")
        resp = await client.post(f"/api/review/conversations/{ids['anna']}/comments",
                                 json={"message_seq": 999999, "text": "Ingen sådan rad"},
                                 headers={"X-CSRF-Token": csrf})
        assert resp.status == 400
        assert (await resp.json())["error"] == "Meddelandet finns inte i samtalet."
        view = await (await client.get(f"/api/review/conversations/{ids['anna']}")).json()
        assert not any(m["comments"] for m in view["messages"])
        resp = await client.get(f"/api/review/conversations/{ids['anna']}/export.pdf")
        assert resp.status == 200 and resp.content_type == "application/pdf"
        assert access_rows(db_url, "export_pdf") == 1

    run(db_url, scenario)
