"""AUDIT and DUDIT: item ids, the scores each item allows, totals and screening results.

Item structure (outside the seed reports; instruments.md B.1–B.2): AUDIT items 1–8 score
0–4 and items 9–10 score 0/2/4 (total 0–40); DUDIT items 1–9 score 0–4 and items 10–11
score 0/2/4 (total 0–44).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.yaml_files import read_yaml

CUTOFFS_FILE = Path(__file__).resolve().parents[2] / "data" / "instruments" / "cutoffs.yml"
FIVE_STEP = frozenset({0, 1, 2, 3, 4})
THREE_STEP = frozenset({0, 2, 4})

ALLOWED_SCORES: dict[str, dict[str, frozenset[int]]] = {
    "audit": {f"audit_{i}": (FIVE_STEP if i <= 8 else THREE_STEP) for i in range(1, 11)},
    "dudit": {f"dudit_{i}": (FIVE_STEP if i <= 9 else THREE_STEP) for i in range(1, 12)},
}
# AUDIT's three domains (WHO, Babor et al. 2001): items 7-10 are alcohol-related harm, not
# "skadligt bruk" (a diagnosis, and the name of WHO's zone III). DUDIT has no subscales.
AUDIT_DOMAINS = {
    "konsumtion": ("audit_1", "audit_2", "audit_3"),
    "beroende": ("audit_4", "audit_5", "audit_6"),
    "alkoholrelaterade skador": ("audit_7", "audit_8", "audit_9", "audit_10"),
}
# The DUDIT gate ("no drugs in the last year") and the items it answers: 1-9 ask about
# present or last-year use, so after a "nej" they count 0 without being asked. Items 10-11
# ask about earlier use too and are always asked (data/questions/06_narkotika.yml).
DUDIT_GATE = "drugs_gate"
DUDIT_LAST_YEAR_ITEMS = tuple(f"dudit_{i}" for i in range(1, 10))
# Sex as the cut-offs need it. For "annat / vill inte ange" the lower (more sensitive)
# threshold decides whether the screen is positive, both thresholds are shown, and the
# result says the case worker must judge: a documented rule, not a guess at the sex.
SEXES = ("kvinna", "man", "annat")


class InvalidItemScore(ValueError):
    """An item value the instrument does not allow (e.g. 3 on AUDIT item 9)."""


def validate_item(item_id: str, value: object) -> int:
    instrument = item_id.split("_")[0]
    allowed = ALLOWED_SCORES.get(instrument, {}).get(item_id)
    if allowed is None:
        raise InvalidItemScore(f"okänd fråga {item_id!r}")
    # inf and NaN are floats too, and int() of them raises: refuse them like any non-integer.
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not math.isfinite(value) or value != int(value)):
        raise InvalidItemScore(f"{item_id}: {value!r} är inget heltal")
    if int(value) not in allowed:
        raise InvalidItemScore(
            f"{item_id}: {int(value)} är inte tillåtet (tillåtet: {sorted(allowed)})"
        )
    return int(value)


@cache
def load_cutoffs(path: Path = CUTOFFS_FILE) -> dict:
    return read_yaml(path)


@dataclass(frozen=True)
class ScreeningResult:
    instrument: str
    total: int | None  # None while items are missing: a partial total is not a score
    answered: int
    missing: tuple[str, ...]
    positive: bool | None
    threshold: int | None
    thresholds: Mapping[str, int]
    sex_rule: str
    band: str | None
    subscores: Mapping[str, int] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    dependence: bool | None = None  # DUDIT only: at or above the dependence cut-off
    implied_zero: tuple[str, ...] = ()  # DUDIT items counted 0 from the gate, not asked
    youth_note: str | None = None  # the preliminary 16-25 cut-offs, when the age says so
    sex: str | None = None  # as given: kvinna, man, or anything else (both cut-offs shown)

    @property
    def complete(self) -> bool:
        return not self.missing


def _total(instrument: str, answers: Mapping[str, object], implied: tuple[str, ...] = ()
           ) -> tuple[int, int, tuple[str, ...]]:
    total, answered, missing = 0, 0, []
    for item_id in ALLOWED_SCORES[instrument]:
        value = answers.get(item_id)
        if value is None:
            if item_id not in implied:
                missing.append(item_id)
            continue
        total += validate_item(item_id, value)
        answered += 1
    return total, answered, tuple(missing)


def _threshold(cut: Mapping[str, int], sex: str | None) -> tuple[int, str]:
    if sex in ("kvinna", "man"):
        return cut[sex], f"gränsvärde för {sex}"
    return min(cut["kvinna"], cut["man"]), (
        "kön ej angivet: det lägre gränsvärdet används och båda visas; handläggaren bedömer"
    )


def score_audit(answers: Mapping[str, object], sex: str | None) -> ScreeningResult:
    cfg = load_cutoffs()["audit"]
    total, answered, missing = _total("audit", answers)
    threshold, rule = _threshold(cfg["screen"], sex)
    complete = not missing
    band = None
    if complete:
        band = next(b["label"] for b in cfg["bands"]["levels"] if b["min"] <= total <= b["max"])
    subscores = {
        name: sum(validate_item(i, answers[i]) for i in items)
        for name, items in AUDIT_DOMAINS.items()
        if all(answers.get(i) is not None for i in items)
    }
    return ScreeningResult(
        instrument="AUDIT", total=total if complete else None, answered=answered,
        missing=missing, positive=(total >= threshold) if complete else None,
        threshold=threshold,
        thresholds={"kvinna": cfg["screen"]["kvinna"], "man": cfg["screen"]["man"]},
        sex_rule=rule, band=band, subscores=subscores,
        sources=(cfg["screen"]["source"], cfg["bands"]["source"]), sex=sex,
    )


def verdict(total: int, threshold: int) -> str:
    """"når" at the cut-off itself: the cut-offs are "6 poäng eller fler", so 6 is not "över"."""
    if total > threshold:
        return "över"
    return "når" if total == threshold else "under"


def _sex_label(sex: str) -> str:
    return {"kvinna": "kvinnor", "man": "män"}[sex]


def result_text(result: ScreeningResult, short: bool = False) -> str:
    """One line that never contradicts itself: the total against the cut-off (both cut-offs
    when the sex is not given), the screening result, and the band only where it agrees."""
    total, sex = result.total, result.sex
    if sex in ("kvinna", "man"):
        against = (f"{verdict(total, result.threshold)} gränsvärdet för {_sex_label(sex)} "
                   f"({result.threshold})")
    else:
        against = ("kön ej angivet, så båda gränsvärdena: " + ", ".join(
            f"{verdict(total, cut)} gränsvärdet för {_sex_label(s)} ({cut})"
            for s, cut in result.thresholds.items())
            + "; det lägre avgör, handläggaren bedömer")
    label = load_cutoffs()[result.instrument.lower()]["screen"]["label"]
    outcome = label if result.positive else "screening negativ"
    line = f"{result.instrument}: {total} poäng, {against}: {outcome}"
    if short:  # as evidence behind a factor: the figure and the cut-off, no more
        return line
    if result.instrument == "AUDIT" and result.band:
        line += f"; {_audit_band_text(result)}"
    elif result.instrument == "DUDIT" and result.dependence:
        line += f"; {result.band}"
    if result.implied_zero:
        line += (f"; fråga 1–{len(result.implied_zero)} räknade som 0 eftersom inget drogbruk "
                 "det senaste året enligt inledande frågan")
    if result.youth_note:
        line += f"; {result.youth_note}"
    return line


def _audit_band_text(result: ScreeningResult) -> str:
    """WHO's zones start risk at 8 for everyone; the Swedish cut-off for women is 6. A woman
    at 6-7 is screen-positive in zone I, whose label says "låg risk": name the zone only."""
    levels = load_cutoffs()["audit"]["bands"]["levels"]
    level = next(b for b in levels if b["min"] <= result.total <= b["max"])
    if result.positive and not level.get("risk", True):
        higher = min(b["min"] for b in levels if b["min"] > level["max"])
        return (f"WHO:s {level['zone']}, där WHO räknar riskbruk först från {higher} poäng; "
                "det svenska gränsvärdet är lägre")
    return f"WHO:s {level['label']}"


def _youth_note(cfg: Mapping, age: object) -> str | None:
    youth = cfg.get("youth")
    if not youth or not isinstance(age, (int, float)) or isinstance(age, bool):
        return None
    low, high = youth["ages"]
    if not low <= age <= high:
        return None
    return youth["note"]


def score_dudit(answers: Mapping[str, object], sex: str | None,
                age: object = None) -> ScreeningResult:
    cfg = load_cutoffs()["dudit"]
    no_use = answers.get(DUDIT_GATE) is False
    implied = tuple(i for i in DUDIT_LAST_YEAR_ITEMS if i not in answers) if no_use else ()
    total, answered, missing = _total("dudit", answers, implied)
    threshold, rule = _threshold(cfg["screen"], sex)
    complete = not missing
    band = None
    if complete:
        if total >= cfg["dependence"]["min"]:
            band = cfg["dependence"]["label"]
        elif total >= threshold:
            band = cfg["screen"]["label"]
        else:
            band = "under gränsvärdet"
    return ScreeningResult(
        instrument="DUDIT", total=total if complete else None, answered=answered,
        missing=missing, positive=(total >= threshold) if complete else None,
        threshold=threshold,
        thresholds={"kvinna": cfg["screen"]["kvinna"], "man": cfg["screen"]["man"]},
        sex_rule=rule, band=band,
        sources=(cfg["screen"]["source"], cfg["dependence"]["source"]),
        dependence=(total >= cfg["dependence"]["min"]) if complete else None,
        implied_zero=implied, youth_note=_youth_note(cfg, age), sex=sex,
    )
