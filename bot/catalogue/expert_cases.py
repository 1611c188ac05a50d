"""Expert cases: fictitious clients written from the reports, each with the entries that
must be among the first five suggestions and the entries that must never be suggested,
each with the seed line that says why (data/expert_cases/*.yml). Pure apart from loading.

They are written from the reports, not from the bot's output, and run in `make test`
(tests/unit/test_expert_cases.py) and by `python -m bot catalogue cases`; the report shows
per case what was expected and what came. A case may point at a training vignette
(data/vignettes/) whose conversation gives the same answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.catalogue.matching import Suggestion

CASES_DIR = Path(__file__).resolve().parents[2] / "data" / "expert_cases"
SHOWN = 5


@dataclass(frozen=True)
class Expectation:
    id: str                      # for `one_of`: the ids joined by " | "
    why: str
    source: str
    one_of: tuple[str, ...] = ()  # any one of these is enough ("en utbildningsinsats")

    def ids(self) -> tuple[str, ...]:
        return self.one_of or (self.id,)


@dataclass(frozen=True)
class ExpertCase:
    id: str
    title: str
    case: str
    answers: dict[str, Any]
    must: tuple[Expectation, ...]    # in the first five
    never: tuple[Expectation, ...]   # never suggested at all
    vignette: str | None = None
    sources: tuple[str, ...] = ()
    path: Path | None = None


@dataclass
class Outcome:
    case: ExpertCase
    top: list[Suggestion]
    suggested: list[str]
    missing: list[Expectation] = field(default_factory=list)
    unwanted: list[tuple[Expectation, int]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unwanted


def _expectations(raw: list | None, file: str, key: str) -> tuple[Expectation, ...]:
    out = []
    for item in raw or ():
        if not isinstance(item, dict) or not (item.get("id") or item.get("one_of")) \
                or not item.get("source"):
            raise ValueError(f"{file}: varje post i {key} behöver id (eller one_of) och source")
        one_of = tuple(str(i) for i in item.get("one_of") or ())
        out.append(Expectation(str(item.get("id") or " | ".join(one_of)),
                               " ".join(str(item.get("why", "")).split()), str(item["source"]),
                               one_of))
    return tuple(out)


def load_cases(directory: Path = CASES_DIR) -> tuple[ExpertCase, ...]:
    cases = []
    for path in sorted(directory.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        missing = [k for k in ("id", "title", "case", "answers", "must") if not doc.get(k)]
        if missing:
            raise ValueError(f"{path.name}: saknar {', '.join(missing)}")
        cases.append(ExpertCase(
            str(doc["id"]), str(doc["title"]), " ".join(str(doc["case"]).split()),
            dict(doc["answers"]), _expectations(doc["must"], path.name, "must"),
            _expectations(doc.get("never"), path.name, "never"), doc.get("vignette"),
            tuple(str(s) for s in doc.get("sources") or ()), path))
    return tuple(cases)


def judge(case: ExpertCase, ranked: list[Suggestion]) -> Outcome:
    ids = [s.intervention.id for s in ranked]
    top = ranked[:SHOWN]
    outcome = Outcome(case, top, ids)
    outcome.missing = [m for m in case.must if not set(m.ids()) & set(ids[:SHOWN])]
    outcome.unwanted = [(n, ids.index(n.id) + 1) for n in case.never if n.id in ids]
    return outcome


def report(outcomes: list[Outcome], names: dict[str, str]) -> str:
    """The per-case report in Swedish: expected, what came, and the verdict."""
    lines = []
    passed = sum(o.passed for o in outcomes)
    lines.append(f"Expertfall: {passed} av {len(outcomes)} godkända "
                 f"(alla måste-förslag bland de fem första, inga aldrig-förslag).")
    for o in outcomes:
        c = o.case
        lines += ["", f"{'OK ' if o.passed else 'FEL'} {c.id}: {c.title}"
                  + (f" (vinjett {c.vignette})" if c.vignette else "")]
        lines.append("  Väntat bland de fem första:")
        ids = [s.intervention.id for s in o.top]
        for m in c.must:
            mark = "ja" if set(m.ids()) & set(ids) else "NEJ"
            named = " eller ".join(names.get(i, i) for i in m.ids())
            lines.append(f"    [{mark}] {named} – {m.why} ({m.source})")
        if c.never:
            lines.append("  Får aldrig föreslås:")
            unwanted = dict((n.id, rank) for n, rank in o.unwanted)
            for n in c.never:
                mark = f"FÖRESLOGS som nr {unwanted[n.id]}" if n.id in unwanted else "nej"
                lines.append(f"    [{mark}] {names.get(n.id, n.id)} – {n.why} ({n.source})")
        lines.append("  Kom (de fem första):")
        for s in o.top:
            lines.append(f"    {s.rank}. {s.intervention.name} – {', '.join(s.placed_by())}")
        if not o.top:
            lines.append("    (inga förslag)")
    return "\n".join(lines)


def run_all(directory: Path = CASES_DIR) -> list[Outcome]:
    from bot.assessment.question_bank import load_bank, load_factors
    from bot.catalogue.catalogue import load_catalogue
    from bot.catalogue.matching import match
    from bot.profile.build import build_profile

    bank, factors, catalogue = load_bank(), load_factors(), load_catalogue()
    return [judge(case, match(catalogue, build_profile(bank, case.answers, factors), None,
                              case.answers))
            for case in load_cases(directory)]
