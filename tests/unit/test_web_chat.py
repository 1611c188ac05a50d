"""The chat API against a stand-in for Rasa's REST channel that records what it receives."""
from __future__ import annotations

import asyncio
import dataclasses
import os

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import load_settings
from bot.supervision import STATE_FILE, StateReader, write_state
from bot.web.app import create_app
from bot.web.keys import RASA, SUPERVISOR
from bot.web.rasa_client import RasaClient
from tests.conftest import WEB_PASSWORD as PASSWORD

BUTTONS = [{"title": "Ja, klienten samtycker", "payload": "/affirm"},
           {"title": "Nej", "payload": "/deny"}]


class FakeRasa:
    def __init__(self):
        self.received: list[dict] = []
        self.progress: dict | None = None  # sent after the question, as the ask action does

    def app(self) -> web.Application:
        async def webhook(request):
            body = await request.json()
            self.received.append(body)
            answer = [{"recipient_id": body["sender"], "text": "Har klienten samtyckt?",
                       "buttons": BUTTONS}]
            if self.progress is not None:
                answer.append({"recipient_id": body["sender"],
                               "custom": {"progress": self.progress}})
            return web.json_response(answer)

        async def root(_):
            return web.Response(text="Hello from Rasa: 3.6.21")

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        app.router.add_get("/", root)
        return app


def run_with_app(scenario, rasa_up=True, supervisor_dir=None):
    async def main():
        fake = FakeRasa()
        rasa_server = TestServer(fake.app())
        await rasa_server.start_server()
        rasa_url = str(rasa_server.make_url("")).rstrip("/")
        if not rasa_up:
            await rasa_server.close()
        settings = load_settings()
        settings = dataclasses.replace(settings, rasa_port=rasa_server.port)
        app = create_app(settings, RasaClient(rasa_url, timeout=5))
        if supervisor_dir is not None:
            # As if this test were the supervisor that started the web app.
            app[SUPERVISOR] = StateReader(supervisor_dir, parent_pid=os.getpid())
        async with TestClient(TestServer(app)) as client:
            try:
                await scenario(client, fake)
            finally:
                if rasa_up:
                    await rasa_server.close()

    asyncio.run(main())


async def login(client, username="anna.berg"):
    resp = await client.post("/api/login", json={"username": username, "password": PASSWORD})
    assert resp.status == 200, await resp.text()
    return (await resp.json())["csrf_token"]


async def chat(client, csrf, **body):
    resp = await client.post("/api/chat", json=body, headers={"X-CSRF-Token": csrf})
    return resp.status, await resp.json()


def test_conversation_is_issued_and_buttons_come_back(users):
    async def scenario(client, fake):
        csrf = await login(client)
        status, body = await chat(client, csrf, conversation_id=None, text="hej")
        assert status == 200
        assert len(body["conversation_id"]) == 32
        assert body["messages"][0]["buttons"] == BUTTONS
        assert fake.received[0]["metadata"]["user"] == "anna.berg"

    run_with_app(scenario)


def test_offered_payload_is_forwarded_and_another_is_refused(users):
    async def scenario(client, fake):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        cid = body["conversation_id"]
        status, _ = await chat(client, csrf, conversation_id=cid, payload="/affirm")
        assert status == 200 and fake.received[-1]["message"] == "/affirm"
        status, err = await chat(client, csrf, conversation_id=cid, payload='/inform{"audit_1": 4}')
        assert status == 400 and "Knappen" in err["error"]
        assert len(fake.received) == 2

    run_with_app(scenario)


def test_typed_payload_syntax_reaches_rasa_as_plain_text(users):
    async def scenario(client, fake):
        csrf = await login(client)
        for typed in ['/inform{"audit_1": 4}', '  //affirm', "\u200b/deny"]:
            status, _ = await chat(client, csrf, conversation_id=None, text=typed)
            assert status == 200
            assert not fake.received[-1]["message"].strip().startswith("/")

    run_with_app(scenario)


def test_typed_button_title_becomes_its_payload(users):
    async def scenario(client, fake):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        await chat(client, csrf, conversation_id=body["conversation_id"], text="  nej ")
        assert fake.received[-1]["message"] == "/deny"

    run_with_app(scenario)


def test_personnummer_never_reaches_rasa(users):
    async def scenario(client, fake):
        csrf = await login(client)
        status, body = await chat(client, csrf, conversation_id=None, text="Hon har 19121212-1212")
        assert status == 200 and body["masked"] == ["personnummer"]
        assert "1212" not in str(fake.received)
        assert fake.received[-1]["message"] == "Hon har [personnummer dolt]"

    run_with_app(scenario)


@pytest.mark.parametrize(
    "raw, status, reason",
    [
        (b"{not json", 400, "JSON"),
        (b"[1, 2]", 400, "JSON-objekt"),
        (b'{"text": 5}', 400, "text"),
        (b'{"text": "   "}', 400, "tomt"),
        (b'{"text": "\\u0000\\u0007"}', 400, "tomt"),
        (b'{"conversation_id": "../../etc", "text": "hej"}', 400, "samtals-id"),
        ('{"text": "' + "å" * 2001 + '"}', 413, "för långt"),
        (b"\xff\xfe", 400, "UTF-8"),
    ],
    ids=["broken-json", "array", "number", "blank", "control-chars", "bad-id", "too-long", "not-utf8"],
)
def test_bad_requests_get_a_swedish_reason(users, raw, status, reason):
    async def scenario(client, fake):
        csrf = await login(client)
        body = raw.encode() if isinstance(raw, str) else raw
        resp = await client.post("/api/chat", data=body, headers={
            "X-CSRF-Token": csrf, "Content-Type": "application/json"})
        assert resp.status == status
        assert reason in (await resp.json())["error"]
        assert fake.received == []

    run_with_app(scenario)


def test_another_users_conversation_is_refused(users):
    async def scenario(client, fake):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        await client.post("/api/logout", headers={"X-CSRF-Token": csrf})
        other = await login(client, "bo.ek")
        status, err = await chat(client, other, conversation_id=body["conversation_id"], text="hej")
        assert status == 404 and "tillhör" in err["error"]
        assert len(fake.received) == 1

    run_with_app(scenario)


def test_chat_needs_sign_in_and_csrf(users):
    async def scenario(client, fake):
        resp = await client.post("/api/chat", json={"text": "hej"})
        assert resp.status == 401
        await login(client)
        resp = await client.post("/api/chat", json={"text": "hej"})
        assert resp.status == 403 and "CSRF" in (await resp.json())["error"]
        assert fake.received == []

    run_with_app(scenario)


def test_rasa_down_gives_503_and_health_says_so(users):
    async def scenario(client, fake):
        csrf = await login(client)
        status, err = await chat(client, csrf, conversation_id=None, text="hej")
        assert status == 503 and "svarar inte" in err["error"]
        resp = await client.get("/health")
        health = await resp.json()
        assert resp.status == 503
        assert health["components"]["rasa"].startswith("fel")
        assert health["components"]["database"] == "ok"

    run_with_app(scenario, rasa_up=False)


def test_while_rasa_restarts_the_entry_says_so_and_the_resent_message_counts_once(
        users, tmp_path):
    def supervisor_says(rasa_state):
        write_state(tmp_path / STATE_FILE, [
            {"name": "actionservern", "component": "actions", "index": 0, "state": "ready",
             "pid": 11, "restarts": 0, "last_exit": None},
            {"name": "Rasa", "component": "rasa", "index": 0, "state": rasa_state,
             "pid": 12, "restarts": 1, "last_exit": "signal 9 (SIGKILL)"},
        ])

    async def scenario(client, fake):
        csrf = await login(client)
        status, first = await chat(client, csrf, conversation_id=None, text="hej")
        assert status == 200
        cid = first["conversation_id"]
        supervisor_says("restarting")
        body = {"conversation_id": cid, "text": "nej", "client_message_id": "resend-0001"}
        resp = await client.post("/api/chat", json=body, headers={"X-CSRF-Token": csrf})
        assert resp.status == 503
        assert resp.headers["Retry-After"] == "5"
        assert (await resp.json())["error"].startswith(
            "Tidigt startar om en del, ditt svar är inte förlorat")
        assert len(fake.received) == 1, "nothing goes to a Rasa that is restarting"

        resp = await client.get("/health")
        health = await resp.json()
        assert resp.status == 503 and health["ready"] is False and health["live"] is True
        assert health["components"]["rasa"] == "startar om (Rasa)"
        assert health["restarting"] == ["Rasa"]
        assert health["processes"][1]["last_exit"] == "signal 9 (SIGKILL)"
        resp = await client.get("/health/live")
        assert resp.status == 200 and (await resp.json())["restarting"] == ["Rasa"]

        supervisor_says("ready")
        resp = await client.post("/api/chat", json=body, headers={"X-CSRF-Token": csrf})
        answered = await resp.json()
        assert resp.status == 200 and answered["replayed"] is False
        resp = await client.post("/api/chat", json=body, headers={"X-CSRF-Token": csrf})
        assert (await resp.json())["replayed"] is True
        assert len(fake.received) == 2, "the message reached Rasa exactly once"
        history = await (await client.get(f"/api/conversations/{cid}/messages")).json()
        assert [m["text"] for m in history["messages"] if m["sender"] == "user"] == ["hej", "nej"]
        ready = await (await client.get("/health/ready")).json()
        # Still not ready here, but for the action server this test does not run.
        assert ready["restarting"] == [] and ready["components"]["rasa"] == "ok"
        assert ready["components"]["actions"].startswith("fel")

    run_with_app(scenario, supervisor_dir=tmp_path)


def test_errors_carry_security_headers_and_no_stack_trace(users):
    async def scenario(client, fake):
        resp = await client.get("/finns-inte")
        assert resp.status == 404
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert "Traceback" not in await resp.text()

    run_with_app(scenario)


def test_training_is_opened_only_through_ovningslage(users):
    """A case worker cannot mark a real conversation as training (kept out of statistics
    and review) with a flag; free practice is opened in Övningsläge and says so."""
    async def scenario(client, fake):
        csrf = await login(client)
        headers = {"X-CSRF-Token": csrf}
        refused = await client.post("/api/conversations", json={"training": True, "start": False},
                                    headers=headers)
        assert refused.status == 400
        assert "Övningsläge" in (await refused.json())["error"]
        real = await client.post("/api/conversations", json={"start": False}, headers=headers)
        assert real.status == 201 and (await real.json())["conversation"]["training"] is False
        free = await client.post("/api/practice/conversations", json={"free": True, "start": False},
                                 headers=headers)
        view = await free.json()
        assert free.status == 201 and view["conversation"]["training"] is True
        assert any("fri övning" in m["text"] for m in view["messages"])

    run_with_app(scenario)


async def answered_turn_listened(client, csrf, conversation_id: str, listener: tuple):
    """A button press with a message id, answered, with a SQLAlchemy event listened to
    (target, event name, function) while it runs."""
    from sqlalchemy import event

    event.listen(*listener)
    try:
        return await chat(client, csrf, conversation_id=conversation_id, payload="/affirm",
                          client_message_id="a" * 16)
    finally:
        event.remove(*listener)


# The web app's share of an answered turn's units of work (the session's sign-in, the
# conversation's state with the turn's claim, the replies with what the answer shows); the
# tracker store's and the actions' are counted on the Rasa side.
WEB_UNITS_PER_TURN = 3


def test_an_answered_turn_takes_at_most_three_units_of_work_in_the_web_app(users):
    from sqlalchemy.orm import Session

    begun = []

    def count(session, transaction, connection):
        if not transaction.nested:  # a savepoint is part of its unit of work
            begun.append(transaction)

    async def scenario(client, fake):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        status, _ = await answered_turn_listened(client, csrf, body["conversation_id"],
                                                 (Session, "after_begin", count))
        assert status == 200
        assert 0 < len(begun) <= WEB_UNITS_PER_TURN, len(begun)

    run_with_app(scenario)


def chat_log_reads(statements: list[str]) -> list[str]:
    return [s for s in statements
            if s.lstrip().upper().startswith("SELECT") and "FROM chat_messages" in s]


@pytest.mark.parametrize("progress, reads", [
    # The message looked up by its client id (once, for the retry check and the claim),
    # and the user's own row when the replies are stored; the turn shown is built from the
    # rows written, not read back (it was: five reads, the client id looked up twice, then
    # the turn and the progress read back).
    ({"module": "Inledning", "answered": 1, "total": 4}, 2),
    # No reply carries a progress: the latest stored one is read as well, newest first.
    (None, 3),
])
def test_an_answered_turn_reads_the_chat_log_once(users, progress, reads):
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    async def scenario(client, fake):
        fake.progress = {"module": "Inledning", "answered": 0, "total": 4}
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        fake.progress = progress
        status, turn = await answered_turn_listened(
            client, csrf, body["conversation_id"], (Engine, "before_cursor_execute", record))
        assert status == 200
        assert len(chat_log_reads(statements)) == reads, chat_log_reads(statements)
        # What the answer shows is what a reload shows.
        resp = await client.get(f"/api/conversations/{body['conversation_id']}/messages")
        stored = await resp.json()
        assert stored["messages"][-2:] == [turn["user_message"], *turn["messages"]]
        assert turn["progress"] == (progress or body["progress"]) == stored["progress"]
        assert turn["offered_buttons"] == BUTTONS == stored["offered_buttons"]

    run_with_app(scenario)


def test_the_rasa_client_session_is_closed_when_the_web_app_stops(users):
    """aiohttp's run_app stops the app on SIGTERM (the supervisor's stop) and runs its
    cleanup: the connections to Rasa are closed, not left to the garbage collector."""
    async def main():
        app = create_app(load_settings(), RasaClient("http://127.0.0.1:9", timeout=5))
        async with TestClient(TestServer(app)):
            session = app[RASA].session
            assert not session.closed
        return session.closed

    assert asyncio.run(main()) is True
