"""The widget's history and retries: what a reload shows, and a retried message counted once."""
from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.clock import utcnow
from bot.settings import load_settings
from bot.storage import chat_log
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.users import add_user
from bot.web.app import create_app
from bot.web.rasa_client import RasaClient
from tests.unit.test_web_chat import BUTTONS, PASSWORD, chat, login

PROGRESS = {"module_name": "Alkohol", "module_number": 1, "module_count": 2,
            "question_number": 1, "question_count": 10, "questions_left": 14}


class ScriptedRasa:
    """Answers like Rasa's REST channel: the question, then its progress as custom JSON."""

    def __init__(self, failures: int = 0):
        self.received: list[dict] = []
        self.failures = failures

    def app(self) -> web.Application:
        async def webhook(request):
            body = await request.json()
            if self.failures:
                self.failures -= 1
                return web.Response(status=500)
            self.received.append(body)
            return web.json_response([
                {"recipient_id": body["sender"], "text": f"Svar på {body['message']}"},
                {"recipient_id": body["sender"], "text": "Hur ofta dricker du?",
                 "buttons": BUTTONS},
                {"recipient_id": body["sender"], "custom": {"progress": PROGRESS}},
            ])

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        return app


def run(scenario, rasa: ScriptedRasa | None = None):
    rasa = rasa or ScriptedRasa()

    async def main():
        server = TestServer(rasa.app())
        await server.start_server()
        settings = dataclasses.replace(load_settings(), rasa_port=server.port)
        app = create_app(settings, RasaClient(str(server.make_url("")).rstrip("/"), timeout=5))
        try:
            async with TestClient(TestServer(app)) as client:
                await scenario(client, rasa)
        finally:
            await server.close()

    asyncio.run(main())


async def current(client):
    resp = await client.get("/api/conversations/current")
    assert resp.status == 200
    return await resp.json()


def test_a_reload_shows_the_stored_history_in_order(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        assert (await current(client))["conversation"] is None
        _, first = await chat(client, csrf, conversation_id=None, text="hej",
                              client_message_id="msg-0001")
        cid = first["conversation_id"]
        _, second = await chat(client, csrf, conversation_id=cid, payload="/affirm",
                               client_message_id="msg-0002")
        # The button's title is what the case worker saw themselves send.
        assert second["user_message"]["text"] == BUTTONS[0]["title"]
        view = await current(client)
        assert view["conversation"]["id"] == cid
        senders_texts = [(m["sender"], m["text"]) for m in view["messages"]]
        assert senders_texts == [
            ("user", "hej"), ("bot", "Svar på hej"), ("bot", "Hur ofta dricker du?"),
            ("user", "Ja, klienten samtycker"), ("bot", "Svar på /affirm"),
            ("bot", "Hur ofta dricker du?"),
        ]
        seqs = [m["seq"] for m in view["messages"]]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        # Progress rides on the question, not in a bubble of its own.
        assert view["messages"][2]["progress"] == PROGRESS and view["progress"] == PROGRESS
        assert view["offered_buttons"] == BUTTONS
        assert all(m["at"].endswith("+00:00") for m in view["messages"])

    run(scenario)


def test_a_retried_message_reaches_the_bot_once(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        _, first = await chat(client, csrf, conversation_id=None, text="två gånger i veckan",
                              client_message_id="retry-123")
        cid = first["conversation_id"]
        status, again = await chat(client, csrf, conversation_id=cid,
                                   text="två gånger i veckan", client_message_id="retry-123")
        assert status == 200 and again["replayed"] is True
        assert again["messages"] == first["messages"]
        assert len(rasa.received) == 1
        assert len((await current(client))["messages"]) == 3

    run(scenario)


def test_a_message_the_bot_did_not_take_is_not_in_the_history(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        status, _ = await chat(client, csrf, conversation_id=None, text="hej",
                               client_message_id="lost-0001")
        assert status == 503
        view = await current(client)
        assert view["messages"] == []
        # The widget retries the same message: now it is taken, once.
        status, body = await chat(client, csrf, conversation_id=view["conversation"]["id"],
                                  text="hej", client_message_id="lost-0001")
        assert status == 200 and body["replayed"] is False
        assert [m["sender"] for m in (await current(client))["messages"]] == ["user", "bot", "bot"]

    run(scenario, ScriptedRasa(failures=1))


def test_pause_is_always_accepted_and_shown_as_its_label(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hej")
        status, paused = await chat(client, csrf, conversation_id=body["conversation_id"],
                                    payload="/pause")
        assert status == 200 and rasa.received[-1]["message"] == "/pause"
        assert paused["user_message"]["text"] == "Pausa"

    run(scenario)


def test_a_personnummer_is_masked_in_the_stored_history(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        await chat(client, csrf, conversation_id=None, text="Han har 19121212-1212")
        texts = " ".join(m["text"] for m in (await current(client))["messages"])
        assert "1212-1212" not in texts and "[personnummer dolt]" in texts

    run(scenario)


def test_new_assessment_opens_a_conversation_and_starts_it(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        resp = await client.post("/api/conversations", json={}, headers={"X-CSRF-Token": csrf})
        assert resp.status == 201
        view = await resp.json()
        assert rasa.received[-1]["message"] == "/start_assessment"
        assert view["messages"][0] == {**view["messages"][0], "sender": "user",
                                       "text": "Ny bedömning"}
        assert (await current(client))["conversation"]["id"] == view["conversation"]["id"]

    run(scenario)


def test_another_users_history_is_refused(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        _, body = await chat(client, csrf, conversation_id=None, text="hemligt svar")
        await client.post("/api/logout", headers={"X-CSRF-Token": csrf})
        await login(client, "bo.ek")
        resp = await client.get(f"/api/conversations/{body['conversation_id']}/messages")
        assert resp.status == 404
        assert "hemligt" not in await resp.text()
        assert (await current(client))["conversation"] is None

    run(scenario)


def test_bad_client_message_id_is_refused(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        status, err = await chat(client, csrf, conversation_id=None, text="hej",
                                 client_message_id="<script>")
        assert status == 400 and "meddelande-id" in err["error"]
        assert rasa.received == []

    run(scenario)


def test_a_turn_in_progress_is_busy_and_an_interrupted_one_is_sent_again_once(users):
    with session_scope(users) as session:
        user = add_user(session, "Cia Dahl", role="handläggare", unit="EB Nord", password=PASSWORD)
        cid = open_conversation(session, user.id).id
        claim = chat_log.claim_user_message(session, cid, "same-0001", "hej")
        assert claim.kind == chat_log.NEW
        again = chat_log.claim_user_message(session, cid, "same-0001", "hej")
        assert again == chat_log.Claim(chat_log.BUSY, claim.message_id)
        # The web app died mid-turn: after a while the retry goes to the bot again, under
        # the same message id (so the actions store its answer once), and only one retry.
        later = utcnow() + chat_log.STALE_AFTER + timedelta(seconds=1)
        resent = chat_log.claim_user_message(session, cid, "same-0001", "hej", now=later)
        assert resent == chat_log.Claim(chat_log.NEW, claim.message_id)
        racing = chat_log.claim_user_message(session, cid, "same-0001", "hej", now=later)
        assert racing.kind == chat_log.BUSY


def test_an_abandoned_turn_is_hidden_and_sent_again_at_once(users):
    with session_scope(users) as session:
        user = add_user(session, "Cia Dahl", role="handläggare", unit="EB Nord", password=PASSWORD)
        cid = open_conversation(session, user.id).id
        claim = chat_log.claim_user_message(session, cid, "lost-0002", "varje dag")
        chat_log.abandon_turn(session, claim.message_id)
        assert chat_log.history(session, cid) == []
        resent = chat_log.claim_user_message(session, cid, "lost-0002", "varje dag")
        assert resent == chat_log.Claim(chat_log.NEW, claim.message_id)
        chat_log.complete_turn(session, claim.message_id, [{"text": "Noterat."}])
        assert [m["text"] for m in chat_log.history(session, cid)] == ["varje dag", "Noterat."]
        replay = chat_log.claim_user_message(session, cid, "lost-0002", "varje dag")
        assert replay.kind == chat_log.REPLAY
        # A turn this process gave up on while the database was away is not waited for.
        other = chat_log.claim_user_message(session, cid, "lost-0003", "nej")
        resent = chat_log.claim_user_message(session, cid, "lost-0003", "nej",
                                             interrupted={other.message_id})
        assert resent == chat_log.Claim(chat_log.NEW, other.message_id)


def test_a_conversation_can_be_opened_without_starting_it(users):
    async def scenario(client, rasa):
        csrf = await login(client)
        resp = await client.post("/api/conversations", json={"start": False},
                                 headers={"X-CSRF-Token": csrf})
        assert resp.status == 201
        view = await resp.json()
        assert view["messages"] == [] and rasa.received == []
        resp = await client.post("/api/conversations", json={"start": "ja"},
                                 headers={"X-CSRF-Token": csrf})
        assert resp.status == 400 and "start" in (await resp.json())["error"]

    run(scenario)


def test_the_only_web_app_starting_abandons_its_predecessors_pending_turns(users):
    with session_scope(users) as session:
        user = add_user(session, "Cia Dahl", role="handläggare", unit="EB Nord", password=PASSWORD)
        cid = open_conversation(session, user.id).id
        left = chat_log.claim_user_message(session, cid, "left-0001", "varje dag")
        assert chat_log.abandon_pending_turns(session, utcnow()) == 1
        # The browser's retry goes to the bot at once, not after STALE_AFTER.
        resent = chat_log.claim_user_message(session, cid, "left-0001", "varje dag")
        assert resent == chat_log.Claim(chat_log.NEW, left.message_id)


def test_the_current_progress_is_found_however_far_back_and_the_stored_turn_is_as_read(users):
    with session_scope(users) as session:
        user = add_user(session, "Cia Dahl", role="handläggare", unit="EB Nord", password=PASSWORD)
        cid = open_conversation(session, user.id).id
        assert chat_log.current_progress(session, cid) is None
        claim = chat_log.claim_user_message(session, cid, None, "ja")
        chat_log.complete_turn(session, claim.message_id, [{"text": "Fråga", "progress": PROGRESS}])
        # Many replies without progress since (more than one batch of the read-back).
        for n in range(45):
            claim = chat_log.claim_user_message(session, cid, None, f"vad menar du {n}")
            stored = chat_log.complete_turn(session, claim.message_id,
                                            [{"text": "Hjälp", "buttons": BUTTONS}])
        assert stored == chat_log.turn(session, claim.message_id)
        assert chat_log.current_progress(session, cid) == PROGRESS
        assert chat_log.current_progress(session, cid, newest=stored) == PROGRESS
        later = dict(PROGRESS, question_number=2)
        assert chat_log.current_progress(
            session, cid, newest=[*stored, {"sender": "bot", "progress": later}]) == later
        assert chat_log.latest_progress(chat_log.history(session, cid)) == PROGRESS
