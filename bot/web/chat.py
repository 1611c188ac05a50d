"""POST /api/chat: one message from the signed-in case worker, the bot's answer back."""
from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from bot.privacy.personnummer import mask_identity_numbers
from bot.storage.conversations import open_conversation, owned_conversation, set_offered_buttons
from bot.web.auth import json_error, require_user
from bot.web.db_access import in_db
from bot.web.keys import RASA
from bot.web.rasa_client import RasaUnavailable
from bot.web.user_text import (
    MAX_LENGTH,
    button_for_typed_text,
    clean_text,
    defuse_payload_syntax,
)

_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
RASA_DOWN = (
    "Assistenten svarar inte just nu. Ditt senaste meddelande togs inte emot – "
    "försök igen om en stund."
)
NOT_YOURS = "Samtalet finns inte, eller så tillhör det någon annan."
WRONG_BUTTON = (
    "Knappen hör inte till den senaste frågan. Skriv ditt svar eller välj en av knapparna."
)


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        raw = await request.read()
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise json_error(web.HTTPBadRequest, "Begäran måste vara giltig JSON i UTF-8.") from None
    if not isinstance(body, dict):
        raise json_error(web.HTTPBadRequest, "Begäran måste vara ett JSON-objekt.")
    return body


def _validate(body: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    conversation_id, text, payload = (
        body.get("conversation_id"), body.get("text"), body.get("payload"),
    )
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
        return conversation_id, None, payload
    if not isinstance(text, str):
        raise json_error(web.HTTPBadRequest, "Meddelandet måste vara text.")
    if len(text) > MAX_LENGTH:
        raise json_error(
            web.HTTPRequestEntityTooLarge,
            f"Meddelandet är för långt (högst {MAX_LENGTH} tecken). Dela upp det.",
        )
    return conversation_id, text, None


def _messages(answer: list[dict]) -> list[dict[str, Any]]:
    out = []
    for item in answer:
        if not isinstance(item, dict):
            continue
        message: dict[str, Any] = {
            "text": item.get("text") or "",
            "buttons": [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in item.get("buttons") or []
                if isinstance(b, dict)
            ],
        }
        if isinstance(item.get("custom"), dict):
            message["custom"] = item["custom"]
        if message["text"] or message["buttons"] or "custom" in message:
            out.append(message)
    return out


async def post_chat(request: web.Request) -> web.Response:
    user = require_user(request)
    conversation_id, text, payload = _validate(await _body(request))

    def conversation_state(session):
        if conversation_id is None:
            return open_conversation(session, user.user_id).id, []
        conversation = owned_conversation(session, conversation_id, user.user_id)
        if conversation is None:
            return None, None
        return conversation.id, list(conversation.offered_buttons or [])

    cid, offered = await in_db(conversation_state)
    if cid is None:
        raise json_error(web.HTTPNotFound, NOT_YOURS)

    masked: list[str] = []
    if payload is not None:
        if payload not in {b["payload"] for b in offered}:
            raise json_error(web.HTTPBadRequest, WRONG_BUTTON)
        message = payload
    else:
        cleaned = clean_text(text)
        button = button_for_typed_text(cleaned, offered)
        if button is not None:
            message = button["payload"]
        else:
            cleaned, masked = mask_identity_numbers(cleaned)
            message = defuse_payload_syntax(cleaned)
        if not message:
            raise json_error(web.HTTPBadRequest, "Meddelandet är tomt.")

    metadata = {"channel": "tidigt-web", "user": user.username, "unit": user.unit,
                "masked": masked}
    try:
        answer = await request.app[RASA].send(cid, message, metadata)
    except RasaUnavailable:
        raise json_error(web.HTTPServiceUnavailable, RASA_DOWN) from None

    messages = _messages(answer)
    latest_buttons = next((m["buttons"] for m in reversed(messages) if m["buttons"]), [])
    await in_db(set_offered_buttons, cid, latest_buttons)
    return web.json_response({"conversation_id": cid, "messages": messages, "masked": masked})
