"""From answers to the risk and protective profile. Pure: no Rasa, no database.

Per area (ekonomiskt bistånd, missbruk, barn i hushållet): the risk and protective factors
present, each with the answers behind it and its level (individ / grupp / miljö); an
accumulation flag when several risk factors coincide (001:4573-4583); the warning signs
(domain.md §6); and the triage group of the early-support reports (000:716-756). The
profile is a basis for the case worker's judgement, never a verdict (001:4593-4603).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.assessment.answer_types import describe
from bot.assessment.conditions import all_match, value_matches
from bot.assessment.question_bank import Factor, FactorCatalogue, Module, Question
from bot.scoring.instruments import ScreeningResult, result_text, score_audit, score_dudit

SEX_QUESTION = "client_sex"
AGE_QUESTION = "client_age"
CHILD_AGES_QUESTION = "children_ages"
# Triage is defined for the two adult areas of the reports; children are outside them.
TRIAGE_AREAS = ("ekonomiskt_bistand", "missbruk")


@dataclass(frozen=True)
class SupportingAnswer:
    """An answer (or an instrument's result) that shows a factor, as the profile cites it."""

    question_id: str
    topic: str
    answer: str


@dataclass(frozen=True)
class FoundFactor:
    factor: Factor
    evidence: tuple[SupportingAnswer, ...]


@dataclass
class AreaProfile:
    area: str
    name: str
    assessed: bool = False
    risks: list[FoundFactor] = field(default_factory=list)
    protective: list[FoundFactor] = field(default_factory=list)
    accumulation: bool = False
    warnings: list[tuple[str, FoundFactor]] = field(default_factory=list)
    triage_group: int | None = None
    triage_text: str | None = None

    def factor_ids(self, kind: str | None = None) -> set[str]:
        found = self.risks if kind == "risk" else self.protective if kind == "protective" \
            else self.risks + self.protective
        return {f.factor.id for f in found}


@dataclass
class Profile:
    areas: dict[str, AreaProfile]
    screenings: tuple[ScreeningResult, ...]
    # Children under 18 in the household: True, False, or None when not asked.
    children: bool | None = None

    def all_factor_ids(self) -> set[str]:
        return {fid for area in self.areas.values() for fid in area.factor_ids()}


def client_sex(answers: Mapping[str, Any]) -> str | None:
    """"kvinna" or "man"; anything else (annat, vill inte ange, skipped) is None, and the
    scoring then applies its documented rule for an unknown sex."""
    value = answers.get(SEX_QUESTION)
    return value if value in ("kvinna", "man") else None


def _answer_factors(modules: tuple[Module, ...], answers: Mapping[str, Any],
                    catalogue: FactorCatalogue) -> dict[str, list[SupportingAnswer]]:
    found: dict[str, list[SupportingAnswer]] = {}
    for module in modules:
        for question in module.questions:
            value = answers.get(question.id)
            for ind in question.indicates:
                if value_matches(ind.expected, value) and all_match(dict(ind.also), answers):
                    evidence = [_evidence(question, value, modules)]
                    evidence += [_evidence(_question(modules, qid), answers[qid], modules)
                                 for qid, _ in ind.also]
                    found.setdefault(ind.factor, []).extend(evidence)
    return found


def _question(modules: tuple[Module, ...], qid: str) -> Question:
    return next(q for m in modules for q in m.questions if q.id == qid)


def _evidence(question: Question, value: Any, modules) -> SupportingAnswer:
    return SupportingAnswer(question.id, question.topic, describe(question, value, modules))


def _instrument_factors(modules: tuple[Module, ...], results: dict[str, ScreeningResult]
                        ) -> dict[str, list[SupportingAnswer]]:
    found: dict[str, list[SupportingAnswer]] = {}
    for module in modules:
        result = results.get(module.instrument or "")
        if result is None or result.total is None:
            continue
        triggers = dict(module.instrument_factors)
        # The topic names the instrument already: "AUDIT: 14 poäng, över …", not "AUDIT: AUDIT: …".
        evidence = SupportingAnswer(module.instrument, result.instrument,
                            result_text(result, short=True).split(": ", 1)[1])
        if "positive" in triggers and result.positive:
            found.setdefault(triggers["positive"], []).append(evidence)
        if "dependence" in triggers and result.dependence:
            found.setdefault(triggers["dependence"], []).append(evidence)
    return found


def _derived_factors(modules: tuple[Module, ...], answers: Mapping[str, Any],
                     catalogue: FactorCatalogue, evidence: dict[str, list[SupportingAnswer]]) -> None:
    """Factors that are readings of other factors: a parent's positive AUDIT or DUDIT with
    children in the household (004:152). The evidence is the found factor's and the answers
    the condition names, so the case worker sees why."""
    for fid, factor in catalogue.factors.items():
        if factor.derived_age_gap is not None:
            _age_gap_factor(fid, factor.derived_age_gap, modules, answers, evidence)
            continue
        sources = [d for d in factor.derived_from if d in evidence]
        if not sources or not all_match(dict(factor.derived_when), answers):
            continue
        found = [e for d in sources for e in evidence[d]]
        found += [_evidence(_question(modules, qid), answers[qid], modules)
                  for qid, _ in factor.derived_when]
        evidence.setdefault(fid, []).extend(found)


def _age_gap_factor(fid: str, gap: int, modules: tuple[Module, ...],
                    answers: Mapping[str, Any], evidence: dict[str, list[SupportingAnswer]]) -> None:
    """Early parenthood read from two answers: the client's age minus the oldest child's
    age at or below `gap` (001:4680-4684; the gap is our choice)."""
    age, ages = answers.get(AGE_QUESTION), answers.get(CHILD_AGES_QUESTION)
    if not isinstance(age, (int, float)) or isinstance(age, bool) or not ages:
        return
    numbers = [a for a in (ages if isinstance(ages, list) else [ages])
               if isinstance(a, (int, float)) and not isinstance(a, bool)]
    if numbers and age - max(numbers) <= gap:
        evidence.setdefault(fid, []).extend(
            _evidence(_question(modules, qid), answers[qid], modules)
            for qid in (AGE_QUESTION, CHILD_AGES_QUESTION))


def _assessed_areas(modules: tuple[Module, ...], answers: Mapping[str, Any],
                    catalogue: FactorCatalogue) -> set[str]:
    answered_modules = {m.id for m in modules
                        if any(answers.get(q.id) is not None for q in m.questions)}
    return {area for area, core in catalogue.core_modules.items() if answered_modules & set(core)}


def triage(risk_count: int, protective_count: int, rules: Mapping[str, Any]) -> int:
    """Group 1: few risk factors; 2: risk factors with protective factors in place;
    3: risk factors and few protective factors left (000:716-756, our counts)."""
    if risk_count <= rules["few_risk_max"]:
        return 1
    if protective_count > rules["few_protective_max"]:
        return 2
    return 3


def build_profile(modules: tuple[Module, ...], answers: Mapping[str, Any],
                  catalogue: FactorCatalogue) -> Profile:
    sex = client_sex(answers)
    results = {"audit": score_audit(answers, sex),
               "dudit": score_dudit(answers, sex, answers.get(AGE_QUESTION))}
    evidence = _answer_factors(modules, answers, catalogue)
    for fid, items in _instrument_factors(modules, results).items():
        evidence.setdefault(fid, []).extend(items)
    _derived_factors(modules, answers, catalogue, evidence)
    assessed = _assessed_areas(modules, answers, catalogue)
    areas = {aid: AreaProfile(aid, name, assessed=aid in assessed)
             for aid, name in catalogue.areas.items()}
    # Factors in the catalogue's order, so that the profile reads the same every time.
    for fid, factor in catalogue.factors.items():
        if fid not in evidence:
            continue
        found = FoundFactor(factor, tuple(evidence[fid]))
        for aid in factor.areas:
            area = areas[aid]
            (area.risks if factor.kind == "risk" else area.protective).append(found)
            if factor.warning:
                area.warnings.append((factor.warning, found))
    for area in areas.values():
        area.accumulation = len(area.risks) >= catalogue.accumulation_threshold
        if area.area in TRIAGE_AREAS and area.assessed:
            area.triage_group = triage(len(area.risks), len(area.protective), catalogue.triage)
            area.triage_text = catalogue.triage["groups"][area.triage_group]
    children = answers.get("children_in_household")
    return Profile(areas, (results["audit"], results["dudit"]),
                   children=children if isinstance(children, bool) else None)
