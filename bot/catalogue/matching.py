"""From the profile to ranked suggestions. Pure.

The reports are explicit that support should follow the person's assessed needs, not
what happens to be available (000:157-158), and that methods should not be offered on
belief (000:639-644). So: rank by fit to the assessed needs first, evidence second; the
local offer never changes the rank, it is only shown. Excluded entries and methods the
reports judge ineffective are never suggested.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.catalogue.catalogue import Intervention
from bot.profile.build import FoundFactor, Profile

# Evidence order, strongest first (labels of ../shared/notes/catalogue.md §0). Unknown
# labels sort after these; the check refuses labels that are not the reports' own.
EVIDENCE_ORDER = (
    "evidensbaserad effektiv", "evidensbaserad", "NR-rekommenderad", "liten positiv effekt",
    "positiv effekt", "lovande", "fortsatt utvärdering behövs", "blandade resultat",
    "lärande exempel", "ingen bevisad effekt", "ej utvärderad", "kan ej bedömas",
    "otillräcklig evidens", "beskrivande", "ingen evidens angiven", "ej verksam",
)
NEVER_SUGGESTED = ("bedöms ineffektiv",)
AREA_TEXT = {"ekonomiskt_bistand": "ekonomiskt bistånd", "missbruk": "missbruk",
             "barn": "barn i hushållet"}
TIMING_TEXT = {"tidigt": "tidigt stöd", "sent": "sent stöd", "ej_angivet": "tidigt eller sent anges inte"}


def _lower_first(name: str) -> str:
    """"Skulder" -> "skulder", but "AUDIT över …" stays as it is."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def evidence_rank(label: str) -> int:
    return next((i for i, prefix in enumerate(EVIDENCE_ORDER) if label.startswith(prefix)),
                len(EVIDENCE_ORDER))


@dataclass(frozen=True)
class Suggestion:
    intervention: Intervention
    rank: int
    needs: tuple[FoundFactor, ...]  # risk factors it addresses
    strengths: tuple[FoundFactor, ...]  # protective factors it helps keep
    timing: dict[str, str]  # area -> tidigt / sent / ej_angivet, for this person's areas
    offered_locally: bool | None  # None: no local offer configured

    @property
    def fit(self) -> tuple[int, int]:
        return len(self.needs), len(self.strengths)

    def one_line(self) -> str:
        why = ", ".join(_lower_first(f.factor.name) for f in self.needs[:3])
        when = "; ".join(f"{TIMING_TEXT[t]} inom {AREA_TEXT.get(area, area)}"
                         for area, t in self.timing.items())
        local = " – finns inte lokalt" if self.offered_locally is False else ""
        return (f"{self.rank}. {self.intervention.name}: för {why}. Evidens: "
                f"{self.intervention.evidence.label}. {when.capitalize()}.{local}")

    def reasons(self) -> dict:
        """What is stored with the suggestion: the answers and factors behind it."""
        return {
            "factors": [{"id": f.factor.id, "name": f.factor.name, "kind": f.factor.kind,
                         "evidence": [{"question_id": e.question_id, "answer": e.answer}
                                      for e in f.evidence]}
                        for f in self.needs + self.strengths],
            "evidence_label": self.intervention.evidence.label,
            "evidence_quote": self.intervention.evidence.quote,
            "timing": self.timing,
            "sources": list(self.intervention.sources),
            "offered_locally": self.offered_locally,
        }


def match(catalogue: tuple[Intervention, ...], profile: Profile,
          offered: frozenset[str] | None = None) -> list[Suggestion]:
    present: dict[str, tuple[FoundFactor, set[str]]] = {}
    for area in profile.areas.values():
        for found in area.risks + area.protective:
            present.setdefault(found.factor.id, (found, set()))[1].add(area.area)
    candidates = []
    for entry in catalogue:
        if entry.excluded or entry.evidence.label.startswith(NEVER_SUGGESTED):
            continue
        if entry.for_children and profile.children is not True:
            continue  # groups for children, parenting programmes: only with children at home
        needs = tuple(present[f][0] for f in entry.targets
                      if f in present and present[f][0].factor.kind == "risk")
        if not needs:
            continue  # a suggestion answers an assessed need, never only a strength
        strengths = tuple(present[f][0] for f in entry.targets
                          if f in present and present[f][0].factor.kind == "protective")
        areas = set().union(*(present[f.factor.id][1] for f in needs + strengths))
        timing = {a: t for a, t in entry.timing.items() if a in areas} or dict(entry.timing)
        local = None if offered is None else entry.id in offered
        candidates.append(Suggestion(entry, 0, needs, strengths, timing, local))
    candidates.sort(key=lambda s: (-s.fit[0], -s.fit[1], evidence_rank(s.intervention.evidence.label),
                                   s.intervention.id))
    return [Suggestion(s.intervention, i, s.needs, s.strengths, s.timing, s.offered_locally)
            for i, s in enumerate(candidates, 1)]


def explain(suggestion: Suggestion) -> str:
    """The full explanation behind "varför?": answers, factors, evidence and sources."""
    entry = suggestion.intervention
    lines = [f"{entry.name} ({entry.description})"]
    for found in suggestion.needs:
        answers = "; ".join(f"{e.topic}: {e.answer}" for e in found.evidence)
        lines.append(f"- Behov: {found.factor.name} ({answers}).")
    for found in suggestion.strengths:
        answers = "; ".join(f"{e.topic}: {e.answer}" for e in found.evidence)
        lines.append(f"- Skyddsfaktor att behålla: {found.factor.name} ({answers}).")
    quote = f" (”{entry.evidence.quote}”, {entry.evidence.source})" if entry.evidence.quote else ""
    lines.append(f"- Evidens enligt rapporterna: {entry.evidence.label}{quote}.")
    for area, timing in suggestion.timing.items():
        lines.append(f"- För den här klienten: {TIMING_TEXT[timing]} inom {AREA_TEXT.get(area, area)}.")
    if entry.needs_decision is not None:
        lines.append("- Kräver biståndsbeslut." if entry.needs_decision
                     else "- Kräver inte biståndsbeslut.")
    if entry.figures:
        lines.append("- Nyckeltal: " + "; ".join(entry.figures))
    if suggestion.offered_locally is False:
        lines.append("- Finns inte lokalt. Du kan registrera den som \"behövs men finns inte\".")
    lines.append("- Källor: " + ", ".join(entry.sources))
    return "\n".join(lines)
