"""The labelled answer set (`tests/answers/*.yml`): how well the reader of typed answers does.

Each case is a message a case worker types while one question is open, with the COMPLETE
set of answers it states (`expect`). The harness builds the stored answers the case
implies, runs one turn of the real reader on the message and compares what was stored and
what was only proposed for confirmation with what was said. The figure that matters most
is *silently wrong*: a value stored that was not the one said, or a fact stored that was
not said at all. The gates below fail `make nlu-report` (and so `make test`) when missed.

Pure functions (loading, building a case's answers, scoring, the report) and a thin CLI,
`python -m bot answers evaluate`. The format is described in the README, "NLU quality".
"""
from __future__ import annotations

import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from bot.assessment.flow import next_question
from bot.assessment.question_bank import Module, Question
from bot.code_version import code_version
from bot.settings import PROJECT_ROOT

ANSWERS_DIR = PROJECT_ROOT / "tests" / "answers"
OUT_FILE = PROJECT_ROOT / "var" / "results" / "nlu" / "answers.md"

# Issue 18's gates. A wrong stored answer changes the profile and the suggestions without
# anyone noticing, so none is allowed; asking again costs one turn, so some is.
MAX_SILENTLY_WRONG = 0
# Issue 18's gates for asking again are 95 % and 85 %, reached on 2026-12-04 (README, "NLU
# quality"): the build is gated at them. The margin is small (two single-fact cases), on
# purpose: a rule that costs right answers shows at once. The set is read to the real
# meeting date; moved to dates through September 2027 the figures did not change.
TARGET_SINGLE_RIGHT = 0.95  # single-fact cases stored right first time
TARGET_MULTI_FACTS = 0.85  # facts in multi-fact cases stored right or proposed right
MIN_SINGLE_RIGHT = 0.95  # measured 95.3 % (985 of 1,034) when this was set
MIN_MULTI_FACTS = 0.85  # measured 86.3 % (881 of 1,021 facts) when this was set
P95_GOAL_MS = 5.0  # reported against, not gated: the machine's load moves it
# A probe file (`probe: true` at its top, tests/answers/11_prov.yml) is written the way
# issue 18's hidden checks are: by an engineer who did not write the reader's rules, after
# them. Its silent errors count against the one gate of 0 like any other; its rates of
# asking again are its own, gated at the level reached so that they cannot fall, and kept
# out of the 95 % and 85 % above, which were reached on files 00-10 and mean that.
MIN_PROBE_SINGLE_RIGHT = 0.74  # measured 75.3 % (207 of 275) when the file came in
MIN_PROBE_MULTI_FACTS = 0.69  # measured 70.9 % (124 of 175)

FREE_TEXT_MARK = "TEXT"  # in `expect`: the message itself, for a free-text question

# Outcomes of one expected (or unexpected) fact.
RIGHT, CONFIRMED, ASKED, SKIPPED, WRONG_PROPOSED, SILENTLY_WRONG = (
    "right", "confirmed", "asked", "skipped", "wrong_proposed", "silently_wrong")
OUTCOMES = (RIGHT, CONFIRMED, ASKED, SKIPPED, WRONG_PROPOSED, SILENTLY_WRONG)
SINGLE, MULTI, NONE = "single", "multi", "none"
_CASE_KEYS = {"id", "open", "given", "text", "expect", "source", "note"}

TurnFn = Callable[[tuple[Module, ...], Mapping[str, Any], str], Any]


class CaseError(Exception):
    """The set itself is wrong (a bad key, a value the question cannot take, an `open`
    the flow does not reach): fixed in the YAML, never scored around."""


@dataclass(frozen=True)
class Case:
    id: str
    open: str
    text: str
    expect: Mapping[str, Any]
    given: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    note: str = ""
    file: str = ""
    probe: bool = False  # from a file marked `probe:` (below, PROBE_*)
    # The probe file's own floors (single-fact right first time, multi-fact facts right or
    # confirmed): the level it came in at, or MIN_PROBE_* for `probe: true`.
    probe_floors: tuple[float, float] | None = None

    @property
    def kind(self) -> str:
        if not self.expect:
            return NONE
        return SINGLE if set(self.expect) == {self.open} else MULTI


@dataclass(frozen=True)
class FactResult:
    question_id: str
    expected: Any  # MISSING_FACT when the fact was not said
    outcome: str
    stored: Any = None
    proposed: Any = None


MISSING_FACT = "(inte sagt)"


@dataclass(frozen=True)
class CaseResult:
    case: Case
    facts: tuple[FactResult, ...]
    millis: float

    @property
    def silently_wrong(self) -> list[FactResult]:
        return [f for f in self.facts if f.outcome == SILENTLY_WRONG]

    @property
    def right_first_time(self) -> bool:
        """Every fact said was stored right, and nothing else was stored or proposed."""
        # An unexpected fact is never RIGHT, so it makes the case not right too.
        return bool(self.facts) and all(f.outcome == RIGHT for f in self.facts)


# --- loading -------------------------------------------------------------------------------

def _questions(bank: Sequence[Module]) -> dict[str, Question]:
    return {q.id: q for m in bank for q in m.questions}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def value_problem(question: Question, value: Any, bank: Sequence[Module]) -> str | None:
    """Why `value` cannot be a stored answer to `question` (None: it can). A skip is None."""
    if value is None:
        return None
    kind = question.type
    if kind == "yes_no":
        ok = isinstance(value, bool)
    elif kind == "choice":
        ok = not isinstance(value, bool) and value in {o.value for o in question.options}
    elif kind in ("number", "duration"):
        ok = _is_number(value)
        if ok and question.value_range is not None:
            low, high = question.value_range
            ok = low <= value <= high
    elif kind == "numbers":
        ok = isinstance(value, list) and bool(value) and all(_is_number(v) for v in value)
    elif kind == "modules":
        ids = {m.id for m in bank if m.order != 0}
        ok = isinstance(value, list) and bool(value) and set(value) <= ids
    else:  # free_text
        ok = isinstance(value, str) and bool(value.strip())
    return None if ok else f"{question.id} kan inte ha värdet {value!r} ({kind})"


def parse_cases(doc: Any, bank: Sequence[Module], file: str = "") -> list[Case]:
    """The cases of one YAML document, checked against the bank."""
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise CaseError(f"{file}: filen ska ha en lista 'cases'")
    questions = _questions(bank)
    probe = doc.get("probe", False)
    floors = None
    if isinstance(probe, dict):
        try:
            floors = (float(probe["min_single"]), float(probe["min_multi"]))
        except (KeyError, TypeError, ValueError) as err:
            raise CaseError(f"{file}: 'probe' ska ha min_single och min_multi (tal)") from err
        probe = True
    elif not isinstance(probe, bool):
        raise CaseError(f"{file}: 'probe' ska vara true, false eller min_single/min_multi")
    cases = []
    for n, raw in enumerate(doc["cases"], start=1):
        where = f"{file}: fall {raw.get('id', n) if isinstance(raw, dict) else n}"
        if not isinstance(raw, dict):
            raise CaseError(f"{where}: ett fall ska vara en mappning")
        unknown = set(raw) - _CASE_KEYS
        missing = {"id", "open", "text", "expect"} - set(raw)
        if unknown or missing:
            raise CaseError(f"{where}: okända nycklar {sorted(unknown)}, saknade {sorted(missing)}")
        if raw["open"] not in questions:
            raise CaseError(f"{where}: okänd fråga i open: {raw['open']!r}")
        if not isinstance(raw["text"], str) or not raw["text"].strip():
            raise CaseError(f"{where}: text saknas")
        given, expect = raw.get("given") or {}, raw["expect"] or {}
        if not isinstance(given, dict) or not isinstance(expect, dict):
            raise CaseError(f"{where}: given och expect ska vara mappningar")
        for part, answers in (("given", given), ("expect", expect)):
            for qid, value in answers.items():
                if qid not in questions:
                    raise CaseError(f"{where}: okänd fråga i {part}: {qid!r}")
                if part == "expect" and value == FREE_TEXT_MARK \
                        and questions[qid].type == "free_text":
                    continue
                problem = value_problem(questions[qid], value, bank)
                if problem:
                    raise CaseError(f"{where}: {part}: {problem}")
        if raw["open"] in given:
            raise CaseError(f"{where}: den öppna frågan {raw['open']} finns redan i given")
        if set(given) & set(expect):
            raise CaseError(f"{where}: {sorted(set(given) & set(expect))} finns i både "
                            "given och expect (ett sparat svar sparas inte igen)")
        cases.append(Case(id=str(raw["id"]), open=raw["open"], text=raw["text"],
                          expect=dict(expect), given=dict(given),
                          source=str(raw.get("source") or ""), note=str(raw.get("note") or ""),
                          file=file, probe=probe,
                          probe_floors=(floors or (MIN_PROBE_SINGLE_RIGHT, MIN_PROBE_MULTI_FACTS))
                          if probe else None))
    return cases


def load_cases(bank: Sequence[Module], paths: Iterable[Path] | None = None,
               directory: Path = ANSWERS_DIR) -> list[Case]:
    """Every case of the given files (default: every *.yml in tests/answers), ids unique."""
    files = sorted(directory.glob("*.yml")) if paths is None else [Path(p) for p in paths]
    if not files:
        raise CaseError(f"inga fall hittades i {directory}")
    cases: list[Case] = []
    for path in files:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise CaseError(f"{path.name}: kan inte läsas: {err}") from err
        cases += parse_cases(doc, bank, path.name)
    seen = Counter(c.id for c in cases)
    doubles = sorted(i for i, n in seen.items() if n > 1)
    if doubles:
        raise CaseError(f"id förekommer mer än en gång: {', '.join(doubles)}")
    return cases


# --- one case ------------------------------------------------------------------------------

def answers_for(bank: tuple[Module, ...], case: Case) -> dict[str, Any]:
    """The stored answers when `case.open` is asked: `given`, and every question the flow
    reaches before it skipped. An `open` the flow never reaches, or an expected answer to a
    question skipped on the way, is an error in the set."""
    answers: dict[str, Any] = dict(case.given)
    skipped: list[str] = []
    for _ in range(len(_questions(bank)) + 1):
        question = next_question(bank, answers)
        if question is None:
            break
        if question.id == case.open:
            unreachable = sorted(set(case.expect) & set(skipped))
            if unreachable:
                raise CaseError(
                    f"{case.file}: fall {case.id}: expect nämner {', '.join(unreachable)}, som "
                    f"kommer före {case.open} och därför är överhoppade; ett svar på dem kan "
                    "inte sparas")
            return answers
        answers[question.id] = None
        skipped.append(question.id)
    raise CaseError(
        f"{case.file}: fall {case.id}: frågan {case.open} nås inte med given "
        f"{dict(case.given)} (överhoppade i tur och ordning: {', '.join(skipped) or 'inga'}); "
        "ge villkoret för en följdfråga i given")


def _norm(value: Any) -> Any:
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (list, tuple)):
        # Order does not matter, but twins do: "5 och 5" is two children aged five.
        return tuple(sorted(Counter(_norm(v) for v in value).items(), key=repr))
    return value


def same_value(expected: Any, actual: Any) -> bool:
    """Numbers equal as floats (a bool is no number), lists regardless of order."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected is actual
    return _norm(expected) == _norm(actual)


def _expected_value(case: Case, question_id: str, bank_questions: Mapping[str, Question]) -> Any:
    value = case.expect[question_id]
    if value == FREE_TEXT_MARK and bank_questions[question_id].type == "free_text":
        return case.text
    return value


def _last_by_question(items: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in items:
        found[item.question_id] = item.value
    return found


def _outcome(expected: Any, stored: dict, proposed: dict, qid: str) -> str:
    if qid in stored:
        value = stored[qid]
        if expected is None:
            return RIGHT if value is None else SILENTLY_WRONG
        if value is None:
            return SKIPPED
        return RIGHT if same_value(expected, value) else SILENTLY_WRONG
    if qid in proposed:
        # Two readings offered for one question are a guess, not a confirmation.
        right = all(same_value(expected, v) for v in proposed[qid])
        return CONFIRMED if right else WRONG_PROPOSED
    return ASKED


def score_turn(case: Case, turn: Any, bank: tuple[Module, ...], millis: float = 0.0
               ) -> CaseResult:
    """Compare one turn's records and proposals with what the case says was stated."""
    questions = _questions(bank)
    stored = _last_by_question(turn.records)
    proposed: dict[str, list[Any]] = {}
    for proposal in getattr(turn, "proposals", None) or []:
        proposed.setdefault(proposal.question_id, []).append(proposal.value)
    shown = {qid: values[0] if len(values) == 1 else values for qid, values in proposed.items()}
    facts = [FactResult(qid, value, _outcome(value, stored, proposed, qid),
                        stored.get(qid), shown.get(qid))
             for qid in case.expect
             for value in [_expected_value(case, qid, questions)]]
    for qid in sorted((set(stored) | set(proposed)) - set(case.expect)):
        # Not said: stored is silently wrong (a stored skip too: the question is then never
        # asked); only proposed, the case worker sees it and can say no.
        outcome = SILENTLY_WRONG if qid in stored else WRONG_PROPOSED
        facts.append(FactResult(qid, MISSING_FACT, outcome, stored.get(qid), shown.get(qid)))
    return CaseResult(case, tuple(facts), millis)


def run_case(bank: tuple[Module, ...], case: Case, turn_fn: TurnFn | None = None) -> CaseResult:
    if turn_fn is None:
        from bot.assessment.turn import handle_turn as turn_fn
    answers = answers_for(bank, case)
    # CPU time, not wall time: the reader is pure Python without I/O, so on an idle machine
    # the two agree, and on a shared one wall time would measure the neighbours.
    started = time.process_time()
    turn = turn_fn(bank, answers, case.text)
    millis = (time.process_time() - started) * 1000
    return score_turn(case, turn, bank, millis)


# --- the whole set -------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    cases: int = 0
    facts: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)
    millis: tuple[float, ...] = ()

    def n(self, outcome: str) -> int:
        return self.counts.get(outcome, 0)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Evaluation:
    results: tuple[CaseResult, ...]

    def part(self, probe: bool) -> Evaluation:
        """The results of the probe files, or of the others."""
        return Evaluation(tuple(r for r in self.results if r.case.probe is probe))

    def by_file(self) -> dict[str, Evaluation]:
        """The results of each file, by file name in order."""
        files: dict[str, list[CaseResult]] = {}
        for r in self.results:
            files.setdefault(r.case.file, []).append(r)
        return {name: Evaluation(tuple(files[name])) for name in sorted(files)}

    def of_kind(self, kind: str) -> list[CaseResult]:
        return [r for r in self.results if r.case.kind == kind]

    @property
    def silently_wrong(self) -> list[CaseResult]:
        return [r for r in self.results if r.silently_wrong]

    @property
    def silently_wrong_facts(self) -> int:
        return sum(len(r.silently_wrong) for r in self.results)

    @property
    def single_right(self) -> tuple[int, int]:
        single = self.of_kind(SINGLE)
        return sum(r.right_first_time for r in single), len(single)

    @property
    def multi_facts(self) -> tuple[int, int]:
        facts = [f for r in self.of_kind(MULTI) for f in r.facts if f.expected is not MISSING_FACT]
        return sum(f.outcome in (RIGHT, CONFIRMED) for f in facts), len(facts)

    def p95_ms(self) -> float:
        return percentile([r.millis for r in self.results], 0.95)

    def per_question(self) -> dict[str, Tally]:
        """Each fact under its own question (a case counts once under its open question)."""
        counts: dict[str, Counter] = {}
        cases: Counter = Counter()
        facts: Counter = Counter()
        millis: dict[str, list[float]] = {}
        for r in self.results:
            cases[r.case.open] += 1
            millis.setdefault(r.case.open, []).append(r.millis)
            for f in r.facts:
                counts.setdefault(f.question_id, Counter())[f.outcome] += 1
                facts[f.question_id] += f.expected is not MISSING_FACT
        ids = set(counts) | set(cases)
        return {qid: Tally(cases[qid], facts[qid], dict(counts.get(qid, {})),
                           tuple(millis.get(qid, ()))) for qid in ids}

    def overall(self) -> Tally:
        counts: Counter = Counter(f.outcome for r in self.results for f in r.facts)
        facts = sum(f.expected is not MISSING_FACT for r in self.results for f in r.facts)
        return Tally(len(self.results), facts, dict(counts), tuple(r.millis for r in self.results))


def evaluate(bank: tuple[Module, ...], cases: Sequence[Case],
             turn_fn: TurnFn | None = None) -> Evaluation:
    # Every case is checked before any is run: an error in the set is never half-scored.
    for case in cases:
        answers_for(bank, case)
    return Evaluation(tuple(run_case(bank, c, turn_fn) for c in cases))


def gate_failures(evaluation: Evaluation, max_silently_wrong: int = MAX_SILENTLY_WRONG,
                  min_single: float = MIN_SINGLE_RIGHT, min_multi: float = MIN_MULTI_FACTS,
                  min_probe_single: float | None = None,
                  min_probe_multi: float | None = None) -> list[str]:
    """Swedish reasons why the reader is not good enough on the set; empty when it is.
    A probe file is held to its own floors unless the caller gives others (tests)."""
    failures = []
    wrong = evaluation.silently_wrong_facts
    if wrong > max_silently_wrong:
        failures.append(f"{wrong} tyst felaktiga svar i {len(evaluation.silently_wrong)} fall "
                        f"(gräns {max_silently_wrong}).")
    probe = evaluation.part(True)
    for name, one in probe.by_file().items():
        own = one.results[0].case.probe_floors or (MIN_PROBE_SINGLE_RIGHT, MIN_PROBE_MULTI_FACTS)
        floors = (own[0] if min_probe_single is None else min_probe_single,
                  own[1] if min_probe_multi is None else min_probe_multi)
        for (good, whole), least, what in ((one.single_right, floors[0],
                                            "enkla svar rätt första gången"),
                                           (one.multi_facts, floors[1],
                                            "fakta i meddelanden med flera fakta")):
            if whole and good / whole < least:
                failures.append(f"Provfilen {name}, {what}: {_pct(good, whole)} ({good} av "
                                f"{whole}), gräns {least:.1%}.")
    if probe.results:
        evaluation = evaluation.part(False)
    right, single = evaluation.single_right
    if single and right / single < min_single:
        failures.append(f"Rätt första gången på enkla svar: {_pct(right, single)} "
                        f"({right} av {single}), gräns {min_single:.0%}.")
    if not single:
        failures.append("Inga fall med ett enda svar: grinden kan inte prövas.")
    good, facts = evaluation.multi_facts
    if facts and good / facts < min_multi:
        failures.append(f"Fakta i meddelanden med flera fakta rätt eller bekräftade: "
                        f"{_pct(good, facts)} ({good} av {facts}), gräns {min_multi:.0%}.")
    if not facts:
        failures.append("Inga fall med flera fakta: grinden kan inte prövas.")
    return failures


# --- the report ----------------------------------------------------------------------------

def _pct(part: int, whole: int) -> str:
    return "–" if not whole else f"{100 * part / whole:.1f} %"


def _show(value: Any) -> str:
    return "–" if value is None else str(value).replace("|", "/")


_HEADERS = ("fråga", "fall", "fakta", "rätt direkt", "bekräftad", "frågas igen", "överhoppad",
            "fel föreslaget", "tyst fel", "p95 ms (CPU)")


def _row(name: str, t: Tally) -> tuple[str, ...]:
    return (name, str(t.cases), str(t.facts), f"{t.n(RIGHT)} ({_pct(t.n(RIGHT), t.facts)})",
            str(t.n(CONFIRMED)), str(t.n(ASKED)), str(t.n(SKIPPED)), str(t.n(WRONG_PROPOSED)),
            str(t.n(SILENTLY_WRONG)), f"{percentile(t.millis, 0.95):.2f}" if t.millis else "–")


def _question_order(bank: Sequence[Module]) -> list[str]:
    return [q.id for m in bank for q in m.questions]


def summary_lines(evaluation: Evaluation, failures: Sequence[str]) -> list[str]:
    probe = evaluation.part(True)
    probe_lines = []
    for name, one in probe.by_file().items():
        floors = one.results[0].case.probe_floors
        (p_right, p_single), (p_good, p_facts) = one.single_right, one.multi_facts
        probe_lines.append(
            f"  provfil {name} ({len(one.results)} fall, skriven efter reglerna, som de dolda "
            f"kontrollerna): enkla rätt första gången {_pct(p_right, p_single)} ({p_right} av "
            f"{p_single}; gräns {floors[0]:.1%}), flera fakta {_pct(p_good, p_facts)}"
            f" ({p_good} av {p_facts}; gräns {floors[1]:.1%}), tyst fel "
            f"{one.silently_wrong_facts}")
    main = evaluation.part(False) if probe.results else evaluation
    right, single = main.single_right
    good, facts = main.multi_facts
    kinds = Counter(r.case.kind for r in evaluation.results)
    apart = " (utom provfilerna)" if probe.results else ""
    return [
        f"Svarsuppsättningen: {len(evaluation.results)} fall ({kinds[SINGLE]} enkla, "
        f"{kinds[MULTI]} med flera fakta, {kinds[NONE]} utan fakta).",
        f"  rätt första gången, enkla svar{apart}: {_pct(right, single)} ({right} av {single}; "
        f"gräns {MIN_SINGLE_RIGHT:.0%}, mål {TARGET_SINGLE_RIGHT:.0%})",
        f"  flera fakta, rätt eller bekräftade{apart}: {_pct(good, facts)} ({good} av {facts}; "
        f"gräns {MIN_MULTI_FACTS:.0%}, mål {TARGET_MULTI_FACTS:.0%})",
        f"  tyst fel: {evaluation.silently_wrong_facts} svar i "
        f"{len(evaluation.silently_wrong)} fall (gräns {MAX_SILENTLY_WRONG})",
        *probe_lines,
        f"  tid per meddelande (CPU, efter uppvärmning som i actionservern), p95: "
        f"{evaluation.p95_ms():.2f} ms (mål ≤ {P95_GOAL_MS:g} ms)",
        "Resultat: " + ("UNDER GRÄNSEN" if failures else "godkänt"),
    ]


def to_markdown(evaluation: Evaluation, bank: Sequence[Module], failures: Sequence[str],
                meta: Mapping[str, str]) -> str:
    out = ["# Svarsuppsättningen: hur svaren läses", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out += ["", *[f"    {line}" for line in summary_lines(evaluation, failures)], ""]
    out += [f"- FEL: {f}" for f in failures]
    out += ["", "*Rätt direkt*: sparat med rätt värde. *Bekräftad*: föreslaget med rätt värde "
            "(\"Menar du …?\"). *Frågas igen*: varken sparat eller föreslaget. *Tyst fel*: "
            "sparat med fel värde, eller sparat fast det inte sades.", "",
            "## Per fråga", "", "| " + " | ".join(_HEADERS) + " |",
            "|---|" + "--:|" * (len(_HEADERS) - 1)]
    per = evaluation.per_question()
    order = [q for q in _question_order(bank) if q in per]
    out += ["| " + " | ".join(_row(qid, per[qid])) + " |" for qid in order]
    out.append("| " + " | ".join(_row("**alla**", evaluation.overall())) + " |")
    out += ["", "## Per fil", "", "| " + " | ".join(("fil", *_HEADERS[1:])) + " |",
            "|---|" + "--:|" * (len(_HEADERS) - 1)]
    for file, part in evaluation.by_file().items():
        out.append("| " + " | ".join(_row(file, part.overall())) + " |")
    out += ["", f"## Tyst fel ({len(evaluation.silently_wrong)} fall)", ""]
    if evaluation.silently_wrong:
        out += ["| fall | öppen fråga | text | fråga | väntat | sparat |", "|---|---|---|---|---|---|"]
        for r in evaluation.silently_wrong:
            for f in r.silently_wrong:
                out.append(f"| {r.case.id} | {r.case.open} | {_show(r.case.text)} | "
                           f"{f.question_id} | {_show(f.expected)} | {_show(f.stored)} |")
    else:
        out.append("Inga.")
    missed = [(r, f) for r in evaluation.results for f in r.facts
              if f.outcome in (ASKED, SKIPPED, WRONG_PROPOSED)]
    out += ["", f"## Inte rätt men synligt ({len(missed)} fakta)", ""]
    if missed:
        out += ["| fall | text | fråga | väntat | utfall | föreslaget |", "|---|---|---|---|---|---|"]
        out += [f"| {r.case.id} | {_show(r.case.text)} | {f.question_id} | {_show(f.expected)} | "
                f"{f.outcome} | {_show(f.proposed)} |" for r, f in missed]
    return "\n".join(out) + "\n"


def main(paths: Sequence[str] = (), out_file: Path = OUT_FILE, turn_fn: TurnFn | None = None,
         bank: tuple[Module, ...] | None = None) -> int:
    if bank is None:
        from bot.assessment.question_bank import load_bank

        bank = load_bank()
    try:
        cases = load_cases(bank, [Path(p) for p in paths] if paths else None)
        if turn_fn is None:
            # Timed as the product runs: the action server fills the reading's caches
            # (compiled phrases, indexes) before it listens, with texts not in the set.
            from bot.assessment.warm import warm_up

            warm_up()
        evaluation = evaluate(bank, cases, turn_fn)
    except CaseError as err:
        print(f"FEL i svarsuppsättningen: {err}", file=sys.stderr)
        return 2
    failures = gate_failures(evaluation)
    meta = {"fall": f"{len(cases)} i {', '.join(sorted({c.file for c in cases}))}",
            "datum": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "kod": code_version()}
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(to_markdown(evaluation, bank, failures, meta), encoding="utf-8")
    for line in summary_lines(evaluation, failures):
        print(line)
    print(f"Rapport: {out_file}")
    for failure in failures:
        print(f"FEL: {failure}", file=sys.stderr)
    return 1 if failures else 0
