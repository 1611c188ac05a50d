"""An assessment as one JSON document: what the export API returns and reports are built on."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.question_bank import load_bank, load_factors
from bot.clock import as_utc
from bot.profile.build import build_profile
from bot.profile.document import profile_document
from bot.storage.models import Answer, Assessment, Score, Suggestion


def _iso(value) -> str | None:
    return as_utc(value).isoformat() if value is not None else None


def assessment_document(session: Session, assessment: Assessment) -> dict[str, Any]:
    answers: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(Answer).where(Answer.assessment_id == assessment.id).order_by(Answer.id)
    ).scalars()
    for row in rows:
        entry = answers.setdefault(row.question_id, {"history": []})
        entry["history"].append(
            {
                "value": row.value,
                "source": row.source,
                "skip_reason": row.skip_reason,
                "text": row.masked_text,
                "answered_at": _iso(row.answered_at),
            }
        )
        if row.current:
            entry.update(
                value=row.value, source=row.source, skip_reason=row.skip_reason,
                answered_at=_iso(row.answered_at),
            )
    current = {qid: entry["value"] for qid, entry in answers.items() if "value" in entry}
    profile = build_profile(load_bank(), current, load_factors())
    scores = session.execute(
        select(Score).where(Score.assessment_id == assessment.id).order_by(Score.id)
    ).scalars()
    suggestions = session.execute(
        select(Suggestion).where(Suggestion.assessment_id == assessment.id).order_by(Suggestion.rank)
    ).scalars()
    return {
        "id": assessment.id,
        "case_reference": assessment.case.reference,
        "conversation_id": assessment.conversation_id,
        "status": assessment.status,
        "consent": assessment.consent,
        "training": assessment.training,
        "started_at": _iso(assessment.started_at),
        "finished_at": _iso(assessment.finished_at),
        "answers": answers,
        # Computed from the current answers when read: never out of step with them.
        "profile": profile_document(profile),
        "scores": [
            {"instrument": s.instrument, "total": s.total, "band": s.band,
             "details": s.details, "computed_at": _iso(s.computed_at)}
            for s in scores
        ],
        "suggestions": [
            {"intervention_id": s.intervention_id, "rank": s.rank, "reasons": s.reasons,
             "status": s.status, "decided_at": _iso(s.decided_at), "comment": s.comment}
            for s in suggestions
        ],
    }
