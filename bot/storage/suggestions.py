"""Suggested interventions and the case worker's decision on each, with who and when."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.storage.models import Suggestion


def store_suggestions(session: Session, assessment_id: int, ranked: list[tuple[str, int, dict]]) -> int:
    """Store the ranked list; storing the same list again (e.g. after a restart) changes
    nothing. Returns how many rows were added or moved.

    The list changes when answers come after it was stored: an assessment reopened for a
    question that waited for a meeting with the client alone. The rows then follow the new
    list, because decisions are made by the numbers the case worker sees: an intervention
    still suggested keeps its decision under its new number, a new one is added as
    suggested, and one no longer suggested is removed, unless a decision was made on it.
    That row is kept, numbered after the list, so no decision is ever lost."""
    rows = {row.intervention_id: row for row in session.execute(
        select(Suggestion).where(Suggestion.assessment_id == assessment_id)).scalars()}
    changed = 0
    for intervention_id, rank, reasons in ranked:
        row = rows.pop(intervention_id, None)
        if row is None:
            session.add(Suggestion(assessment_id=assessment_id, intervention_id=intervention_id,
                                   rank=rank, reasons=reasons, status="föreslagen"))
            changed += 1
        elif row.rank != rank or row.reasons != reasons:
            row.rank, row.reasons = rank, reasons
            changed += 1
    after = len(ranked)
    for row in sorted(rows.values(), key=lambda r: r.rank):  # no longer suggested
        if row.status == "föreslagen":
            session.delete(row)
            changed += 1
        else:
            after += 1
            if row.rank != after:
                row.rank = after
                changed += 1
    session.flush()
    return changed


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
