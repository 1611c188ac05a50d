"""Safety said in passing: a case worker types "hon har haft tankar på att ta livet av sig"
at a question about work, or "ingenstans att bo inatt" while answering about housing. The
prompt must come then, whatever the message answers and even if it answers nothing, not
only when the question about it is asked. Pure.

A phrase counts unless a negation stands before it in the same clause ("hon har inga
tankar på att ta sitt liv"); phrases that carry their own negation ("orkar inte leva")
are matched as written. A missed disclosure costs more than a needless prompt, so the
phrases are broad.
"""
from __future__ import annotations

from bot.assessment.facts import NEGATION, _clauses, _find
from bot.assessment.question_bank import load_safety
from bot.assessment.understanding import fold


def disclosed(text: str) -> list[str]:
    """The safety prompts (ids) the message's words call for, in data/safety.yml's order."""
    found: list[str] = []
    clauses = [fold(c) for c in _clauses(text or "")]
    for prompt in load_safety().values():
        for phrase in prompt.phrases:
            if any(_stated(fold(phrase), clause) for clause in clauses):
                found.append(prompt.id)
                break
    return found


def _stated(phrase: str, clause: str) -> bool:
    at = _find(phrase, clause)
    if at < 0:
        return False
    return NEGATION.search(phrase) is not None or not NEGATION.search(clause[:at])
