"""Recording answers: append-only, so a correction keeps what was said before."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.scoring.instruments import ALLOWED_SCORES, validate_item
from bot.storage.models import ANSWER_SOURCES, Answer

INSTRUMENT_ITEMS = {item for items in ALLOWED_SCORES.values() for item in items}


def current_answer(session: Session, assessment_id: int, question_id: str) -> Answer | None:
    return session.execute(
        select(Answer).where(
            Answer.assessment_id == assessment_id,
            Answer.question_id == question_id,
            Answer.current.is_(True),
        )
    ).scalar_one_or_none()


def record_answer(
    session: Session,
    assessment_id: int,
    question_id: str,
    value: Any,
    *,
    source: str,
    masked_text: str | None = None,
    skip_reason: str | None = None,
    chat_message_id: int | None = None,
) -> Answer:
    """Store an answer. Answering a question again is a correction: the old row stays."""
    if source not in ANSWER_SOURCES:
        raise ValueError(f"unknown answer source {source!r}")
    if value is not None and question_id in INSTRUMENT_ITEMS:
        validate_item(question_id, value)  # an AUDIT/DUDIT item score outside the scale is refused
    previous = current_answer(session, assessment_id, question_id)
    answer = Answer(
        assessment_id=assessment_id,
        question_id=question_id,
        value=value,
        masked_text=masked_text,
        source=source,
        skip_reason=skip_reason if source == "överhoppad" else None,
        chat_message_id=chat_message_id,
    )
    if previous is not None:
        previous.current = False
        # Flush the demotion first so a concurrent reader never sees two current rows.
        session.flush()
        answer.replaces_id = previous.id
        answer.previous_value = previous.value
        if source != "överhoppad":
            answer.source = "rättad"
    session.add(answer)
    session.flush()
    return answer


def answered_by_message(session: Session, assessment_id: int, chat_message_id: int | None) -> bool:
    """Whether this chat message already gave answers here: the web app sends a message
    again when a fault left its fate unknown, and it must not count twice (or answer the
    question after the one it answered)."""
    if chat_message_id is None:
        return False
    return session.execute(
        select(Answer.id).where(Answer.assessment_id == assessment_id,
                                Answer.chat_message_id == chat_message_id).limit(1)
    ).first() is not None


def answer_history(session: Session, assessment_id: int, question_id: str) -> list[Answer]:
    return list(
        session.execute(
            select(Answer)
            .where(Answer.assessment_id == assessment_id, Answer.question_id == question_id)
            .order_by(Answer.id)
        ).scalars()
    )


def current_answers(session: Session, assessment_id: int) -> dict[str, Any]:
    """question id -> current value; a skipped question is present with the value None."""
    rows = session.execute(
        select(Answer.question_id, Answer.value).where(
            Answer.assessment_id == assessment_id, Answer.current.is_(True)
        )
    ).all()
    return {qid: value for qid, value in rows}


def skip_reasons(session: Session, assessment_id: int) -> dict[str, str | None]:
    """question id -> why it was skipped, for the current skipped answers."""
    rows = session.execute(
        select(Answer.question_id, Answer.skip_reason).where(
            Answer.assessment_id == assessment_id, Answer.current.is_(True),
            Answer.source == "överhoppad",
        )
    ).all()
    return {qid: reason for qid, reason in rows}


def withdraw_answer(session: Session, assessment_id: int, question_id: str) -> bool:
    """Make a question open again (e.g. "seen alone" at a new meeting); history is kept."""
    previous = current_answer(session, assessment_id, question_id)
    if previous is None:
        return False
    previous.current = False
    session.flush()
    return True
