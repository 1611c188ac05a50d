"""Correcting an earlier answer by naming it: "ändra svaret om hur ofta han dricker till
varje vecka", "det var fel, hon har inga skulder". Pure; never guesses.

The question is found by its topic or one of its aliases in the bank (the longest one
named wins); the new value is read from what follows "till", or from the statement
itself ("hon har inga skulder"). When either part is unclear the caller asks again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.assessment.answer_types import read_answer
from bot.assessment.facts import NEGATION, extract_facts
from bot.assessment.question_bank import Module, Question
from bot.assessment.understanding import Reading
from bot.reading.text import fold, whole_word

# "egentligen" corrects only said so ("egentligen har hon …", "det var egentligen …");
# "nej inte egentligen" is "not really", an answer.
_CUE = re.compile(
    r"^(andra|andra svaret|rata|ratta|korrigera|byt|egentligen)(?![a-z0-9])"
    r"|(?<![a-z0-9])(det var fel|fel svar|svarade fel|blev fel|jag menade|andra svaret"
    r"|(?:var|ar|menade|har) egentligen"
    r"|ratta svaret|ska vara|skulle vara|inte ratt|stammer inte)(?![a-z0-9])"
)


@dataclass(frozen=True)
class Correction:
    question: Question | None  # None: which answer to change was not clear
    reading: Reading | None  # None: the new value was not clear


def is_correction(text: str) -> bool:
    return bool(_CUE.search(fold(text or "")))


def _named_question(modules: tuple[Module, ...], said: str,
                    answers: Mapping[str, Any]) -> Question | None:
    best: tuple[int, bool, Question] | None = None
    for module in modules:
        for question in module.questions:
            for name in (question.topic, *question.aliases):
                phrase = fold(name)
                if phrase and whole_word(phrase).search(said):
                    # Longer names win; between equals, an answered question wins.
                    rank = (len(phrase), question.id in answers)
                    if best is None or rank > best[:2]:
                        best = (*rank, question)
    return best[2] if best else None


def _answered_choice_named(modules: tuple[Module, ...], said: str,
                           answers: Mapping[str, Any]) -> Question | None:
    """"det var fel, han har försörjningsstöd": an option of an answered choice question
    named in the text; the longest name wins, and short words ("han") do not count."""
    best: list[tuple[int, Question]] = []
    for module in modules:
        for question in module.questions:
            if question.type != "choice" or question.id not in answers:
                continue
            for option in question.options:
                for name in (option.label, *option.synonyms):
                    phrase = fold(name)
                    if len(phrase) >= 5 and whole_word(phrase).search(said):
                        best.append((len(phrase), question))
    best.sort(key=lambda b: b[0], reverse=True)
    if not best or (len(best) > 1 and best[0][0] == best[1][0] and best[0][1] is not best[1][1]):
        return None
    return best[0][1]


def find_correction(modules: tuple[Module, ...], answers: Mapping[str, Any], text: str) -> Correction:
    said = fold(text)
    all_facts = extract_facts(modules, text)
    facts = [f for f in all_facts if f.question_id in answers]
    # "det var fel, hon har tre barn": of the answers the message states, the one it
    # changes is the one corrected (not "barn i hushållet", already yes).
    changed = [f for f in facts if answers[f.question_id] != f.value]
    by_fact = next(q for m in modules for q in m.questions
                   if q.id == changed[0].question_id) if len(changed) == 1 else None
    question = (by_fact if not re.search(r"(?<![a-z0-9])till(?![a-z0-9])", said) else None) or \
        _named_question(modules, said, answers) or _answered_choice_named(modules, said, answers)
    if question is None and len(facts) == 1:
        question = next(q for m in modules for q in m.questions if q.id == facts[0].question_id)
    if question is None:
        return Correction(None, None)
    # "... till varje vecka": the new value follows the last "till".
    after = re.split(r"(?<![a-z0-9])till(?![a-z0-9])", said)
    if len(after) > 1 and after[-1].strip():
        reading = read_answer(question, after[-1].strip(), modules)
        if reading is not None:
            return Correction(question, reading)
    fact = next((f for f in all_facts if f.question_id == question.id), None)
    if fact is not None:
        return Correction(question, Reading(fact.value, fact.label))
    rest = _CUE.sub(" ", said)
    if question.type == "choice" and not NEGATION.search(rest):
        # "det var fel, han har försörjningsstöd": the option is named without "till";
        # "inte arbetslös" names an option only to deny it, so it is not read.
        reading = read_answer(question, rest, modules)
        if reading is not None:
            return Correction(question, reading)
    return Correction(question, None)
