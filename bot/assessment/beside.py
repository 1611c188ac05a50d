"""What the answer to an area's opening question (or its count) says, in the same message,
for the next questions of that area. Pure.

"ja två, 5 och 8" to "Finns det barn i hushållet?" is the yes, how many and their ages;
"ja cannabis, nästan varje dag" to the drugs' opening question is the yes and how often.
The open question gives these words their subject, so they are read only here, right
after its answer, and only where nothing in the message speaks of another subject.
Proposed for confirmation like every fact beside an answer (bot/assessment/turn.py).
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from bot.assessment.answer_types import describe, read_answer
from bot.assessment.attribution import named_questions
from bot.assessment.facts import ONE_CHILD
from bot.assessment.pending import NOTICED, Pending
from bot.assessment.question_bank import Module, Question, module_of
from bot.assessment.understanding import BARE_ANSWERS, understand_yes_no
from bot.local_time import today
from bot.reading.children import TWINS, child_words, read_ages
from bot.reading.numbers import WORDS
from bot.reading.scale import place_answer
from bot.reading.text import Clause, fold


def beside_answer(modules: tuple[Module, ...], answers: Mapping[str, Any], question: Question,
                  value: Any, parts: list[Clause], noticed: list[Pending]) -> list[Pending]:
    """Proposals for the area's next questions from the message that answered `question`
    with `value`; none for a question already answered or already proposed."""
    found: list[Pending] = []
    for reader in (_count_beside_gate, _ages_beside_count, _use_beside_gate, _age_beside):
        found += reader(modules, answers, question, value, parts, [*noticed, *found])
    return found


def _open(answers, noticed, question: Question | None) -> bool:
    return question is not None and question.id not in answers and \
        not any(p.question_id == question.id for p in noticed)


def _phrase(parts) -> str:
    return ", ".join(c.raw for c in parts)


def _use_beside_gate(modules, answers, question: Question, value, parts,
                     noticed: list[Pending]) -> list[Pending]:
    """ "ja cannabis, nästan varje dag" to the drugs' opening question: the yes opens the
    area and the frequency, in clauses that name nothing outside it, is how often (DUDIT
    1). Sure placements only."""
    if not (question.is_gate and value is True):
        return []
    use = next((q for q in module_of(modules, question).questions if q.frequency_answer), None)
    if not _open(answers, noticed, use):
        return []
    own = [c for c in parts[1:] if named_questions(modules, c) <= {
        q.id for q in module_of(modules, question).questions}]
    if not own or len(own) < len(parts) - 1:
        return []  # another subject in the message: whose frequency is not said
    placed = place_answer(use, _phrase(own), today())
    if placed.option is None:
        return []
    chosen = placed.option.value
    return [Pending(use.id, chosen, describe(use, chosen, modules), NOTICED, _phrase(parts))]


def _children_questions(modules, question: Question) -> tuple[Question | None, Question | None]:
    """The area's count of children and their ages, if `question`'s area has them."""
    area = module_of(modules, question).questions
    count = next((q for q in area if q.quantity_unit == "barn" and q.type == "number"), None)
    ages = next((q for q in area if q.type == "numbers" and q.unit == "år"), None)
    return count, ages


def _count_beside_gate(modules, answers, question: Question, value, parts,
                       noticed: list[Pending]) -> list[Pending]:
    """ "ja två", "ja, tvillingar på fem" to "Finns det barn i hushållet?": the yes opens
    the area and the rest is how many, read by the count question's own reader (strict:
    "ja två, 5 och 8" must agree with its ages)."""
    count, _ = _children_questions(modules, question)
    if not (question.is_gate and value is True) or not _open(answers, noticed, count):
        return []
    listed = _count_then_ages(parts)
    said = _phrase(parts[:listed[0]]) if listed else _phrase(parts)
    reading = read_answer(count, said, modules)
    if reading is None or not reading.sure:
        return []
    if listed and len(read_ages(listed[1]) or ()) != reading.value:
        return []  # "ja två, 5 och 5 och 9": the count and the ages disagree
    if reading.value == 1 and not ONE_CHILD.search(fold(said)):
        return []  # "ja, en dotter som är 12" does not say she is the only child
    return [Pending(count.id, reading.value, reading.label, NOTICED, _phrase(parts))]


# The words of a list of ages said right after a count: numbers, "och", "år", "på".
_AGE_LIST_WORDS = {"och", "ar", "pa", "resp", "respektive", "samt"}


def _is_age_list(clause: Clause) -> bool:
    return all(w.isdigit() or w in WORDS or w in _AGE_LIST_WORDS for w in clause.said.split())


def _count_then_ages(parts: list[Clause]) -> tuple[int, str] | None:
    """ "ja två, 5 och 8, …", "två, 3 och 7 år": a count (after a yes, if any) and, in the
    clause right after it, a list of ages alone. How many clauses the count takes, and the
    ages as typed."""
    lead = 1 if parts and parts[0].said in BARE_ANSWERS and \
        understand_yes_no(parts[0].said) is True else 0
    counted = next((i for i in (lead, lead + 1) if i < len(parts) - 1
                    and any(w.isdigit() or w in WORDS for w in parts[i].said.split())), None)
    if counted is None or len(parts[counted].said.split()) > 3 or \
            not _is_age_list(parts[counted + 1]) or " och " not in f" {parts[counted + 1].said} ":
        return None
    return counted + 1, parts[counted + 1].raw


def _ages_beside_count(modules, answers, question: Question, value, parts,
                       noticed: list[Pending]) -> list[Pending]:
    """The children's ages said right after their count, to the opening question ("ja
    två, 5 och 8", "ja, tvillingar på fem") or to the count ("två, 3 och 7 år"): as many
    ages as children, each under 18, or nothing."""
    count, ages = _children_questions(modules, question)
    if count is None or not _open(answers, noticed, ages):
        return []
    if question is count and isinstance(value, int) and not isinstance(value, bool):
        children = value
    elif question.is_gate and value is True:
        children = next((p.value for p in noticed if p.question_id == count.id), None)
    else:
        return []
    listed = _count_then_ages(parts)
    if listed:
        rest = listed[1]
    else:  # "ja, tvillingar på fem": every clause after the yes names only children's ages
        rest = _phrase(parts[1:]) if all(_names_ages_only(c) for c in parts[1:]) else ""
    said = read_ages(rest, *(ages.value_range or (0, 17))) if rest else None
    if not children or said is None or len(said) != children:
        return []
    label = describe(ages, said, modules)
    return [Pending(ages.id, said, label, NOTICED, _phrase(parts))]


@functools.cache
def _child_names() -> frozenset[str]:
    return child_words() | TWINS | {"bonusbarn", "bonusbarnet", "bonusbarnen", "bonusson",
                                    "bonusdotter", "en", "ett", "som", "de", "han", "hon", "ar"}


def _names_ages_only(clause: Clause) -> bool:
    """ "tvillingar på fem", "bonusbarnet på 10", "en son på 10": a child and an age, and
    nothing else that could be another subject."""
    words = clause.said.split()
    return any(w.isdigit() or w in WORDS for w in words) and all(
        w.isdigit() or w in WORDS or w in _AGE_LIST_WORDS or w in _child_names() for w in words)


# Words beside an age that say nothing else: "en kille på 23", "kvinna, snart 30", "52 år".
_AGE_WORDS = {"en", "ett", "det", "ar", "pa", "gammal", "ca", "cirka", "typ", "runt", "ungefar",
              "snart", "nastan", "fyller", "klienten", "hon", "han", "hen"}


def _age_beside(modules, answers, question: Question, value, parts,
                noticed: list[Pending]) -> list[Pending]:
    """ "det är en man, 52 år", "en kille på 23" to the client's sex: the area's next
    question, an age in years, said right beside the answer in words that say nothing
    else ("en mamma på 41 med en son på 7" is not read: whose age is which)."""
    area = module_of(modules, question).questions
    at = area.index(question)
    age = area[at + 1] if at + 1 < len(area) else None
    if age is None or age.type != "number" or age.unit != "år" or question.type != "choice" \
            or not _open(answers, noticed, age):
        return []
    own = {w for o in question.options for s in (o.label, *o.synonyms) for w in fold(s).split()}
    for clause in parts[:2]:
        words = clause.said.split()
        if not any(w.isdigit() or w in WORDS for w in words) or \
                not set(words) <= own | _AGE_WORDS | set(WORDS) | {w for w in words if w.isdigit()}:
            continue
        said = " ".join(w for w in clause.raw.split() if fold(w) not in own | {"en", "ett", "det"})
        reading = read_answer(age, said, modules)
        if reading is not None and reading.sure:
            return [Pending(age.id, reading.value, reading.label, NOTICED, _phrase(parts))]
    return []
