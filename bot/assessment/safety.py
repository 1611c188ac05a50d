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

from functools import cache

from bot.assessment.question_bank import load_safety
from bot.reading.phrases import compile_phrase
from bot.reading.text import NEGATION, clauses, fold, negated_before


@cache
def _phrases():
    """Per prompt: its phrases compiled once, each with whether it carries its own
    negation (every message is checked against all of them)."""
    return tuple((prompt.id, tuple((compile_phrase(p), bool(NEGATION.search(fold(p))))
                                   for p in prompt.phrases))
                 for prompt in load_safety().values())


def disclosed(text: str) -> list[str]:
    """The safety prompts (ids) the message's words call for, in data/safety.yml's order."""
    parts = [c.said for c in clauses(text or "")]
    return [prompt_id for prompt_id, phrases in _phrases()
            if any(_stated(phrase, negates, said)
                   for phrase, negates in phrases for said in parts)]


def _stated(phrase, negates: bool, said: str) -> bool:
    at = phrase.find(said)
    return at >= 0 and (negates or not negated_before(said, at))
