"""Readings waiting for the case worker's "ja": kept in the database, not in Rasa, so a
restarted process asks the same confirmation again and nothing unconfirmed is stored
as an answer (bot.assessment.turn decides what is proposed and what a reply confirms)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.assessment.pending import MEANT, NOTICED, Pending
from bot.storage.models import PROPOSAL_KINDS, Proposal

PENDING_KINDS = (MEANT, NOTICED)
DECLINED = "avböjd"


def pending_proposals(session: Session, assessment_id: int | None) -> list[Pending]:
    if assessment_id is None:
        return []
    rows = session.execute(
        select(Proposal).where(Proposal.assessment_id == assessment_id,
                               Proposal.kind.in_(PENDING_KINDS)).order_by(Proposal.id)
    ).scalars()
    return [Pending(r.question_id, r.value, r.label, r.kind, r.masked_text or "",
                    tuple(r.alternatives or ())) for r in rows]


def replace_proposals(session: Session, assessment_id: int, proposals: Iterable[Pending], *,
                      declined: Iterable[Pending] = (), chat_message_id: int | None = None) -> None:
    """The turn's pending readings replace the earlier ones (a reply decides them all);
    what the case worker just declined is kept, marked, until the next turn."""
    session.execute(delete(Proposal).where(Proposal.assessment_id == assessment_id))
    marked = [Pending(p.question_id, p.value, p.label, DECLINED, p.phrase) for p in declined]
    for p in [*proposals, *marked]:
        if p.kind not in PROPOSAL_KINDS:
            raise ValueError(f"unknown proposal kind {p.kind!r}")
        session.add(Proposal(assessment_id=assessment_id, question_id=p.question_id,
                             value=p.value, label=p.label[:300], kind=p.kind,
                             masked_text=p.phrase or None,
                             alternatives=list(p.alternatives) or None,
                             chat_message_id=chat_message_id))
    session.flush()


def proposed_by_message(session: Session, assessment_id: int | None,
                        chat_message_id: int | None) -> bool:
    """Whether this chat message already left readings to confirm: a message resent after
    a fault must not be read again as the reply to its own confirmation."""
    if assessment_id is None or chat_message_id is None:
        return False
    return session.execute(
        select(Proposal.id).where(Proposal.assessment_id == assessment_id,
                                  Proposal.chat_message_id == chat_message_id).limit(1)
    ).first() is not None
