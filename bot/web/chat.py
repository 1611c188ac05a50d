"""POST /api/chat: one message from the signed-in case worker, the bot's answer back."""
from __future__ import annotations

import asyncio
import os
import re
from typing import Any

from aiohttp import web

from bot.clock import utcnow
from bot.domain_names import Intent, intent_payload
from bot.privacy.personnummer import mask_identity_numbers
from bot.storage import chat_log
from bot.storage.conversations import open_conversation, owned_conversation, set_offered_buttons
from bot.storage.models import Conversation
from bot.web.auth import json_error, require_user
from bot.web.db_access import DB_UNAVAILABLE, in_db
from bot.web.json_body import json_object
from bot.web.keys import INTERRUPTED_TURNS, RASA, SETTINGS, SUPERVISOR
from bot.web.rasa_client import RasaUnavailable
from bot.web.user_text import (
    MAX_LENGTH,
    button_for_typed_text,
    clean_text,
    defuse_payload_syntax,
)

_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_CLIENT_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Controls the widget always shows, accepted whatever the bot offered last.
CONTROL_PAYLOADS = {intent_payload(Intent.PAUSE): "Pausa"}
RASA_DOWN = (
    "Assistenten svarar inte just nu. Ditt senaste meddelande togs inte emot – "
    "försök igen om en stund."
)
# While the supervisor restarts Rasa, the action server or Redis (bot.runner). The widget
# shows it as a banner and resends the message with the same id after Retry-After.
RESTARTING = (
    "Tidigt startar om en del, ditt svar är inte förlorat. Det skickas igen av sig självt "
    "så snart Tidigt är tillbaka."
)
RETRY_AFTER_S = 5
SUPERVISOR_TICKS_S = 0.8
NOT_YOURS = "Samtalet finns inte, eller så tillhör det någon annan."
BUSY = "Ditt förra meddelande behandlas fortfarande. Vänta ett ögonblick."
WRONG_BUTTON = (
    "Knappen hör inte till den senaste frågan. Skriv ditt svar eller välj en av knapparna."
)


async def _body(request: web.Request) -> dict[str, Any]:
    return await json_object(request)


def _validate(body: dict[str, Any]) -> tuple[str | None, str | None, str | None, str | None]:
    conversation_id, text, payload, client_id = (
        body.get("conversation_id"), body.get("text"), body.get("payload"),
        body.get("client_message_id"),
    )
    if client_id is not None and (
        not isinstance(client_id, str) or not _CLIENT_MESSAGE_ID.match(client_id)
    ):
        raise json_error(web.HTTPBadRequest,
                         "Ogiltigt meddelande-id (8–64 tecken: bokstäver, siffror, - och _).")
    if conversation_id is not None and (
        not isinstance(conversation_id, str) or not _CONVERSATION_ID.match(conversation_id)
    ):
        raise json_error(web.HTTPBadRequest, "Ogiltigt samtals-id.")
    if (text is None) == (payload is None):
        raise json_error(web.HTTPBadRequest, "Skicka antingen text eller en knapps payload.")
    if payload is not None:
        if not isinstance(payload, str) or len(payload) > 500:
            raise json_error(web.HTTPBadRequest, WRONG_BUTTON)
        if conversation_id is None:
            raise json_error(web.HTTPBadRequest, WRONG_BUTTON)
        return conversation_id, None, payload, client_id
    if not isinstance(text, str):
        raise json_error(web.HTTPBadRequest, "Meddelandet måste vara text.")
    if len(text) > MAX_LENGTH:
        raise json_error(
            web.HTTPRequestEntityTooLarge,
            f"Meddelandet är för långt (högst {MAX_LENGTH} tecken). Dela upp det.",
        )
    return conversation_id, text, None, client_id


def bot_replies(answer: list[dict]) -> list[dict[str, Any]]:
    """Rasa's REST answer as the messages a person sees.

    Rasa sends a question's progress (its json_message) as a separate item after the
    question's text; it belongs to that question, not to a bubble of its own.
    """
    out: list[dict[str, Any]] = []
    for item in answer:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in item.get("buttons") or [] if isinstance(b, dict)
        ]
        custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
        progress = custom.get("progress") if isinstance(custom.get("progress"), dict) else None
        if text or buttons:
            out.append({"text": text, "buttons": buttons, "progress": progress})
        elif progress and out:
            out[-1]["progress"] = progress
    return out


def _nothing_stored(answer: list[dict]) -> bool:
    """The actions could not reach the database (they say so with a marker): the message
    was not taken in, and the browser should send it again."""
    return any(isinstance(item, dict) and isinstance(item.get("custom"), dict)
               and item["custom"].get("unavailable") == "database" for item in answer)


def unavailable(message: str) -> web.HTTPException:
    """503 with Retry-After: the message was not taken in, and may be sent again."""
    exc = json_error(web.HTTPServiceUnavailable, message)
    exc.headers["Retry-After"] = str(RETRY_AFTER_S)
    return exc


def usable_rasa_servers(request: web.Request) -> set[int] | None:
    """The Rasa servers a message may go to now (each with its own action server), by the
    supervisor's word; None when it says nothing (no supervisor, or all are ready)."""
    supervisor = request.app[SUPERVISOR]
    away = supervisor.not_ready("rasa", "actions", "redis")
    if not away:
        return None
    if any(c.get("component") == "redis" for c in away):
        return set()  # every Rasa server needs the lock store
    gone = {c.get("index") for c in away}
    return set(range(len(request.app[RASA].base_urls))) - gone


async def _abandon(request: web.Request, message_id: int) -> None:
    """Let a retry of this turn go to the bot again (see bot.storage.chat_log)."""
    try:
        await in_db(chat_log.abandon_turn, message_id)
    except web.HTTPServiceUnavailable:
        request.app[INTERRUPTED_TURNS].add(message_id)


async def abandon_orphaned_turns(app: web.Application) -> None:
    """At start-up of the only web-app process, turns its predecessor left pending are
    abandoned, so the browser's retry goes to the bot at once (with several processes,
    another may still be working on one, and STALE_AFTER decides)."""
    if app[SETTINGS].web_processes != 1:
        return
    try:
        await in_db(chat_log.abandon_pending_turns, utcnow())
    except web.HTTPServiceUnavailable:
        pass  # the database is away: a retry then waits STALE_AFTER instead


def _claim(session, conversation: Conversation | None, client_message_id: str | None,
           shown_as: str, payload: str | None, given_up: set[int],
           earlier=chat_log.LOOK_IT_UP) -> tuple[chat_log.Claim, bool]:
    """The turn claimed in the chat log, and whether the conversation is practice."""
    claim = chat_log.claim_user_message(session, conversation.id, client_message_id,
                                        shown_as, payload, interrupted=given_up,
                                        earlier=earlier)
    return claim, bool(conversation.training)


async def run_turn(
    request: web.Request, user, conversation_id: str, message: str, *, shown_as: str,
    payload: str | None = None, client_message_id: str | None = None,
    masked: list[str] | None = None, claimed: tuple[chat_log.Claim, bool] | None = None,
) -> dict[str, Any]:
    """One user message through the bot, stored before and after; the stored turn back.
    `claimed` is the turn's claim when the caller made it in its own unit of work."""
    given_up = request.app[INTERRUPTED_TURNS]
    if claimed is None:
        claimed = await in_db(lambda session: _claim(
            session, session.get(Conversation, conversation_id), client_message_id,
            shown_as, payload, given_up))
    claim, training = claimed
    if claim.kind == chat_log.BUSY:
        raise json_error(web.HTTPConflict, BUSY)
    given_up.discard(claim.message_id)
    replayed = claim.kind == chat_log.REPLAY

    def read(session):
        # What the conversation offers now; for a replayed turn that may be later buttons
        # than the turn's own. Not the whole history: that grows with every turn.
        offered = session.get(Conversation, conversation_id).offered_buttons
        return (chat_log.turn(session, claim.message_id), list(offered or []),
                chat_log.current_progress(session, conversation_id))

    if not replayed:
        # message_id ties the tracker's user event to our chat row; web_process says which
        # web-app process took the turn when several share the port (scale-out).
        metadata = {"channel": "tidigt-web", "user": user.username, "unit": user.unit,
                    "masked": masked or [], "message_id": claim.message_id,
                    "web_process": os.getpid(),
                    # Övningsläge: the actions keep a practice assessment out of real work.
                    "training": training}
        usable = usable_rasa_servers(request)
        try:
            if usable is not None and not usable:
                # Known to be restarting: not sent, so Rasa never half-handles it.
                raise RasaUnavailable("restarting")
            answer = await request.app[RASA].send(conversation_id, message, metadata,
                                                  only=usable)
            replies = bot_replies(answer)
            if not replies:
                # Rasa's REST channel answers 200 with nothing when handling failed inside
                # it (tracker store unreachable, action server gone): not an answer.
                raise RasaUnavailable("empty answer")
        except RasaUnavailable:
            await _abandon(request, claim.message_id)
            # Asked again, after a moment: the supervisor sees a child that died mid-turn
            # within a tick or two (bot.runner.TICK_S).
            restarting = usable_rasa_servers(request) is not None
            if not restarting and request.app[SUPERVISOR].children():
                await asyncio.sleep(SUPERVISOR_TICKS_S)
                restarting = usable_rasa_servers(request) is not None
            raise unavailable(RESTARTING if restarting else RASA_DOWN) from None
        if _nothing_stored(answer):
            await _abandon(request, claim.message_id)
            raise unavailable(DB_UNAVAILABLE)

        def complete(session):
            # The turn as stored, from the rows written: the chat log is not read back.
            stored = chat_log.complete_turn(session, claim.message_id, replies)
            # The replies follow the user's message, so the offered buttons are theirs.
            offered = chat_log.latest_buttons(chat_log.replies_as_messages(replies))
            set_offered_buttons(session, conversation_id, offered)
            # In the same unit of work: one transaction per turn less. The progress is
            # read only when none of the replies carries it.
            return (stored, offered,
                    chat_log.current_progress(session, conversation_id, newest=stored))

        try:
            messages, offered, progress = await in_db(complete)
        except web.HTTPServiceUnavailable:
            await _abandon(request, claim.message_id)
            raise
    else:
        messages, offered, progress = await in_db(read)
    return {
        "conversation_id": conversation_id, "user_message": messages[0],
        "messages": messages[1:],
        "offered_buttons": offered,
        "progress": progress,
        "masked": masked or [], "replayed": replayed,
    }


async def post_chat(request: web.Request) -> web.Response:
    user = require_user(request)
    conversation_id, text, payload, client_id = _validate(await _body(request))
    given_up = request.app[INTERRUPTED_TURNS]

    def state_and_claim(session):
        # The conversation's state and the turn's claim in one unit of work.
        if conversation_id is None:
            conversation, offered = open_conversation(session, user.user_id), []
            earlier = None  # a new conversation has no message yet
        else:
            conversation = owned_conversation(session, conversation_id, user.user_id)
            if conversation is None:
                raise json_error(web.HTTPNotFound, NOT_YOURS)
            offered = list(conversation.offered_buttons or [])
            # Read once: the claim below is given it instead of looking again.
            earlier = chat_log.sent_before(session, conversation.id, client_id)
            if earlier is not None and earlier.payload is not None:
                # A retried button press: the buttons may have moved on since the first
                # try (which the retry then replays or sends again); it was checked then.
                offered.append({"title": earlier.text, "payload": earlier.payload})
        message, shown_as, masked = _message(text, payload, offered)
        return (conversation.id, message, shown_as, masked,
                _claim(session, conversation, client_id, shown_as, payload, given_up,
                       earlier))

    cid, message, shown_as, masked, claimed = await in_db(state_and_claim)
    result = await run_turn(request, user, cid, message, shown_as=shown_as, payload=payload,
                            client_message_id=client_id, masked=masked, claimed=claimed)
    return web.json_response(result)


def _message(text: str | None, payload: str | None, offered: list[dict]
             ) -> tuple[str, str, list[str]]:
    """What goes to the bot, what the chat shows, and the identity numbers masked."""
    if payload is not None:
        if payload in CONTROL_PAYLOADS:
            return payload, CONTROL_PAYLOADS[payload], []
        button = next((b for b in offered if b["payload"] == payload), None)
        if button is None:
            raise json_error(web.HTTPBadRequest, WRONG_BUTTON)
        return payload, button["title"], []
    cleaned, masked = mask_identity_numbers(clean_text(text))
    if not cleaned:
        raise json_error(web.HTTPBadRequest, "Meddelandet är tomt.")
    button = button_for_typed_text(cleaned, offered)
    message = button["payload"] if button is not None else defuse_payload_syntax(cleaned)
    if not message:
        raise json_error(web.HTTPBadRequest,
                         "Meddelandet innehåller inget svar. Skriv med ord eller siffror.")
    return message, cleaned, masked
