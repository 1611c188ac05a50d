"""Conversations issued by the web app, each bound to the case worker who owns it."""
from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from bot.storage.models import Conversation


def open_conversation(session: Session, user_id: int, *, training: bool = False) -> Conversation:
    conversation = Conversation(id=uuid.uuid4().hex, user_id=user_id, training=training)
    session.add(conversation)
    session.flush()
    return conversation


def owned_conversation(session: Session, conversation_id: str, user_id: int) -> Conversation | None:
    """The conversation if this user owns it; otherwise None, whether it exists or not."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or conversation.user_id != user_id:
        return None
    return conversation


def set_offered_buttons(session: Session, conversation_id: str, buttons: list[dict]) -> None:
    conversation = session.get(Conversation, conversation_id)
    if conversation is not None:
        conversation.offered_buttons = buttons
