"""The summary at the end of the assessment, in Swedish. Pure: built from the answers and
the profile every time it is shown, so a correction shows at once and nothing is kept twice.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.assessment.flow import SKIPPED, deferred, status
from bot.assessment.question_bank import Module, load_safety
from bot.profile.build import AreaProfile, FoundFactor, Profile
from bot.scoring.instruments import ScreeningResult, result_text

OWN_NEEDS = "own_needs"


def _screening_line(result: ScreeningResult, answers: Mapping[str, Any]) -> str:
    if result.total is None:
        if not result.answered:
            return f"{result.instrument}: inte genomförd"
        missing = len(result.missing)
        return (f"{result.instrument}: ofullständig, {missing} "
                f"{'fråga saknas' if missing == 1 else 'frågor saknas'}, "
                "så ingen summa räknas")
    line = result_text(result)
    if result.subscores:
        line += " – delpoäng " + ", ".join(f"{k} {v}" for k, v in result.subscores.items())
    return line


def _factor_line(found: FoundFactor) -> str:
    why = "; ".join(f"{e.topic}: {e.answer}" for e in found.evidence)
    return f"{found.factor.name} ({found.factor.level}nivå; {why})"


# The summary card's section heading mark: the chat draws a line that starts with it as
# a heading, and "• " lines as a list; everywhere else it is readable plain text.
HEADING = "▍"
ITEM = "• "


def _listed(title: str, found: list[FoundFactor]) -> list[str]:
    return [f"{title}:"] + ([ITEM + _factor_line(f) for f in found] or [ITEM + "inga funna"])


def _area_lines(area: AreaProfile, threshold: int) -> list[str]:
    if not area.assessed and not area.risks and not area.protective:
        return [f"{HEADING}{area.name}: inte bedömt"]
    head = area.name
    if area.triage_group:
        head += f" – grupp {area.triage_group}: {area.triage_text}"
    lines = [HEADING + head, *_listed("Riskfaktorer", area.risks),
             *_listed("Skyddsfaktorer", area.protective)]
    if area.warnings:
        lines.append("Varningssignaler: " + ", ".join(sorted({w for w, _ in area.warnings})))
    if area.accumulation:
        lines.append(f"Flera riskfaktorer samverkar ({len(area.risks)}, gränsen är {threshold}): "
                     "risken ökar kraftigt när flera riskfaktorer finns samtidigt (001:4573-4583).")
    return lines


MISUSE_SIGNS = ("risky_drinking", "drug_problems", "probable_dependence")
PARENT_MISUSE = "parent_misuse"


def collaboration_note(profile: Profile) -> str | None:
    """Signs of misuse in an economic-assistance case: say so, and who to work with.
    Misuse in EB cases goes unnoticed for years when nobody asks (001:6809-6821,
    10715-10727), and whether it is passed on depends on the case worker (001:7320-7332)."""
    eb, misuse = profile.areas.get("ekonomiskt_bistand"), profile.areas.get("missbruk")
    if eb is None or misuse is None or not eb.assessed:
        return None
    signs = [f.factor.name for f in misuse.risks if f.factor.id in MISUSE_SIGNS]
    if not signs:
        return None
    return ("Samverkan: tecken på riskbruk eller missbruk i ett ärende om ekonomiskt bistånd ("
            + "; ".join(signs) + "). Sådana behov upptäcks ofta först efter flera år när ingen "
            "frågar (001:6809-6821, 10715-10727). Överväg att, med klientens samtycke, kontakta "
            "enheten för missbruk och beroende, och dokumentera hänvisningen.")


def child_report_note(profile: Profile) -> str | None:
    """A positive AUDIT or DUDIT with children in the household: prompt the case worker to
    consider an orosanmälan (data/safety.yml, parent_misuse)."""
    children = profile.areas.get("barn")
    if children is None or not any(f.factor.id == PARENT_MISUSE for f in children.risks):
        return None
    return load_safety()[PARENT_MISUSE].message()


def summary_text(modules: tuple[Module, ...], answers: Mapping[str, Any],
                 skip_reasons: Mapping[str, str | None], profile: Profile,
                 accumulation_threshold: int, suggestions: Sequence[str] = ()) -> str:
    """The summary card: screening, each area as a heading with its risk and protective
    factors as lists, the first suggestions (decided on after the confirmation), and what
    was skipped, deferred and the client's own words. No blank lines: Rasa's channels send
    each blank-line part as a message of its own, and the card is one message."""
    lines = ["Sammanfattning av bedömningen. Det är ett underlag för din bedömning, inte ett "
             "beslut: kunskap om grupper behöver inte stämma för den enskilda klienten.",
             HEADING + "Screening"]
    lines += [ITEM + _screening_line(r, answers) for r in profile.screenings]
    for area in profile.areas.values():
        if area.area == "barn" and profile.children is False:
            # Housing factors also count for children, but there are none at home.
            lines.append(f"{HEADING}{area.name}: inga barn under 18 i hushållet")
            continue
        lines += _area_lines(area, accumulation_threshold)
    note = collaboration_note(profile)
    if note:
        lines.append(note)
    report = child_report_note(profile)
    if report:
        lines.append(report)
    if suggestions:
        lines += [f"{HEADING}Förslag att ta ställning till när du har bekräftat "
                      f"(de {len(suggestions)} främsta)"]
        lines += [f"{n}. {text}" for n, text in enumerate(suggestions, 1)]
    skipped = [(q, skip_reasons.get(q.id)) for m in modules for q in m.questions
               if status(m, q, modules, answers) == SKIPPED]
    lines += [HEADING + "Överhoppat, uppskjutet och klientens egna ord",
              "Överhoppade frågor: " + ("; ".join(
                  f"{q.topic} ({reason or 'ingen orsak angiven'})" for q, reason in skipped)
                  or "inga")]
    waiting = deferred(modules, answers)
    if waiting:
        lines.append("Uppskjutna till ett enskilt samtal med klienten: "
                     + "; ".join(q.topic for q in waiting))
    own = answers.get(OWN_NEEDS)
    lines.append("Klientens egna behov, med klientens ord: " + (f"”{own}”" if own else "inte angivet"))
    return "\n".join(lines)
