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

from bot.assessment.question_bank import Module, Question, by_id, module_of, per_object
from bot.reading.phrases import PhraseIndex, PhraseSet
from bot.reading.text import Clause, fold


@per_object
def _cue_index(modules: tuple[Module, ...]) -> tuple[PhraseIndex, PhraseIndex]:
    """Every question's subject (its cues, aliases, topic and statements; a gate also its
    area's cues), and the same with the longer words of its own options, each indexed by
    the words a phrase can start with: a clause is searched only for those."""
    subjects, with_options = {}, {}
    for module in modules:
        for question in module.questions:
            # A question's own statements name its subject too ("löneutmätning" is
            # about Kronofogden, though "lön" is a word of income).
            subject = [*question.cues, *question.aliases, question.topic,
                       *question.statement_sources]
            if question.is_gate:
                subject += module.cues
            # So do the longer words of its own options, outside the instruments
            # ("har börjat fundera" is about motivation); an instrument's options are the
            # same frequencies for every item, so they name none.
            options = [w for o in question.options if o.key is not None
                       for w in (o.label, *o.synonyms) if len(w.split()) >= 2]
            subjects[question.id] = subject
            with_options[question.id] = [*subject, *options]
    return PhraseIndex(subjects), PhraseIndex(with_options)


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
        named = frozenset(_cue_index(modules)[by_options].labels(clause.said))
        if len(_NAMED) > 20000:
            _NAMED.clear()
        _NAMED[key] = named
    return set(named)


_NAMED: dict[tuple[int, str, bool], frozenset[str]] = {}


@per_object
def _option_words(question: Question) -> re.Pattern[str] | None:
    """A keyed choice's own option words of five letters or more ("föräldraledig",
    "andrahand"), as whole words in folded text."""
    words = sorted({w for o in question.options if o.key is not None
                    for w in (fold(p) for p in (o.label, *o.synonyms)) if len(w) >= 5},
                   key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(map(re.escape, words))})(?![a-z0-9])") \
        if words else None


def about(modules: tuple[Module, ...], question: Question, clause: Clause) -> bool:
    named = named_questions(modules, clause)
    if question.id in named or not named:
        return True
    words = _option_words(question) if question.type == "choice" else None
    if words is not None and words.search(clause.said):
        return True  # "föräldraledig just nu": an option's own word, whatever else it cues
    if instrument_item(question):
        # An instrument's items share their substance's words ("en öl" names drinking):
        # only a subject outside the instrument takes a clause away from the item asked.
        # Another instrument's item counts only with its substance: "morgon och kväll"
        # names AUDIT's eye-opener by "morgon", but says nothing of drinking.
        siblings = {q.id for m in modules if m.id == question.module for q in m.questions}
        questions = by_id(modules)
        elsewhere = {qid for qid in named - siblings if instrument_item(questions[qid])
                     and not _of_substance(module_of(modules, questions[qid]), clause)}
        if named - elsewhere <= siblings:
            return True
        # A clause of the instrument's own substance is about it, whatever else it names
        # ("bvc-sköterskan frågade om hennes drickande nyligen" on AUDIT item 10), unless
        # it also names another instrument's item.
        return not any(instrument_item(questions[q]) for q in named - siblings) and \
            _of_substance(module_of(modules, question), clause)
    return False


def scale_kind(question: Question) -> str:
    """An instrument item's kind of scale: how many ("count"), how often ("frequency"), or
    whether and when it happened (AUDIT 9-10, DUDIT 10-11: "event")."""
    if any(o.count for o in question.options):
        return "count"
    return "frequency" if any(o.per_month for o in question.options) else "event"


def for_a_sibling(modules: tuple[Module, ...], question: Question, clause: Clause) -> bool:
    """The clause names another item of the same instrument and kind of scale, and not
    this one: "sex glas eller mer en gång i månaden" is AUDIT item 3's, not item 1's."""
    named = named_questions(modules, clause)
    if not instrument_item(question) or question.id in named:
        return False
    questions = by_id(modules)
    return any(questions[q].module == question.module and instrument_item(questions[q])
               and scale_kind(questions[q]) == scale_kind(question) for q in named)


def instrument_item(question: Question) -> bool:
    return bool(question.options) and all(o.key is None for o in question.options)


def _of_substance(module: Module, clause: Clause) -> bool:
    words = area_words(module)
    return words is not None and bool(words.search(clause.said))


def clauses_about(modules: tuple[Module, ...], question: Question,
                  clauses: list[Clause]) -> list[Clause]:
    return [c for c in clauses if about(modules, question, c)]


@per_object
def area_words(module: Module) -> PhraseSet | None:
    """The words of a module's subject, its cues and its gate's ("druckit", "fyllan",
    "påtänd"): an instrument item's answer is about the instrument's own substance."""
    words = [*module.cues, *(c for q in module.questions if q.is_gate for c in q.cues)]
    return PhraseSet(words) if words else None
