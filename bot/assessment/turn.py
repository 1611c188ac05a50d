"""One turn of the questions: what the case worker's message means and what to store.
Pure: the Rasa action reads the stored answers, calls `handle_turn`, stores the result
in one transaction and sends the messages.

In order: the reply to a pending confirmation, a correction ("ändra svaret om ..."), a
question about the question, about progress or about what is noted, the answer itself
(button or free text), a skip with its reason, small talk. The answer is read only from
the clauses about the open question (bot/assessment/attribution.py): "ja hon är inskriven
på AF" does not answer a question about a refusal. Three tiers: a sure reading is stored
and echoed ("Noterat: …"); a likely one is asked back ("Menar du …?"); anything else is
asked again. Facts volunteered for other questions are never stored at once: they are
shown as "uppfattat" and count only when the case worker confirms them.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.assessment import digressions
from bot.assessment.answer_types import (
    answer_type,
    buttons,
    describe,
    options_spelled_out,
    read_answer,
)
from bot.assessment.beside import beside_answer
from bot.assessment.conditions import all_match, value_matches
from bot.assessment.corrections import find_correction
from bot.assessment.facts import heavy_days, read_fact
from bot.assessment.flow import Step, chosen_modules, decide, remaining
from bot.assessment.form_entry import FormEntry, read_form
from bot.assessment.own_answer import (
    CLIENT_SAYS,
    DOUBTED,
    ECHOED_QUESTION,
    SUSPECTED,
    accounts_apart,
    ages_against_count,
    held_in_part,
    no_in_part,
    not_the_questions,
    own_reading,
    split_at_slip,
    unsure_first,
)
from bot.assessment.pending import MEANT, NOTICED, Pending
from bot.assessment.question_bank import Module, Question, load_safety
from bot.assessment.question_bank import by_id as questions_of
from bot.assessment.safety import disclosed
from bot.assessment.stated import all_facts, is_risk, risky_areas
from bot.assessment.understanding import Reading, names_an_area, understand_yes_no
from bot.reading.text import clauses, fold

EXPLAIN_AFTER_FAILURES = 2
# A skip phrase inside a long free-text answer ("hon vet inte vad hon vill, men ...") is
# part of the answer; a short message, or one that says nothing beside the skip ("det har
# jag inte frågat henne än"), is read as a skip.
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
    # Every reading waiting for confirmation after this turn (replaces the earlier ones).
    proposals: list[Pending] = field(default_factory=list)
    declined: list[Pending] = field(default_factory=list)  # shown and answered no
    # What is asked after this turn, decided once here from the answers with the turn's
    # records: the action stores it in the slot the ask action renders from.
    next: Step | None = None


CONFIRM_YES = "Ja, det stämmer"
CONFIRM_NO = "Nej"


def confirmation(modules: tuple[Module, ...], pending: list[Pending]) -> tuple[str, list[str]] | None:
    """What the bot asks while readings wait: a "Menar du …?" first (with the nearest
    options as buttons beside "Ja"), then the facts it noticed, all in one step."""
    if not pending:
        return None
    by_id = questions_of(modules)
    meant = [p for p in pending if p.kind == MEANT]
    if meant:
        p = meant[0]
        question = by_id[p.question_id]
        return (f"Menar du ”{p.label}” om {_topic(question)}?",
                ["Ja", *[a for a in p.alternatives if a != p.label], "Nej"])
    items = "; ".join(f"{_topic(by_id[p.question_id])}: {p.label}" for p in pending)
    return (f"Jag uppfattade också: {items}. Stämmer det? Svara ja så sparas det, eller nej "
            "så frågar jag i stället när frågorna kommer.", [CONFIRM_YES, CONFIRM_NO])


def _topic(question: Question) -> str:
    return question.about  # every use follows "om": "Frågan om …", "svaret om …"


def noticed_facts(modules, answers, parts, skip_ids, *, negated_too: bool = True,
             decided: Mapping[str, Any] | None = None) -> tuple[list[Pending], list[str]]:
    """Facts for other questions, as readings to confirm; contradictions of stored answers
    are only pointed out. Beside an answer, a negation belongs to that answer ("nej, inte
    hos Kronofogden" says nothing about whether there are debts), so only positive or
    explicit facts count. A fact for a question that the answers make irrelevant ("sedan
    två år" for unemployment of a client who works) is not proposed."""
    noticed, conflicts = [], []
    active = {m.id for m in chosen_modules(modules, answers)}
    by_id = questions_of(modules)
    facts = all_facts(modules, parts, skip_ids)
    # "mår bra fysiskt men har ångest": an area's no beside a risk of it is not proposed
    # (the risk proposes the area's yes, below).
    risky = risky_areas(modules, facts)
    facts = [f for f in facts if not (by_id[f.question_id].is_gate and f.value is False
                                      and by_id[f.question_id].module in risky)]
    known = {**answers, **(decided or {}), **{f.question_id: f.value for f in facts}}
    facts += [f for f in heavy_days(modules, parts, known)
              if f.question_id not in skip_ids and f.question_id not in known]
    # "han säger två öl på fredagar, dottern säger att det är varje kväll": two accounts of
    # a volunteered fact are no more a reading of it than of the open question's answer
    whole = ". ".join(c.raw for c in parts)
    reported = any(CLIENT_SAYS.search(c.said) for c in parts)
    for fact in facts:
        question = by_id[fact.question_id]
        if fact.question_id in skip_ids or question.module not in active:
            continue
        if DOUBTED.search(fold(fact.phrase)) or SUSPECTED.search(fold(fact.phrase)):
            continue  # "misstänkt adhd, utreds": not a fact yet
        if reported and accounts_apart(modules, question, whole, of_area=False):
            continue
        if not_the_questions(question, fact.value, whole):
            continue  # "tar benso varje dag men det är utskrivet": no DUDIT answer
        at = next((i for i, c in enumerate(parts) if c.raw == fact.phrase), None)
        if at is not None and held_in_part(modules, question, fact.value, parts[at:at + 2],
                                            parts[at:at + 1]):
            continue  # "har körkort men det är indraget": not the question's yes
        if fact.value is False and no_in_part(parts, [c for c in parts if c.raw == fact.phrase
                                                       or read_fact(question, c) is not None]):
            # "ingen kontakt med pappan, men mamman ställer alltid upp", in any clause that
            # denies it ("Pappan är död, ingen kontakt med mamman men systern ställer upp")
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
        when = {qid: v for qid, v in question.when if qid in known}
        if not all_match(when, known):
            continue
        noticed.append(Pending(fact.question_id, fact.value,
                               describe(question, fact.value, modules), NOTICED, fact.phrase))
    noticed += _gates_implied(modules, answers, {**(decided or {})}, noticed)
    return noticed, conflicts


def _gates_implied(modules, answers, decided, noticed: list[Pending]) -> list[Pending]:
    """A risk stated in an area answers its opening question: debts at Kronofogden are
    economic difficulties, children's ages say there are children. Proposed, like the
    facts that imply it, for the case worker to confirm."""
    by_id = questions_of(modules)
    out = []
    for module in modules:
        gate = next((q for q in module.questions if q.is_gate and q.type == "yes_no"), None)
        if gate is None or gate.id in answers or gate.id in decided \
                or any(p.question_id == gate.id for p in noticed):
            continue
        for p in noticed:
            question = by_id[p.question_id]
            if question.module != module.id or question.is_gate:
                continue
            if is_risk(question, p.value) or (module.id == "barn" and p.question_id in ("children_count",
                                                                    "children_ages")):
                out.append(Pending(gate.id, True, "ja", NOTICED, p.phrase))
                break
    return out


def _noted(items: list[str]) -> str:
    return "Noterat: " + "; ".join(items) + "."


def safety_messages(modules: tuple[Module, ...], records: list[Record],
                    text: str = "") -> list[str]:
    """Safety prompts for what was just recorded and for what the message says in passing
    (bot/assessment/safety.py), each once, before anything else."""
    by_id = questions_of(modules)
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
                failures: int = 0, pending: tuple[Pending, ...] | list[Pending] = (),
                current: Step | None = None) -> Turn:
    """`current` is the decision the previous turn took from these same answers (the
    action checks that they are); without it, it is taken here."""
    if current is None:
        current = decide(modules, answers)
    if pending:
        turn = _reply_to_pending(modules, answers, text, intent, confidence, failures,
                                 list(pending), current)
    else:
        turn = _handle_turn(modules, answers, text, intent, confidence, failures, current)
    prompts = safety_messages(modules, turn.records, text)
    if prompts and not turn.records and turn.failures > failures and current.question:
        # A disclosure, not an unclear answer: the prompt is what matters now, and the
        # question simply waits ("Jag är inte säker på hur … ska tolkas" would read oddly).
        turn.failures = failures
        turn.messages = [f"Frågan om {_topic(current.question)} återstår."]
    turn.messages[:0] = prompts
    # Nothing stored leaves the decision as it was; otherwise the answers after decide it.
    turn.next = decide(modules, what_follows(modules, answers, turn)) if turn.records else current
    return turn


def _reply_to_pending(modules, answers, text, intent, confidence, failures,
                      pending: list[Pending], current: Step) -> Turn:
    """The reply to "Menar du …?" or "Jag uppfattade också …": a yes stores what was
    shown, a no drops it, a digression leaves it waiting, anything else is read afresh."""
    text = " ".join((text or "").split())
    shown = [p for p in pending if p.kind == MEANT][:1] or list(pending)
    rest = [p for p in pending if p not in shown]
    by_id = questions_of(modules)
    turn = Turn(failures=failures)
    reply = _confirmation_reply(text)
    if reply is True:
        turn.records += [Record(p.question_id, p.value, "fritext") for p in shown]
        turn.messages.append(_noted([f"{_topic(by_id[p.question_id])}: {p.label}" for p in shown]))
        turn.proposals = rest
        turn.failures = 0
        return turn
    if reply is False:
        turn.proposals = rest
        turn.declined = shown
        turn.messages.append("Då sparar jag inte det." if shown[0].kind == MEANT else
                             "Då sparar jag inget av det, och frågar när frågorna kommer.")
        return turn
    kind = digressions.classify(text, intent, confidence)
    if kind in (digressions.WHY, digressions.PROGRESS, digressions.NOTED, digressions.CORRECT):
        turn = _handle_turn(modules, answers, text, intent, confidence, failures, current,
                            pending=pending)
        turn.proposals = list(pending)
        return turn
    # Something else: what was shown is not confirmed; the message is read on its own.
    turn = _handle_turn(modules, answers, text, intent, confidence, failures, current)
    if shown[0].kind == NOTICED:
        turn.messages.insert(0, "Det jag uppfattade förut har inte sparats.")
    new_ids = {p.question_id for p in turn.proposals} | {r.question_id for r in turn.records}
    turn.proposals = [p for p in rest if p.question_id not in new_ids] + turn.proposals
    return turn


def _confirmation_reply(text: str) -> bool | None:
    """A yes or no to what was shown, said briefly: "ja men inte Kronofogden" is no plain
    yes, and is read afresh instead."""
    if text in (CONFIRM_YES, "Ja"):
        return True
    if text in (CONFIRM_NO, "Nej"):
        return False
    if len(text.split()) > 3 or digressions.classify(text) is not None:
        return None
    return understand_yes_no(text)


def _handle_turn(modules, answers, text, intent, confidence, failures, current: Step,
                 pending=()) -> Turn:
    question = current.question
    turn = Turn(failures=failures)
    if question is None:
        return turn
    text = " ".join((text or "").split())
    pressed = text in buttons(question, modules)
    if not pressed:
        text = ECHOED_QUESTION.sub("", text) or text  # "hyresskuld? nej, …": the answer
    # Fixed phrases first; the classifier's intent only counts when the text is no answer.
    kind = None if pressed else digressions.classify(text)
    if kind == digressions.CORRECT:
        return _correction(modules, answers, text, turn)
    if kind in (digressions.WHY, digressions.PROGRESS):
        return _explain(current, kind, turn)
    if kind == digressions.NOTED:
        turn.messages.append(noted_so_far(modules, answers, pending))
        return turn

    form = None if pressed else read_form(modules, answers, text, question)
    if form is not None:
        return _form_entered(form, question, turn)
    parts = clauses(text)
    reading = read_answer(question, text, modules) if pressed else \
        own_reading(modules, question, text, parts, answers)
    if pressed and text == "Vet inte":
        kind, reading = digressions.SKIP, None
    if reading is not None and reading.sure and not pressed and \
            not answer_type(question).own_words and unsure_first(text, question):
        reading = dataclasses.replace(reading, sure=False)  # "vet inte, kanske fyra": shown back
    if kind == digressions.SKIP and answer_type(question).own_words \
            and len(text.split()) > SKIP_MAX_WORDS_FREE_TEXT \
            and not digressions.nothing_but_a_skip(text):
        kind = None  # "hon vet inte riktigt vad hon vill, men ..." is her answer
    # "hoppa över barn" leaves an area out: asked which, never a skip of the question.
    leaves_an_area_out = answer_type(question).names_areas and names_an_area(modules, text)
    if kind == digressions.SKIP and leaves_an_area_out:
        kind = None
    mismatch = ages_against_count(modules, answers, question, reading)
    if mismatch:
        turn.failures = failures + 1
        turn.messages.append(mismatch)
        return turn
    if reading is not None and kind != digressions.SKIP:
        return _answered(modules, answers, question, text, parts, reading, pressed, turn)
    if kind is None and not answer_type(question).own_words:
        # The client's own words may sound like small talk; elsewhere the classifier helps.
        kind = digressions.classify(text, intent, confidence)
    if kind in (digressions.WHY, digressions.PROGRESS):
        return _explain(current, kind, turn)
    if kind == digressions.SKIP and not leaves_an_area_out:
        reason = digressions.skip_reason(text) or "vet inte"
        turn.records.append(Record(question.id, None, "överhoppad", reason))
        turn.messages.append(f"Frågan om {_topic(question)} är överhoppad ({reason}). "
                             "Du kan gå tillbaka till den senare genom att rätta svaret.")
        turn.failures = 0
        return turn

    # Not an answer to this question: maybe facts about others ("bor i andrahand").
    noticed, conflicts = _noticed_as_meant(modules, answers, text, parts, {question.id})
    if (noticed or conflicts) and not answer_type(question).names_areas:
        turn.proposals = noticed
        turn.messages.append(f"Frågan om {_topic(question)} återstår.")
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


def _form_entered(form: FormEntry, question: Question, turn: Turn) -> Turn:
    """All of a form's points at once: shown for one "Stämmer det?", or why not read."""
    if form.problem:
        turn.messages.append(form.problem)
    elif not form.proposals:
        turn.messages.append(f"Alla frågor i {form.instrument}-formuläret är redan besvarade.")
    else:
        turn.proposals = form.proposals
        turn.messages.append(f"{form.instrument}-formuläret: {len(form.proposals)} svar, "
                             f"summa {form.total} poäng. Inget räknas förrän du bekräftar.")
    if question.id not in {p.question_id for p in turn.proposals}:
        turn.messages.append(f"Frågan om {_topic(question)} återstår.")
    return turn


def _explain(current: Step, kind: str, turn: Turn) -> Turn:
    if kind == digressions.WHY:
        turn.messages.append(f"Varför jag frågar om {_topic(current.question)}: "
                             f"{current.question.help}")
    else:
        turn.messages.append(current.progress.as_sentence())
    return turn


def _noticed_as_meant(modules, answers, text: str, parts, skip_ids, *, consumed=(), **kw):
    """The facts a message volunteers, as meant: when it corrects itself, what is said
    after the correction, and from before it only the facts of other questions
    ("Kvinna, 34 – nej 43" volunteers an age of 43, not two ages; "Ja, hon har haft fsd
    sedan i våras. Nej förresten, det var i fjol" still says she has fsd). Each is
    confirmed before it counts, like every volunteered fact."""
    slip = split_at_slip(text)
    if slip is None:
        return noticed_facts(modules, answers, [c for c in parts if c.said not in consumed],
                             skip_ids, **kw)
    halves = [[c for c in clauses(half) if c.said not in consumed]
              for half in (slip.after, slip.before)]
    after, after_conflicts = noticed_facts(modules, answers, halves[0], skip_ids, **kw)
    before, before_conflicts = noticed_facts(modules, answers, halves[1], skip_ids, **kw)
    said_after = {p.question_id for p in after}
    return after + [p for p in before if p.question_id not in said_after], \
        after_conflicts + [c for c in before_conflicts if c not in after_conflicts]


def _answered(modules, answers, question: Question, text: str, parts, reading: Reading,
              pressed: bool, turn: Turn) -> Turn:
    if reading.sure:
        turn.records.append(Record(question.id, reading.value, "knapp" if pressed else "fritext"))
        turn.messages.insert(0, _noted([reading.label]))
        turn.failures = 0
    else:
        turn.proposals.append(Pending(question.id, reading.value, reading.label, MEANT,
                                      ", ".join(c.raw for c in parts),
                                      tuple(reading.alternatives)))
    # Facts about other questions, except in the client's own words or a choice of modules
    # ("barn" there names a module; it does not say there are children).
    if not pressed and answer_type(question).facts_beside:
        noticed, conflicts = _noticed_as_meant(
            modules, answers, text, parts, {question.id}, consumed=reading.consumed,
            negated_too=False, decided={question.id: reading.value})
        parts = [c for c in parts if c.said not in reading.consumed]
        noticed += beside_answer(modules, answers, question, reading.value, parts, noticed)
        turn.proposals += noticed
        turn.messages += conflicts
    return turn


def noted_so_far(modules: tuple[Module, ...], answers: Mapping[str, Any],
                 pending=()) -> str:
    """"Vad har du noterat?": the stored answers by area, what waits for a yes, and how
    to correct."""
    lines = []
    for module in chosen_modules(modules, answers):
        items = [f"{_topic(q)}: {describe(q, answers[q.id], modules)}"
                 for q in module.questions
                 if q.id in answers and not answer_type(q).names_areas]
        if items:
            lines.append(f"{module.name}: " + "; ".join(items) + ".")
    by_id = questions_of(modules)
    waiting = [f"{_topic(by_id[p.question_id])}: {p.label}" for p in pending]
    if not lines and not waiting:
        return "Inget är noterat ännu."
    text = "Noterat hittills: " + " ".join(lines) if lines else "Inget svar är sparat ännu."
    if waiting:
        text += " Uppfattat men inte bekräftat: " + "; ".join(waiting) + "."
    return (text + " Rätta ett svar genom att skriva till exempel \"ändra svaret om skulder "
            "till nej\".")


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
