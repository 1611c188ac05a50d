"""What the case worker says about the suggestions: "varför 2", "välj 1", "inte aktuell
3 eftersom …" (or "avböj 3 …"), "saknas lokalt 4" (or "behövs men finns inte 4"),
"visa fler", "vad finns för boende?", "klar".
Pure; an unclear command is asked again, never guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading.text import fold

WHY, CHOOSE, DECLINE, NOT_AVAILABLE, MORE, BROWSE, DONE = (
    "why", "choose", "decline", "not_available", "more", "browse", "done")

# A whole number of one or two digits ("2a" for "2:a" is fine): "välj 123" or "välj 1e9"
# is no suggestion's number, and reading its first digits would record a decision nobody
# made.
_NUM = r"(?:nummer |nr |forslag )?(\d{1,2})(?!\d|[a-z]+\d)"
_PATTERNS = [
    (NOT_AVAILABLE, re.compile(
        rf"(behovs men finns inte|finns inte lokalt|saknas lokalt|finns inte)\s*:?\s*{_NUM}"
        rf"|{_NUM}\s*(behovs men finns inte|finns inte)")),
    (WHY, re.compile(rf"^(varfor|forklara|mer om|berätta om|beratta om)\s*{_NUM}")),
    (CHOOSE, re.compile(rf"^(valj|vi valjer|jag valjer|ta|valjer)\s*{_NUM}")),
    (DECLINE, re.compile(rf"^(inte aktuell|inte aktuellt|ej aktuell|ej aktuellt|avboj|avbojer"
                         rf"|avstar fran|nej tack till|inte)\s*:?\s*{_NUM}(.*)$")),
]
# Matched on the original text, so that the reason is stored in the case worker's words.
_REASON = re.compile(r"(?:eftersom|f[oö]r att|pga|p[aå] grund av|d[aä]rf[oö]r att|:|-)\s*(.+)$",
                     re.IGNORECASE)
_BROWSE = re.compile(r"(?:vad finns (?:det )?(?:for|inom|om|kring)|visa insatser (?:for|inom)"
                     r"|insatser (?:for|inom))\s+(.+)")
_MORE = re.compile(r"^(visa fler|fler|mer|visa mer|fler forslag|visa alla)$")
_DONE = re.compile(r"^(klar|klart|fardig|fardigt|avsluta|inget mer|det ar bra|nej tack|vi ar klara|klara)$")


@dataclass(frozen=True)
class Command:
    kind: str
    number: int | None = None
    reason: str = ""
    topic: str = ""


def parse_command(text: str) -> Command | None:
    said = fold(text or "")
    if _DONE.match(said):
        return Command(DONE)
    if _MORE.match(said):
        return Command(MORE)
    browse = _BROWSE.search(said)
    if browse:
        return Command(BROWSE, topic=browse.group(1).strip())
    digit = re.search(r"\d", text or "")
    if digit and (text[:digit.start()].rstrip()[-1:] in ("-", "−", "–")):
        return None  # "välj -1" names no suggestion; asked again rather than read as 1
    for kind, pattern in _PATTERNS:
        match = pattern.search(said)
        if match:
            number = int(next(g for g in match.groups() if g and g.isdigit()))
            reason = ""
            if kind == DECLINE:
                # The reason in the case worker's own words, from the original text.
                found = _REASON.search(text.split(str(number), 1)[-1])
                reason = found.group(1).strip() if found else ""
            return Command(kind, number, reason)
    return None
