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
from bot.reading.phrases import PhraseIndex
from bot.reading.text import clauses, negated_before


@cache
def _index() -> tuple[PhraseIndex, tuple[str, ...]]:
    """The prompts' phrases compiled once under the prompt's id, and the prompts' order:
    every message is checked against all of them, so a clause's words say which to try."""
    prompts = tuple(load_safety().values())
    return PhraseIndex({p.id: p.phrases for p in prompts}), tuple(p.id for p in prompts)


def disclosed(text: str) -> list[str]:
    """The safety prompts (ids) the message's words call for, in data/safety.yml's order."""
    index, order = _index()
    found = {prompt_id for said in (c.said for c in clauses(text or ""))
             for prompt_id, phrase in index.candidates(said)
             if _stated(phrase, phrase.negates, said)}
    return [prompt_id for prompt_id in order if prompt_id in found]


def _stated(phrase, negates: bool, said: str) -> bool:
    at = phrase.find(said)
    return at >= 0 and (negates or not negated_before(said, at))
