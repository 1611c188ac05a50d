"""A plain-language summary for the client (delaktighet), after the barnahus log model:
what we talked about, what was suggested and why, what happens next, and where to learn
more (001:1125-1137, 1268, 1329-1335). Written to the client, without scores or jargon.
Pure."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.assessment.flow import ANSWERED, chosen_modules, status
from bot.assessment.question_bank import Module

_DECIDED = {"vald": "Ni har bestämt att gå vidare med det.",
            "avböjd": "Det blev inte aktuellt nu.",
            "behövs men finns inte": "Det finns inte i kommunen just nu. Behovet är antecknat.",
            "föreslagen": "Det är ett förslag som ni kan prata vidare om."}


def client_summary(modules: tuple[Module, ...], answers: Mapping[str, Any],
                   suggestions: list[tuple[str, str, str]], date: str) -> str:
    """suggestions: (name, plain reason, status) in rank order."""
    talked = [m.name.lower() for m in chosen_modules(modules, answers)
              if m.order != 0 and any(status(m, q, modules, answers) == ANSWERED for q in m.questions)]
    lines = [f"Sammanfattning för dig, {date}", ""]
    if talked:
        lines.append("Det här pratade vi om: " + ", ".join(talked) + ".")
    own = answers.get("own_needs")
    if own:
        lines.append(f"Det här sa du att du behöver: ”{own}”.")
    lines.append("")
    if suggestions:
        lines.append("Det här föreslog vi, och varför:")
        for name, why, state in suggestions:
            lines.append(f"- {name}: eftersom {why}. {_DECIDED.get(state, '')}".rstrip())
    else:
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
