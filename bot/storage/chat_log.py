"""The chat as the case worker saw it: stored turn by turn, read back after a reload.

A user message is claimed (stored as pending) before it goes to the bot and completed
with the bot's replies in one transaction afterwards. A retried request with the same
client_message_id therefore finds the stored turn and is answered from it: the bot never
sees the message twice, and the history never shows it twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.models import ChatMessage, Conversation, as_utc, utcnow

PENDING, DONE = "väntar", "klar"
# Longer than the web app waits for Rasa (30 s): a pending turn older than this was
# interrupted (the web app died mid-turn), not still in progress.
STALE_AFTER = timedelta(seconds=90)
INTERRUPTED = (
    "Ditt meddelande kom fram, men svaret gick förlorat när tjänsten startades om. "
    "Läs den senaste frågan ovan. Skriv \"hur långt har vi kommit?\" om du är osäker "
    "på var ni är."
)

NEW, REPLAY, BUSY = "new", "replay", "busy"


@dataclass(frozen=True)
class Claim:
    kind: str  # NEW: send it to the bot; REPLAY: answer from storage; BUSY: still working
    message_id: int


def claim_user_message(
    session: Session, conversation_id: str, client_message_id: str | None, text: str,
    payload: str | None = None, now: datetime | None = None,
) -> Claim:
    now = now or utcnow()
    if client_message_id:
        existing = _by_client_id(session, conversation_id, client_message_id)
        if existing is not None:
            return _existing_claim(session, existing, now)
    row = ChatMessage(conversation_id=conversation_id, sender="user", text=text,
                      payload=payload, client_message_id=client_message_id,
                      status=PENDING, at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # The same message arrived twice at once; the other request owns it.
        existing = _by_client_id(session, conversation_id, client_message_id)
        return _existing_claim(session, existing, now)
    return Claim(NEW, row.id)


def _by_client_id(session: Session, conversation_id: str, client_message_id: str):
    return session.execute(
        select(ChatMessage).where(ChatMessage.conversation_id == conversation_id,
                                  ChatMessage.client_message_id == client_message_id,
                                  ChatMessage.sender == "user")
    ).scalar_one_or_none()


def _existing_claim(session: Session, row: ChatMessage, now: datetime) -> Claim:
    if row.status == DONE:
        return Claim(REPLAY, row.id)
    if as_utc(row.at) + STALE_AFTER > now:
        return Claim(BUSY, row.id)
    # Whether the bot took it in is unknown; sending it again could answer the next
    # question with it. Close the turn and say so instead.
    complete_turn(session, row.id, [{"text": INTERRUPTED, "buttons": []}], now=now)
    return Claim(REPLAY, row.id)


def complete_turn(
    session: Session, user_message_id: int, replies: list[dict[str, Any]],
    now: datetime | None = None,
) -> None:
    now = now or utcnow()
    user_message = session.get(ChatMessage, user_message_id)
    user_message.status = DONE
    for reply in replies:
        session.add(ChatMessage(
            conversation_id=user_message.conversation_id, sender="bot",
            text=reply.get("text") or "", buttons=reply.get("buttons") or [],
            progress=reply.get("progress"), reply_to_id=user_message_id, status=DONE, at=now,
        ))
    session.flush()


def add_bot_note(session: Session, conversation_id: str, text: str,
                 now: datetime | None = None) -> None:
    """A message of ours that no user message asked for (Övningsläge's case card)."""
    session.add(ChatMessage(conversation_id=conversation_id, sender="bot", text=text,
                            buttons=[], status=DONE, at=now or utcnow()))
    session.flush()


def forget_user_message(session: Session, user_message_id: int) -> None:
    """The bot did not take the message in: it was never part of the conversation."""
    row = session.get(ChatMessage, user_message_id)
    if row is not None and row.status == PENDING:
        session.delete(row)


def turn(session: Session, user_message_id: int) -> list[dict[str, Any]]:
    """The user's message and the bot's replies to it, in order."""
    rows = session.execute(
        select(ChatMessage).where(
            (ChatMessage.id == user_message_id) | (ChatMessage.reply_to_id == user_message_id)
        ).order_by(ChatMessage.id)
    ).scalars()
    return [as_dict(row) for row in rows]


def history(session: Session, conversation_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ChatMessage).where(ChatMessage.conversation_id == conversation_id)
        .order_by(ChatMessage.id)
    ).scalars()
    return [as_dict(row) for row in rows]


def latest_conversation(session: Session, user_id: int) -> Conversation | None:
    return session.execute(
        select(Conversation).where(Conversation.user_id == user_id)
        .order_by(Conversation.created_at.desc(), Conversation.id.desc()).limit(1)
    ).scalar_one_or_none()


def latest_progress(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Where the assessment stands: the progress of the latest question asked."""
    for message in reversed(messages):
        if message["sender"] == "bot" and message.get("progress"):
            return message["progress"]
    return None


def latest_buttons(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The buttons of the bot's latest turn, or none if that turn offered none."""
    for message in reversed(messages):
        if message["sender"] == "user":
            return []
        if message["buttons"]:
            return message["buttons"]
    return []


def as_dict(row: ChatMessage) -> dict[str, Any]:
    return {
        "seq": row.id, "sender": row.sender, "text": row.text,
        "buttons": list(row.buttons or []), "progress": row.progress,
        # Milliseconds: a reviewer's transcript places each answer after the message that
        # gave it, and two messages can fall within one second.
        "at": as_utc(row.at).astimezone(timezone.utc).isoformat(timespec="milliseconds"),
    }
