""""Vad finns för boende?": the catalogue's interventions for a topic, named like a
module ("boende", "ekonomi", "alkohol") or an area. Pure."""
from __future__ import annotations

import re

from bot.assessment.question_bank import Module
from bot.catalogue.catalogue import Intervention
from bot.catalogue.matching import Suggestion, evidence_rank
from bot.reading.text import fold

AREA_WORDS = {"ekonomiskt_bistand": ("ekonomiskt bistand", "bistand"),
              "missbruk": ("missbruk", "beroende"), "barn": ("barn", "familj", "familjer")}


def topic_factors(modules: tuple[Module, ...], topic: str) -> tuple[set[str], set[str]]:
    """The factor ids the modules named in the topic indicate, and the areas named."""
    said = fold(topic)
    factors, areas = set(), set()
    for module in modules:
        if any(re.search(rf"(?<![a-z]){re.escape(fold(a))}", said) for a in (module.name, *module.aliases)):
            factors |= {i.factor for q in module.questions for i in q.indicates}
            factors |= {f for _, f in module.instrument_factors}
    for area, words in AREA_WORDS.items():
        if any(w in said for w in words):
            areas.add(area)
    return factors, areas


def browse(modules: tuple[Module, ...], catalogue: tuple[Intervention, ...], topic: str,
           suggested: list[Suggestion], offered: frozenset[str] | None) -> str:
    factors, areas = topic_factors(modules, topic)
    if not factors and not areas:
        return (f"Jag vet inte vilket område ”{topic}” är. Fråga till exempel \"vad finns för "
                "boende?\", \"vad finns för ekonomi?\" eller \"vad finns för missbruk?\".")
    hits = [e for e in catalogue if not e.excluded
            and (set(e.targets) & factors or set(e.areas) & areas)]
    hits.sort(key=lambda e: (evidence_rank(e.evidence.label), e.name))
    if not hits:
        return f"Katalogen har inga insatser för ”{topic}”."
    ranks = {s.intervention.id: s.rank for s in suggested}
    lines = [f"Insatser i katalogen för ”{topic}” (efter evidens):"]
    for e in hits[:12]:
        mark = f" – förslag nummer {ranks[e.id]} för klienten" if e.id in ranks else ""
        local = " – finns inte lokalt" if offered is not None and e.id not in offered else ""
        lines.append(f"- {e.name} ({e.evidence.label}){mark}{local}")
    if len(hits) > 12:
        lines.append(f"… och {len(hits) - 12} till.")
    return "\n".join(lines)
