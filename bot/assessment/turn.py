"""One turn of the questions: what the case worker's message means and what to store.
Pure: the Rasa action reads the stored answers, calls `handle_turn`, stores the result
in one transaction and sends the messages.

In order: a correction ("ändra svaret om ..."), a question about the question or about
progress, the answer itself (button or free text), a skip with its reason, small talk.
Facts about other questions in the same message are stored too, and confirmed in one line.
Nothing unclear is stored: the bot asks again with the options spelled out, and explains
the question after two failures.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.assessment import digressions
from bot.assessment.conditions import value_matches
from bot.assessment.corrections import find_correction
from bot.assessment.facts import extract_facts
from bot.assessment.flow import chosen_modules, next_question, progress, remaining
from bot.assessment.question_bank import Module, Question, load_safety
from bot.assessment.safety import disclosed
from bot.assessment.understanding import Reading, describe, options_spelled_out, read_answer

EXPLAIN_AFTER_FAILURES = 2
# A skip phrase inside a long free-text answer ("hon vet inte vad hon vill, men ...") is
# part of the answer; only a short message is read as a skip.
SKIP_MAX_WORDS_FREE_TEXT = 5


@dataclass(frozen=True)
class Record:
    question_id: str
    value: Any
    source: str  # "knapp" | "fritext" | "överhoppad" (a correction becomes "rättad" on store)
    skip_reason: str | None = None


@dataclass
class Turn:
    records: list[Record] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failures: int = 0  # the new count of failed attempts at the current question


def buttons(question: Question, modules: tuple[Module, ...] = ()) -> list[str]:
    """The answers offered as buttons; a pressed button is read like typed text."""
    if question.type == "yes_no":
        return ["Ja", "Nej", "Vet inte"]
    if question.type == "choice":
        return [o.label for o in question.options]
    if question.type == "modules":
        return ["Alla områden"]
    return []


def _topic(question: Question) -> str:
    return question.about  # every use follows "om": "Frågan om …", "svaret om …"


def _facts_turn(modules, answers, text, skip_ids, *, negated_too: bool = True
                ) -> tuple[list[Record], list[str], list[str]]:
    """Facts for other questions: new ones are stored, contradictions only pointed out.
    Beside an answer, a negation belongs to that answer ("nej, inte hos Kronofogden" says
    nothing about whether there are debts), so only positive or explicit facts count."""
    records, said, conflicts = [], [], []
    active = {m.id for m in chosen_modules(modules, answers)}
    by_id = {q.id: q for m in modules for q in m.questions}
    for fact in extract_facts(modules, text):
        question = by_id[fact.question_id]
        if fact.question_id in skip_ids or question.module not in active:
            continue
        if fact.negated and not negated_too:
            continue
        if fact.question_id in answers:
            if answers[fact.question_id] is not None and answers[fact.question_id] != fact.value:
                old = describe(question, answers[fact.question_id], modules)
                conflicts.append(
                    f"Om {_topic(question)} skrev du nu ”{fact.label}”, men det sparade svaret är "
                    f"”{old}”. Skriv \"ändra svaret om {_topic(question)} till …\" om det ska ändras.")
            continue
        records.append(Record(fact.question_id, fact.value, "fritext"))
        said.append(f"{_topic(question)}: {fact.label}")
    return records, said, conflicts


def _noted(items: list[str]) -> str:
    return "Noterat: " + "; ".join(items) + "."


def safety_messages(modules: tuple[Module, ...], records: list[Record],
                    text: str = "") -> list[str]:
    """Safety prompts for what was just recorded and for what the message says in passing
    (bot/assessment/safety.py), each once, before anything else."""
    by_id = {q.id: q for m in modules for q in m.questions}
    prompts = load_safety()
    wanted = [q.safety for r in records
              if (q := by_id[r.question_id]).safety and value_matches(q.safety_if, r.value)]
    shown: list[str] = []
    for prompt_id in [*wanted, *disclosed(text)]:
        message = prompts[prompt_id].message()
        if message not in shown:
            shown.append(message)
    return shown


def handle_turn(modules: tuple[Module, ...], answers: Mapping[str, Any], text: str, *,
                intent: str | None = None, confidence: float = 0.0,
                failures: int = 0) -> Turn:
    turn = _handle_turn(modules, answers, text, intent, confidence, failures)
    prompts = safety_messages(modules, turn.records, text)
    if prompts and not turn.records and turn.failures > failures:
        # A disclosure, not an unclear answer: the prompt is what matters now, and the
        # question simply waits ("Jag är inte säker på hur … ska tolkas" would read oddly).
        turn.failures = failures
        turn.messages = [f"Frågan om {_topic(next_question(modules, answers))} återstår."]
    turn.messages[:0] = prompts
    return turn


def _handle_turn(modules, answers, text, intent, confidence, failures) -> Turn:
    question = next_question(modules, answers)
    turn = Turn(failures=failures)
    if question is None:
        return turn
    text = " ".join((text or "").split())
    pressed = text in buttons(question, modules)
    # Fixed phrases first; the classifier's intent only counts when the text is no answer.
    kind = None if pressed else digressions.classify(text)
    if kind == digressions.CORRECT:
        return _correction(modules, answers, text, turn)
    if kind in (digressions.WHY, digressions.PROGRESS):
        return _explain(modules, answers, question, kind, turn)

    reading = read_answer(question, text, modules)
    if reading is None and kind is None and question.type in ("choice", "yes_no"):
        # "hon bor hos sin mamma" states the answer without using an option's words.
        stated = [f for f in extract_facts(modules, text) if f.question_id == question.id]
        reading = Reading(stated[0].value, stated[0].label) if stated else None
    if pressed and text == "Vet inte":
        kind, reading = digressions.SKIP, None
    if kind == digressions.SKIP and question.type == "free_text" \
            and len(text.split()) > SKIP_MAX_WORDS_FREE_TEXT:
        kind = None  # "hon vet inte riktigt vad hon vill, men ..." is her answer
    if reading is not None and kind != digressions.SKIP:
        return _answered(modules, answers, question, text, reading, pressed, turn)
    if kind is None and question.type != "free_text":
        # The client's own words may sound like small talk; elsewhere the classifier helps.
        kind = digressions.classify(text, intent, confidence)
    if kind in (digressions.WHY, digressions.PROGRESS):
        return _explain(modules, answers, question, kind, turn)
    if kind == digressions.SKIP:
        reason = digressions.skip_reason(text) or "vet inte"
        turn.records.append(Record(question.id, None, "överhoppad", reason))
        turn.messages.append(f"Frågan om {_topic(question)} är överhoppad ({reason}). "
                             "Du kan gå tillbaka till den senare genom att rätta svaret.")
        turn.failures = 0
        return turn

    # Not an answer to this question: maybe facts about others ("bor i andrahand").
    facts, said, conflicts = _facts_turn(modules, answers, text, set())
    if facts and question.type != "modules":
        turn.records += facts
        turn.messages.append(_noted(said) + f" Frågan om {_topic(question)} återstår.")
        turn.messages += conflicts
        return turn
    if kind == digressions.SMALL_TALK:
        turn.messages.append("Jag håller mig till bedömningen, så det svarar jag inte på. "
                             "Inget har sparats. " + options_spelled_out(question))
        return turn
    turn.failures = failures + 1
    quoted = text if len(text) <= 60 else text[:59] + "…"
    turn.messages.append(f"Jag är inte säker på hur ”{quoted}” ska tolkas, så jag gissar inte. "
                         + options_spelled_out(question))
    if turn.failures >= EXPLAIN_AFTER_FAILURES and question.help:
        turn.messages.append(f"Om frågan: {question.help}")
    return turn


def _explain(modules, answers, question: Question, kind: str, turn: Turn) -> Turn:
    if kind == digressions.WHY:
        turn.messages.append(f"Varför jag frågar om {_topic(question)}: {question.help}")
    else:
        turn.messages.append(progress(modules, answers).as_sentence())
    return turn


def _answered(modules, answers, question: Question, text: str, reading: Reading, pressed: bool,
              turn: Turn) -> Turn:
    turn.records.append(Record(question.id, reading.value, "knapp" if pressed else "fritext"))
    noted = [reading.label]
    # Facts about other questions, except in the client's own words or a choice of modules
    # ("barn" there names a module; it does not say there are children).
    if not pressed and question.type not in ("free_text", "modules"):
        facts, said, conflicts = _facts_turn(modules, answers, text, {question.id},
                                             negated_too=False)
        turn.records += facts
        noted += said
        turn.messages += conflicts
    turn.messages.insert(0, _noted(noted))
    turn.failures = 0
    return turn


def handle_correction(modules: tuple[Module, ...], answers: Mapping[str, Any], text: str) -> Turn:
    """A correction outside the questions, e.g. at the summary."""
    turn = _correction(modules, answers, " ".join((text or "").split()), Turn())
    turn.messages[:0] = safety_messages(modules, turn.records, text)
    return turn


def _correction(modules, answers, text: str, turn: Turn) -> Turn:
    found = find_correction(modules, answers, text)
    if found.question is None:
        turn.messages.append(
            "Vilket svar vill du ändra? Nämn frågan och det nya svaret, till exempel "
            "\"ändra svaret om skulder till nej\" eller \"ändra svaret om boende till andrahand\".")
        return turn
    question = found.question
    if found.reading is None:
        turn.messages.append(f"Jag förstod att du vill ändra svaret om {_topic(question)}, men inte "
                             f"till vad. {options_spelled_out(question)} Skriv till exempel "
                             f"\"ändra svaret om {_topic(question)} till …\".")
        return turn
    old = answers.get(question.id, "__none__")
    if old == found.reading.value:
        turn.messages.append(f"Svaret om {_topic(question)} är redan ”{found.reading.label}”.")
        return turn
    turn.records.append(Record(question.id, found.reading.value, "fritext"))
    if old == "__none__":
        turn.messages.append(f"Noterat: {_topic(question)}: {found.reading.label}.")
    else:
        before = describe(question, old, modules)
        turn.messages.append(f"Ändrat: {_topic(question)} från ”{before}” till ”{found.reading.label}”. "
                             "Det tidigare svaret finns kvar i historiken.")
    return turn


def what_follows(modules: tuple[Module, ...], answers: Mapping[str, Any], turn: Turn) -> dict[str, Any]:
    """The answers after the turn's records: used to tell whether any question is left."""
    after = dict(answers)
    for record in turn.records:
        after[record.question_id] = record.value
    return after


def questions_left(modules: tuple[Module, ...], answers: Mapping[str, Any]) -> int:
    return len(remaining(modules, answers))
