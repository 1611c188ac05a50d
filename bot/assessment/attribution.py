"""Which clauses of a message are about which question. Pure.

A case worker answers the question asked and, in the same message, says things about
others: "ja hon är inskriven på AF" answers the question about Arbetsförmedlingen, not the
refusal of assistance that was asked. So a clause goes to the open question only when it
names the open question's subject (its cues, aliases, or for a gate its area's cues) or
names no question's subject at all (a bare "ja", "åtta månader", "varje helg"). A clause
that names another question's subject and not the open one's is left to that question.
"""
from __future__ import annotations

import re

from bot.assessment.question_bank import Module, Question
from bot.reading.phrases import compile_phrase
from bot.reading.text import Clause

_CACHE: dict[int, tuple[tuple[Module, ...], tuple]] = {}


def _cue_phrases(modules: tuple[Module, ...]) -> tuple[tuple[str, tuple], ...]:
    """Per question id, its cue phrases compiled once (every clause is checked against
    all of them on every message). The bank is not hashable (lists in conditions), so it
    is cached by identity and kept alive beside its entry."""
    cached = _CACHE.get(id(modules))
    if cached is not None and cached[0] is modules:
        return cached[1]
    out = []
    for module in modules:
        for question in module.questions:
            # A question's own statements name its subject too ("löneutmätning" is
            # about Kronofogden, though "lön" is a word of income).
            statements = [*question.yes_statements, *question.no_statements,
                          *question.patterns, *(s for o in question.options for s in o.statements)]
            # So do the longer words of its own options, outside the instruments
            # ("har börjat fundera" is about motivation); an instrument's options are the
            # same frequencies for every item, so they name none.
            options = [w for o in question.options if o.key is not None
                       for w in (o.label, *o.synonyms) if len(w.split()) >= 2]
            subject = [*question.cues, *question.aliases, question.topic, *statements]
            if question.is_gate:
                subject += module.cues
            # One pattern per question: a clause is searched once per question, not once
            # per phrase (the reader's time per message, measured by make nlu-report).
            out.append((question.id, _one_pattern(subject), _one_pattern([*subject, *options])))
    _CACHE[id(modules)] = (modules, tuple(out))
    return tuple(out)


def _one_pattern(sources) -> re.Pattern[str]:
    phrases = [compile_phrase(s) for s in dict.fromkeys(sources) if s and s.strip()]
    return re.compile("|".join(p.pattern.pattern for p in phrases))


def named_questions(modules: tuple[Module, ...], clause: Clause, *,
                    by_options: bool = True) -> set[str]:
    """The questions whose subject the clause names. `by_options=False` leaves out a
    question named only by its own options' words ("håller på" is an option of
    motivation, but "håller på att ta körkort" is about the licence)."""
    index = 2 if by_options else 1
    return {entry[0] for entry in _cue_phrases(modules) if entry[index].search(clause.said)}


def about(modules: tuple[Module, ...], question: Question, clause: Clause) -> bool:
    named = named_questions(modules, clause)
    return not named or question.id in named


def clauses_about(modules: tuple[Module, ...], question: Question,
                  clauses: list[Clause]) -> list[Clause]:
    return [c for c in clauses if about(modules, question, c)]
