"""A plain-language summary for the client (delaktighet), after the barnahus log model:
what we talked about, what was suggested and why, what happens next, and where to learn
more (001:1125-1137, 1268, 1329-1335). Written to the client, without scores or jargon.
Pure. It lives with the catalogue because it tells the suggestions and the client's own
needs (bot.catalogue.needs), both above the assessment it also reads."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.assessment.flow import ANSWERED, chosen_modules, status
from bot.assessment.question_bank import Module
from bot.catalogue.needs import OWN_NEEDS_QUESTION, load_needs, stated_needs

_DECIDED = {"vald": "",
            "avböjd": "Det blev inte aktuellt nu.",
            "behövs men finns inte": "Det finns inte i kommunen just nu. Behovet är antecknat.",
            "föreslagen": "Det är ett förslag som ni kan prata vidare om."}


def client_summary(modules: tuple[Module, ...], answers: Mapping[str, Any],
                   suggestions: list[tuple[str, str, str]], date: str) -> str:
    """suggestions: (name, what it helps with in the client's terms, status), the chosen
    first. Written to the client ("du"); the case worker's own wording of the client's
    needs ("hon vill ha hjälp med …") is not repeated, only the needs it names."""
    talked = [m.name.lower() for m in chosen_modules(modules, answers)
              if m.order != 0 and any(status(m, q, modules, answers) == ANSWERED for q in m.questions)]
    lines = [f"Sammanfattning för dig, {date}", ""]
    chosen = [s for s in suggestions if s[2] == "vald"]
    others = [s for s in suggestions if s[2] != "vald"]
    if chosen:
        lines.append("Det här har du valt att gå vidare med:")
        lines += [f"- {name}. Det ska hjälpa dig med {why}." for name, why, _ in chosen]
        lines.append("")
    if talked:
        lines.append("Det här pratade vi om: " + ", ".join(talked) + ".")
    own = answers.get(OWN_NEEDS_QUESTION)
    if own:
        needs = load_needs()
        named = [needs[n].client for n in stated_needs(str(own), needs)]
        lines.append("Du sa att du själv vill ha hjälp med " + _joined(named) + "." if named else
                     "Du berättade vad du själv behöver, och det är antecknat.")
    lines.append("")
    if others:
        lines.append("Annat stöd som vi pratade om:" if chosen else "Det här föreslog vi, och varför:")
        for name, why, state in others:
            lines.append(f"- {name}: för {why}. {_DECIDED.get(state, '')}".rstrip())
    elif not chosen:
        lines.append("Vi hittade inget stöd att föreslå just nu utifrån det vi pratade om.")
    lines += [
        "",
        "Vad händer nu: din handläggare dokumenterar samtalet och hör av sig om nästa steg. "
        "Du bestämmer själv om du vill ta emot stöd, och du kan ändra dig. Om något inte "
        "stämmer, eller om du vill berätta mer, säg till. Du får gärna berätta igen.",
        "Mer information finns hos: din handläggare på socialtjänsten. Du kan också be att få "
        "läsa det som står om dig.",
    ]
    return "\n".join(lines)


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
