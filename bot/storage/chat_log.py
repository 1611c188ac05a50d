"""The chat as the case worker saw it: stored turn by turn, read back after a reload.

A user message is claimed (stored as pending) before it goes to the bot and completed
with the bot's replies in one transaction afterwards. A retried request with the same
client_message_id therefore finds the stored turn and is answered from it, and the
history never shows it twice.

A turn a fault interrupted (the bot or the database failed, or the web app died) is sent
to the bot again when the browser retries it, under the same chat message id. Whether the
bot took it in the first time is unknown; the actions store what one message says only
once (Answer.chat_message_id), so it neither counts twice nor answers the next question.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import as_utc, utcnow
from bot.storage.models import ChatMessage, Conversation

PENDING, DONE, ABANDONED = "väntar", "klar", "avbrutet"
# Longer than the web app waits for Rasa (30 s): a pending turn older than this was
# interrupted (the web app died mid-turn), not still in progress.
STALE_AFTER = timedelta(seconds=90)

NEW, REPLAY, BUSY = "new", "replay", "busy"
# claim_user_message's `earlier` when the caller has not looked for the message itself.
LOOK_IT_UP = object()


@dataclass(frozen=True)
class Claim:
    kind: str  # NEW: send it to the bot; REPLAY: answer from storage; BUSY: still working
    message_id: int


def claim_user_message(
    session: Session, conversation_id: str, client_message_id: str | None, text: str,
    payload: str | None = None, now: datetime | None = None,
    interrupted: Collection[int] = (),
    earlier: ChatMessage | None | object = LOOK_IT_UP,
) -> Claim:
    """`interrupted`: pending turns the caller itself gave up on (it could not mark them
    abandoned while the database was away); they are sent again at once. `earlier`: the
    message stored under this client_message_id, when the caller has just read it in this
    unit of work (sent_before), so that the turn reads it once."""
    now = now or utcnow()
    if client_message_id:
        existing = (_by_client_id(session, conversation_id, client_message_id)
                    if earlier is LOOK_IT_UP else earlier)
        if existing is not None:
            return _existing_claim(session, existing, now, existing.id in interrupted)
    row = ChatMessage(conversation_id=conversation_id, sender="user", text=text,
                      payload=payload, client_message_id=client_message_id,
                      status=PENDING, at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # The same message arrived twice at once; the other request owns it.
        existing = _by_client_id(session, conversation_id, client_message_id)
        return _existing_claim(session, existing, now, False)
    return Claim(NEW, row.id)


def sent_before(session: Session, conversation_id: str, client_message_id: str | None,
                ) -> ChatMessage | None:
    """The user message already stored under this client_message_id, if any (for
    claim_user_message's `earlier`)."""
    if not client_message_id:
        return None
    return _by_client_id(session, conversation_id, client_message_id)


def _by_client_id(session: Session, conversation_id: str, client_message_id: str):
    return session.execute(
        select(ChatMessage).where(ChatMessage.conversation_id == conversation_id,
                                  ChatMessage.client_message_id == client_message_id,
                                  ChatMessage.sender == "user")
    ).scalar_one_or_none()


def _existing_claim(session: Session, row: ChatMessage, now: datetime, given_up: bool) -> Claim:
    if row.status == DONE:
        return Claim(REPLAY, row.id)
    if row.status == PENDING and not given_up and as_utc(row.at) + STALE_AFTER > now:
        return Claim(BUSY, row.id)
    # Abandoned, or left pending by a web app that died: send it to the bot again. Only
    # one of two retries arriving together may take it over.
    interrupted = (ChatMessage.status == ABANDONED) | (
        (ChatMessage.status == PENDING) & (ChatMessage.at <= now - STALE_AFTER))
    if given_up:
        interrupted = ChatMessage.status.in_((PENDING, ABANDONED))
    taken = session.execute(
        update(ChatMessage).where(ChatMessage.id == row.id, interrupted)
        .values(status=PENDING, at=now).execution_options(synchronize_session=False)
    ).rowcount
    return Claim(NEW if taken else BUSY, row.id)


def complete_turn(
    session: Session, user_message_id: int, replies: list[dict[str, Any]],
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The replies stored with the user's message; the turn as stored back (what turn()
    would read), from the rows written, in the same unit of work."""
    now = now or utcnow()
    user_message = session.get(ChatMessage, user_message_id)
    user_message.status = DONE
    rows = [ChatMessage(
        conversation_id=user_message.conversation_id, sender="bot",
        text=reply.get("text") or "", buttons=reply.get("buttons") or [],
        progress=reply.get("progress"), reply_to_id=user_message_id, status=DONE, at=now,
    ) for reply in replies]
    session.add_all(rows)
    session.flush()
    return [as_dict(row) for row in (user_message, *rows)]


def add_bot_note(session: Session, conversation_id: str, text: str,
                 now: datetime | None = None) -> None:
    """A message of ours that no user message asked for (Övningsläge's case card)."""
    session.add(ChatMessage(conversation_id=conversation_id, sender="bot", text=text,
                            buttons=[], status=DONE, at=now or utcnow()))
    session.flush()


def abandon_turn(session: Session, user_message_id: int) -> None:
    """The bot's answer did not come back whole (Rasa, the actions or the database failed):
    the browser retries, and the retry sends the message to the bot again at once."""
    session.execute(
        update(ChatMessage).where(ChatMessage.id == user_message_id,
                                  ChatMessage.status == PENDING)
        .values(status=ABANDONED).execution_options(synchronize_session=False)
    )


def abandon_pending_turns(session: Session, started: datetime) -> int:
    """The only web-app process is starting: a turn still pending from before was left by
    the process before it, which died mid-turn. A retry need not wait STALE_AFTER."""
    return session.execute(
        update(ChatMessage).where(ChatMessage.status == PENDING, ChatMessage.at <= started)
        .values(status=ABANDONED).execution_options(synchronize_session=False)
    ).rowcount


def turn(session: Session, user_message_id: int) -> list[dict[str, Any]]:
    """The user's message and the bot's replies to it, in order."""
    rows = session.execute(
        select(ChatMessage).where(
            (ChatMessage.id == user_message_id) | (ChatMessage.reply_to_id == user_message_id)
        ).order_by(ChatMessage.id)
    ).scalars()
    return [as_dict(row) for row in rows]


def history(session: Session, conversation_id: str) -> list[dict[str, Any]]:
    """The conversation as shown; an abandoned message is not part of it until answered."""
    rows = session.execute(
        select(ChatMessage).where(ChatMessage.conversation_id == conversation_id,
                                  ChatMessage.status != ABANDONED)
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


def current_progress(session: Session, conversation_id: str,
                     newest: Sequence[dict[str, Any]] = ()) -> dict[str, Any] | None:
    """latest_progress of the conversation's history, reading back only as far as needed:
    `newest` are its latest messages, already at hand (the turn just stored), and usually
    have it; else the stored bot messages, newest first, a few at a time (a query's rows
    are fetched whole, and a turn must not cost the whole history)."""
    found = latest_progress(list(newest))
    if found is not None:
        return found
    before, batch = None, 8
    while True:
        query = select(ChatMessage.id, ChatMessage.progress).where(
            ChatMessage.conversation_id == conversation_id, ChatMessage.sender == "bot")
        if before is not None:
            query = query.where(ChatMessage.id < before)
        rows = session.execute(query.order_by(ChatMessage.id.desc()).limit(batch)).all()
        found = next((progress for _, progress in rows if progress), None)
        if found is not None or len(rows) < batch:
            return found
        before, batch = rows[-1][0], batch * 4


def replies_as_messages(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"sender": "bot", **reply} for reply in replies]


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
