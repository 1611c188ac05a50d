"""The profile as JSON for the export API and the review pages: computed from the stored
answers when read, so it never disagrees with them."""
from __future__ import annotations

from typing import Any

from bot.profile.build import FoundFactor, Profile


def _factor(found: FoundFactor) -> dict[str, Any]:
    return {
        "id": found.factor.id, "name": found.factor.name, "level": found.factor.level,
        "warning": found.factor.warning, "sources": list(found.factor.sources),
        "evidence": [{"question_id": e.question_id, "topic": e.topic, "answer": e.answer}
                     for e in found.evidence],
    }


def profile_document(profile: Profile) -> dict[str, Any]:
    return {
        area.area: {
            "name": area.name,
            "assessed": area.assessed,
            "risk_factors": [_factor(f) for f in area.risks],
            "protective_factors": [_factor(f) for f in area.protective],
            "accumulation": area.accumulation,
            "warning_signs": sorted({w for w, _ in area.warnings}),
            "triage_group": area.triage_group,
            "triage": area.triage_text,
        }
        for area in profile.areas.values()
    }
