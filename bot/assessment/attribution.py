"""Which clauses of a message are about which question. Pure.

A case worker answers the question asked and, in the same message, says things about
others: "ja hon är inskriven på AF" answers the question about Arbetsförmedlingen, not the
refusal of assistance that was asked. So a clause goes to the open question only when it
names the open question's subject (its cues, aliases, or for a gate its area's cues) or
names no question's subject at all (a bare "ja", "åtta månader", "varje helg"). A clause
that names another question's subject and not the open one's is left to that question.
"""
from __future__ import annotations

from bot.assessment.question_bank import Module, Question
from bot.reading.phrases import PhraseSet
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


def _one_pattern(sources) -> PhraseSet:
    return PhraseSet(sources)


def named_questions(modules: tuple[Module, ...], clause: Clause, *,
                    by_options: bool = True) -> set[str]:
    """The questions whose subject the clause names. `by_options=False` leaves out a
    question named only by its own options' words ("håller på" is an option of
    motivation, but "håller på att ta körkort" is about the licence)."""
    key = (id(modules), clause.said, by_options)
    named = _NAMED.get(key)
    if named is None:
        # The same clause is asked about for the open question, for facts and for
        # confirmations in one turn: worked out once.
        index = 2 if by_options else 1
        entries = _cue_phrases(modules)
        words, prefixes, shortest = _first_words(modules, entries, index)
        said_words = set(clause.said.split())
        maybe: set[int] = set()
        for w in said_words:
            maybe |= words.get(w, set())
            for k in range(shortest, len(w) + 1):
                maybe |= prefixes.get(w[:k], set())
        named = frozenset(entries[i][0] for i in maybe if entries[i][index].search(clause.said))
        if len(_NAMED) > 20000:
            _NAMED.clear()
        _NAMED[key] = named
    return set(named)


_NAMED: dict[tuple[int, str, bool], frozenset[str]] = {}
_FIRST: dict[tuple[int, int], tuple] = {}


def _first_words(modules, entries, index: int):
    """Which questions a clause's words can start a cue of: one index over the bank."""
    key = (id(modules), index)
    if key not in _FIRST:
        words: dict[str, set[int]] = {}
        prefixes: dict[str, set[int]] = {}
        for i, entry in enumerate(entries):
            for w in entry[index].by_word:
                words.setdefault(w, set()).add(i)
            for pre in entry[index].by_prefix:
                prefixes.setdefault(pre, set()).add(i)
        _FIRST[key] = (words, prefixes, min((len(p) for p in prefixes), default=1))
    return _FIRST[key]


def about(modules: tuple[Module, ...], question: Question, clause: Clause) -> bool:
    named = named_questions(modules, clause)
    if question.id in named or not named:
        return True
    if all(o.key is None for o in question.options) and question.options:
        # An instrument's items share their substance's words ("en öl" names drinking):
        # only a subject outside the instrument takes a clause away from the item asked.
        siblings = {q.id for m in modules if m.id == question.module for q in m.questions}
        return named <= siblings
    return False


def clauses_about(modules: tuple[Module, ...], question: Question,
                  clauses: list[Clause]) -> list[Clause]:
    return [c for c in clauses if about(modules, question, c)]
