"""From the profile to ranked suggestions. Pure.

The reports are explicit that support should follow the person's assessed needs, not
what happens to be available (000:157-158), and that methods should not be offered on
belief (000:639-644). An entry is suggested only for an assessed risk factor it targets
and only when its fit conditions are met (bot/catalogue/fit.py: IPS is for people with a
psychiatric disability, 001:6056-6058; Bostad först for the homeless, 001:6519-6521).
The order is the one a skilled case worker would sign, in this order:
  (a) warning signs first: an entry that answers one (risk of eviction, growing debts,
      the children's situation, relapse, a refusal or a benefit that ends: `warning` in
      data/factors.yml, domain.md section 6);
  (b) what the client asked for in their own words (the own-needs answer, 000:1028-1029,
      001:10670-10682);
  (c) coverage: the best entry for each of the person's distinct needs before a second
      entry for the same need, so the first five cover the person, not the biggest area;
  (d) early support before late for this person's areas (000:725-733; 001:9444-9448);
  (e) the evidence label; then how many of the person's factors it addresses.
Each suggestion says which of these put it where it is. The local offer never changes the
rank, it is only shown. Excluded entries and methods the reports judge ineffective are
never suggested.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.catalogue.catalogue import Intervention
from bot.catalogue.fit import unmet
from bot.catalogue.needs import OWN_NEEDS_QUESTION, Need, load_needs, need_of_factor, stated_needs
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
TIMING_ORDER = {"tidigt": 0, "ej_angivet": 1, "sent": 2}
CHILDREN_WARNING = "Barn i hushållet"


def _lower_first(name: str) -> str:
    """"Skulder" -> "skulder", but "AUDIT över …" stays as it is."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def evidence_rank(label: str) -> int:
    return next((i for i, prefix in enumerate(EVIDENCE_ORDER) if label.startswith(prefix)),
                len(EVIDENCE_ORDER))


@dataclass(frozen=True)
class Placement:
    """Why a suggestion stands where it does: the criteria (a)-(e) as they apply to it."""
    warnings: tuple[str, ...]   # (a) the warning signs it answers, e.g. "Risk för vräkning"
    own_words: tuple[str, ...]  # (b) the client's words it answers, e.g. "skulderna"
    need: str | None            # (c) the need it covers (id of data/needs.yml)
    round: int                  # (c) 0: the first entry for that need, 1: the second, ...
    timing: str                 # (d) tidigt / ej_angivet / sent for this person
    evidence: int               # (e) evidence_rank of its label
    secondary: bool = False     # (c) made for another need: after the entries for this one

    def key(self, fit: tuple[int, int], entry_id: str) -> tuple:
        return (self.round, not self.warnings, not self.own_words, TIMING_ORDER[self.timing],
                self.evidence, -fit[0], -fit[1], entry_id)


@dataclass(frozen=True)
class Suggestion:
    intervention: Intervention
    rank: int
    needs: tuple[FoundFactor, ...]  # risk factors it addresses
    strengths: tuple[FoundFactor, ...]  # protective factors it helps keep
    timing: dict[str, str]  # area -> tidigt / sent / ej_angivet, for this person's areas
    offered_locally: bool | None  # None: no local offer configured
    placement: Placement | None = None
    need_name: str | None = None  # the need it covers, as the case worker reads it
    need_client: str | None = None  # the same need, as the client reads it

    @property
    def fit(self) -> tuple[int, int]:
        return len(self.needs), len(self.strengths)

    def placed_by(self) -> list[str]:
        """Which of the ranking criteria put it where it is, in Swedish, in their order."""
        p = self.placement
        if p is None:
            return []
        out = []
        if p.warnings:
            out.append("varningssignal (" + ", ".join(w.lower() for w in p.warnings) + ")")
        if p.own_words:
            out.append("klientens egna ord (" + ", ".join(f"”{w}”" for w in p.own_words) + ")")
        if self.need_name:
            out.append(("första förslaget för " if p.round == 0 else "ännu ett förslag för ")
                       + self.need_name)
        out.append(TIMING_TEXT[p.timing] if p.timing != "ej_angivet" else "tidigt eller sent anges inte")
        out.append(f"evidens: {self.intervention.evidence.label}")
        return out

    def one_line(self) -> str:
        why = ", ".join(_lower_first(f.factor.name) for f in self.needs[:3])
        when = "; ".join(f"{TIMING_TEXT[t]} inom {AREA_TEXT.get(area, area)}"
                         for area, t in self.timing.items())
        local = " – finns inte lokalt" if self.offered_locally is False else ""
        placed = [p for p in self.placed_by() if not p.startswith("evidens:")]
        order = f" Placering: {', '.join(placed[:3])}." if placed else ""
        return (f"{self.rank}. {self.intervention.name}: för {why}. Evidens: "
                f"{self.intervention.evidence.label}. {when.capitalize()}.{order}{local}")

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
            "placed_by": self.placed_by(),
            "need": self.placement.need if self.placement else None,
        }


def _entry_needs(entry: Intervention, risks: tuple[FoundFactor, ...],
                 needs: Mapping[str, Need]) -> tuple[str, ...]:
    """The needs the entry answers for this person: its own `needs` if it names them, else
    the needs of the person's risk factors it targets, in the order targeted."""
    if entry.needs:
        return entry.needs
    by_factor = need_of_factor(dict(needs))
    return tuple(dict.fromkeys(by_factor[f.factor.id] for f in risks if f.factor.id in by_factor))


def match(catalogue: tuple[Intervention, ...], profile: Profile,
          offered: frozenset[str] | None = None, answers: Mapping[str, Any] | None = None,
          needs: Mapping[str, Need] | None = None) -> list[Suggestion]:
    answers = answers or {}
    needs = load_needs() if needs is None else needs
    present: dict[str, tuple[FoundFactor, set[str]]] = {}
    for area in profile.areas.values():
        for found in area.risks + area.protective:
            present.setdefault(found.factor.id, (found, set()))[1].add(area.area)
    factor_ids = set(present)
    by_factor = need_of_factor(dict(needs))
    person_needs = {by_factor[f] for f, (found, _) in present.items()
                    if found.factor.kind == "risk" and f in by_factor}
    if profile.children is True and "barn" in needs:
        person_needs.add("barn")  # children at home are a need of their own (000:157-158)
    said = stated_needs(answers.get(OWN_NEEDS_QUESTION), dict(needs))
    scored = []
    for entry in catalogue:
        if entry.excluded or entry.evidence.label.startswith(NEVER_SUGGESTED):
            continue
        if entry.for_children and profile.children is not True:
            continue  # groups for children, parenting programmes: only with children at home
        if unmet(entry.fit, factor_ids, answers):
            continue  # not for this person (fit conditions, with their seed lines)
        risks = tuple(present[f][0] for f in entry.targets
                      if f in present and present[f][0].factor.kind == "risk")
        if not risks:
            continue  # a suggestion answers an assessed need, never only a strength
        strengths = tuple(present[f][0] for f in entry.targets
                          if f in present and present[f][0].factor.kind == "protective")
        areas = set().union(*(present[f.factor.id][1] for f in risks + strengths))
        timing = {a: t for a, t in entry.timing.items() if a in areas} or dict(entry.timing)
        local = None if offered is None else entry.id in offered
        # The need it covers for this person: of its own needs, the first the client named,
        # else the first the assessment found; else the need of its first factor present.
        own = _entry_needs(entry, risks, needs)
        derived = _entry_needs(replace(entry, needs=()), risks, needs) if entry.needs else own
        # Of its own needs, one the client named or one its factors found here (a training
        # for the unemployed covers work, not the missing driving licence beside it).
        addressed = {by_factor[f.factor.id] for f in risks if f.factor.id in by_factor}
        covered = next((n for pool in (said, addressed) for n in own if n in pool), None)
        # An entry for another need (a job for someone on sick leave) counts for the need of
        # its factors only after the entries made for that need.
        secondary = covered is None and entry.needs != ()
        if covered is None:
            covered = next((n for pool in (said, addressed) for n in derived if n in pool), None)
        warnings = tuple(dict.fromkeys(f.factor.warning for f in risks if f.factor.warning))
        if entry.for_children:
            # The children's situation comes first (issue 20 (a); 001:4534-4538): support
            # in which the children at home take part, for a risk the assessment found.
            warnings += (CHILDREN_WARNING,)
        words = tuple(said[n] for n in own if n in said)
        best_timing = min(timing.values(), key=TIMING_ORDER.__getitem__)
        placement = Placement(warnings, words, covered, int(secondary), best_timing,
                              evidence_rank(entry.evidence.label), secondary)
        scored.append(Suggestion(entry, 0, risks, strengths, timing, local, placement))
    # (c) coverage: in the order of (a), (b), (d), (e), count how many earlier entries
    # cover the same need; the first for every need comes before any second one.
    scored.sort(key=lambda s: s.placement.key(s.fit, s.intervention.id))
    seen: dict[str | None, int] = {}
    placed = []
    for s in scored:
        p = s.placement
        # Secondary entries sort after every primary one (round 1 above), so `seen` already
        # counts all the entries made for their need.
        n = seen.get(p.need, 0) if p.need is not None else 0
        if p.secondary:
            n = max(n, 1)
        elif p.need is not None:
            seen[p.need] = n + 1
        need = needs.get(p.need) if p.need else None
        placed.append(Suggestion(
            s.intervention, 0, s.needs, s.strengths, s.timing, s.offered_locally,
            Placement(p.warnings, p.own_words, p.need, n, p.timing, p.evidence, p.secondary),
            need.name if need else None, need.client if need else None))
    placed.sort(key=lambda s: s.placement.key(s.fit, s.intervention.id))
    return [Suggestion(s.intervention, i, s.needs, s.strengths, s.timing, s.offered_locally,
                       s.placement, s.need_name, s.need_client)
            for i, s in enumerate(placed, 1)]


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
    for condition in entry.fit:
        if condition.why:
            lines.append(f"- Passar: {condition.why} ({condition.source}).")
    if suggestion.placed_by():
        lines.append(f"- Plats {suggestion.rank} i listan på grund av: "
                     + "; ".join(suggestion.placed_by()) + ".")
    if entry.needs_decision is not None:
        lines.append("- Kräver biståndsbeslut." if entry.needs_decision
                     else "- Kräver inte biståndsbeslut.")
    if entry.figures:
        lines.append("- Nyckeltal: " + "; ".join(entry.figures))
    if suggestion.offered_locally is False:
        lines.append("- Finns inte lokalt. Du kan registrera den som \"saknas lokalt\".")
    lines.append("- Källor: " + ", ".join(entry.sources))
    return "\n".join(lines)
