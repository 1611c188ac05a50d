"""AUDIT and DUDIT as the client filled them in on paper: every item's points at once.
Pure.

The case worker types the points per item in order ("2 1 0 0 1 0 0 1 0 0"), as item and
points ("1:2, 2:1, …"), or named inside a longer message or notes ("AUDIT: 2,1,0,…").
Nothing here becomes an answer: the items come back as readings of kind "uppfattat" with
the option each point maps to, and count only after one "Stämmer det?" (bot.assessment.
turn). Precision first: a wrong number of items, a point an item does not allow (AUDIT
9–10 and DUDIT 10–11 give only 0, 2 or 4), an item given twice or anything else unclear
gives a Swedish message and no readings at all.

The published DUDIT skip rule holds: after "nej" to the drug question, items 1–9 count
as 0 and are not asked, so a form with points there contradicts that answer; a form
with only zeros there says no use during the year and proposes that "nej".
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.assessment.answer_types import describe
from bot.assessment.pending import NOTICED, Pending
from bot.assessment.question_bank import Module, Question, module_of

_NUMBER = r"\d+"
_PAIR = rf"{_NUMBER}\s*[:=]\s*{_NUMBER}"
_SEPARATOR = r"(?:\s*[,;/]\s*|\s+)"
# A run of points or item:points pairs; a loose "2-3" or "2,5" inside it is not a point.
_RUN = rf"(?:{_PAIR}|{_NUMBER})(?:{_SEPARATOR}(?:{_PAIR}|{_NUMBER}))*"
# Read on the text as written (not folded) so that the span can be cut out of notes.
_NAMED = re.compile(rf"(?<![\w])(audit|dudit)(?:-?(?:formul[aä]ret|formul[aä]r|po[aä]ng))?"
                    rf"\s*(?:[:=]|\s)\s*(?:po[aä]ng\s*)?({_RUN})", re.IGNORECASE)
_ONLY_RUN = re.compile(rf"^\s*({_RUN})\s*\.?\s*$")
_AMBIGUOUS_NEXT = re.compile(r"^\s*[-–.,]\s*\d")
MIN_UNNAMED = 3  # "3 4" may be one item's answer ("tre fyra glas"); a form has more


@dataclass
class FormEntry:
    proposals: list[Pending] = field(default_factory=list)
    problem: str | None = None  # in Swedish: why nothing was read
    instrument: str = ""
    total: int = 0


def items_of(module: Module) -> list[Question]:
    """The instrument's items in the form's order (the drug question is no item)."""
    prefix = f"{module.instrument}_"
    return [q for q in module.questions if q.id.startswith(prefix)]


def read_form(modules: tuple[Module, ...], answers: Mapping[str, Any], text: str,
              open_question: Question | None = None) -> FormEntry | None:
    """A form entry in the message, or None when it holds none. Named ("AUDIT: …") it is
    read anywhere; a bare run of points only as the whole message at an instrument item."""
    said = text or ""
    by_instrument = {m.instrument: m for m in modules if m.instrument}
    # "ändra svaret om audit 1 till 2" names an item, not a form: a form has several points.
    found = [(m.group(1).lower(), m.group(2), m.end()) for m in _NAMED.finditer(said)
             if len(re.findall(_NUMBER, m.group(2))) >= MIN_UNNAMED]
    if not found and open_question is not None:
        module = module_of(modules, open_question)
        bare = _ONLY_RUN.match(said)
        if module.instrument and bare \
                and len(re.findall(_NUMBER, bare.group(1))) >= MIN_UNNAMED:
            found = [(module.instrument, bare.group(1), len(said))]
    if not found:
        return None
    if len({name for name, _, _ in found}) != len(found):
        return FormEntry(problem=f"{found[0][0].upper()} står två gånger i texten, så jag vet "
                                 "inte vilka poäng som gäller. Inget har sparats.")
    entries = []
    for name, run, end in found:
        module = by_instrument.get(name)
        if module is None:
            continue
        if _AMBIGUOUS_NEXT.match(said[end:]):
            return _failed(name, "poängen innehåller något som inte är ett heltal per fråga "
                                 "(till exempel ”2-3” eller ”2,5”)")
        entries.append(_entry(modules, module, answers, run))
    if not entries:
        return None
    problems = [e.problem for e in entries if e.problem]
    if problems:
        return FormEntry(problem=" ".join(problems))
    return FormEntry(proposals=[p for e in entries for p in e.proposals],
                     instrument=" och ".join(e.instrument for e in entries),
                     total=sum(e.total for e in entries))


def _failed(name: str, why: str) -> FormEntry:
    return FormEntry(problem=f"Jag kunde inte läsa {name.upper()}-formuläret: {why}. Inget har "
                             "sparats. Skriv poängen per fråga i ordning, till exempel "
                             f"”{name.upper()}: 2 1 0 …”, eller svara fråga för fråga.")


def _points(run: str, count: int) -> list[int] | str:
    """The points in the form's order, or what is wrong with them (in Swedish)."""
    tokens = [t for t in re.split(_SEPARATOR, run.strip()) if t]
    pairs = [t for t in tokens if re.fullmatch(_PAIR, t)]
    if pairs and len(pairs) != len(tokens):
        return "poängen blandar ”fråga:poäng” med poäng i ordning"
    if pairs:
        by_item: dict[int, int] = {}
        for pair in pairs:
            item, points = (int(x) for x in re.split(r"\s*[:=]\s*", pair))
            if item in by_item:
                return f"fråga {item} står två gånger"
            if not 1 <= item <= count:
                return f"det finns ingen fråga {item} (formuläret har {count} frågor)"
            by_item[item] = points
        missing = [str(i) for i in range(1, count + 1) if i not in by_item]
        if missing:
            return "poäng saknas för fråga " + ", ".join(missing)
        return [by_item[i] for i in range(1, count + 1)]
    if len(tokens) != count:
        return f"formuläret har {count} frågor, men jag fick {len(tokens)} poäng"
    return [int(t) for t in tokens]


def _entry(modules, module: Module, answers: Mapping[str, Any], run: str) -> FormEntry:
    name = module.instrument or ""
    items = items_of(module)
    points = _points(run, len(items))
    if isinstance(points, str):
        return _failed(name, points)
    for number, (item, given) in enumerate(zip(items, points, strict=True), start=1):
        allowed = sorted({o.score for o in item.options})
        if given not in allowed:
            return _failed(name, f"fråga {number} kan bara ge {_spoken(allowed)} poäng, inte {given}")
    values = {item.id: next(o.value for o in item.options if o.score == given)
              for item, given in zip(items, points, strict=True)}
    gate = next((q for q in module.questions if q.is_gate), None)
    proposals: list[Pending] = []
    wanted = list(items)
    if gate is not None:
        before_gate = [q for q in items if not q.past_gate]
        used = any(values[q.id] != 0 for q in before_gate)
        if gate.id in answers and answers[gate.id] in gate.skips_module_if:
            if used:
                return _failed(name, f"svaret om {gate.about} är redan ”nej”, men formuläret "
                                     f"ger poäng på fråga 1–{len(before_gate)}")
            wanted = [q for q in items if q.past_gate]  # the rest count as 0, not asked
        elif gate.id not in answers:
            gate_value = not all(values[q.id] == 0 for q in before_gate)
            proposals.append(Pending(gate.id, gate_value, describe(gate, gate_value, modules),
                                     NOTICED, f"{name.upper()}: {run}"))
            if not gate_value:
                wanted = [q for q in items if q.past_gate]
    for item in items:
        stored = answers.get(item.id, "__none__")
        if stored not in ("__none__", None) and stored != values[item.id]:
            number = items.index(item) + 1
            return _failed(name, f"fråga {number} ({item.about}) är redan sparad som "
                                 f"”{describe(item, stored, modules)}”; rätta den först om "
                                 "formuläret gäller")
    for item in wanted:
        if item.id in answers:
            continue
        number = items.index(item) + 1
        label = f"{describe(item, values[item.id], modules)} (fråga {number})"
        proposals.append(Pending(item.id, values[item.id], label, NOTICED,
                                 f"{name.upper()}: {run}"))
    return FormEntry(proposals=proposals, instrument=name.upper(), total=sum(points))


def _spoken(allowed: list[int]) -> str:
    words = [str(a) for a in allowed]
    return ", ".join(words[:-1]) + " eller " + words[-1] if len(words) > 1 else words[0]



def without_forms(text: str) -> str:
    """The text with its named form entries cut out, so that no other reader takes their
    points for a count or an age."""
    return _NAMED.sub(" ", text or "")
