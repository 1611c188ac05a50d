"""The case worker's conversations: the current one with its history, and a new one.

The widget restores itself from here after a reload or a dropped connection, so what it
shows is what the server stored, never what a browser happened to keep.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.clock import as_utc
from bot.start_buttons import NEW_ASSESSMENT
from bot.storage import chat_log
from bot.storage.conversations import open_conversation, owned_conversation
from bot.web.auth import json_error, require_user
from bot.web.chat import NOT_YOURS, run_turn
from bot.web.db_access import in_db
from bot.web.json_body import json_object


def conversation_view(conversation, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "conversation": {"id": conversation.id, "training": bool(conversation.training),
                         "created_at": as_utc(conversation.created_at).isoformat(
                             timespec="seconds")},
        "messages": messages,
        "offered_buttons": chat_log.latest_buttons(messages),
        "progress": chat_log.latest_progress(messages),
    }


async def get_current(request: web.Request) -> web.Response:
    user = require_user(request)

    def read(session):
        conversation = chat_log.latest_conversation(session, user.user_id)
        if conversation is None:
            return {"conversation": None, "messages": [], "offered_buttons": [],
                    "progress": None}
        return conversation_view(conversation, chat_log.history(session, conversation.id))

    return web.json_response(await in_db(read))


async def get_messages(request: web.Request) -> web.Response:
    user = require_user(request)
    conversation_id = request.match_info["conversation_id"]

    def read(session):
        conversation = owned_conversation(session, conversation_id, user.user_id)
        if conversation is None:
            return None
        return conversation_view(conversation, chat_log.history(session, conversation.id))

    view = await in_db(read)
    if view is None:
        raise json_error(web.HTTPNotFound, NOT_YOURS)
    return web.json_response(view)


async def post_conversation(request: web.Request) -> web.Response:
    """A new conversation. `{"start": false}` only opens it, so that the widget has an id
    before a person's first typed message (a retry then cannot open a second one)."""
    user = require_user(request)
    body = await json_object(request, empty={})
    if not isinstance(body.get("start", True), bool):
        raise json_error(web.HTTPBadRequest, "Fältet start måste vara true eller false.")
    # Practice is opened only through Övningsläge (POST /api/practice/conversations), so a
    # real conversation can never be marked as training and kept out of statistics and
    # review by a flag in this body.
    if "training" in body:
        raise json_error(web.HTTPBadRequest, "Övning startas i Övningsläge "
                         "(POST /api/practice/conversations), inte med fältet training.")
    cid = await in_db(lambda session: open_conversation(session, user.user_id).id)
    return await opened(request, user, cid, start=body.get("start", True))


async def opened(request: web.Request, user, cid: str, *, start: bool) -> web.Response:
    """A conversation just opened: started the way a person starts one, if asked, and
    returned as the widget shows it."""
    if start:
        # As if the case worker pressed "Ny bedömning"; the bot then asks for the case
        # reference. The payload is ours, not typed, so it may carry an intent.
        start_payload = NEW_ASSESSMENT["payload"]
        await run_turn(request, user, cid, start_payload, shown_as=NEW_ASSESSMENT["title"],
                       payload=start_payload)

    def read(session):
        conversation = owned_conversation(session, cid, user.user_id)
        return conversation_view(conversation, chat_log.history(session, cid))

    return web.json_response(await in_db(read), status=201)


def setup_conversations(app: web.Application) -> None:
    app.router.add_get("/api/conversations/current", get_current)
    app.router.add_post("/api/conversations", post_conversation)
    app.router.add_get("/api/conversations/{conversation_id}/messages", get_messages)
