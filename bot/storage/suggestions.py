"""Suggested interventions and the case worker's decision on each, with who and when."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.models import Suggestion, utcnow


def store_suggestions(session: Session, assessment_id: int, ranked: list[tuple[str, int, dict]]) -> int:
    """Store the ranked list once; a second call (e.g. after a restart) changes nothing."""
    existing = session.execute(
        select(Suggestion.id).where(Suggestion.assessment_id == assessment_id)).first()
    if existing:
        return 0
    for intervention_id, rank, reasons in ranked:
        session.add(Suggestion(assessment_id=assessment_id, intervention_id=intervention_id,
                               rank=rank, reasons=reasons, status="föreslagen"))
    session.flush()
    return len(ranked)


def suggestions_by_rank(session: Session, assessment_id: int) -> dict[int, Suggestion]:
    rows = session.execute(select(Suggestion).where(Suggestion.assessment_id == assessment_id)).scalars()
    return {row.rank: row for row in rows}


def decide(session: Session, assessment_id: int, rank: int, status: str, user_id: int | None,
           comment: str | None = None) -> Suggestion | None:
    row = suggestions_by_rank(session, assessment_id).get(rank)
    if row is None:
        return None
    row.status, row.decided_by_id, row.decided_at = status, user_id, utcnow()
    row.comment = comment or None
    session.flush()
    return row
