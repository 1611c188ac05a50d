"""Steering words (pausa, avbryt, hjälp …) inside a form. The classifier alone is not
trusted to take a message away from a question: "varannan vecka ungefär" once came back as
"pause" with high confidence. A steering intent counts only when the message also has one
of that intent's own words. Pure."""
from __future__ import annotations

import re

from bot.domain_names import Intent
from bot.reading.text import fold

_WORDS = {
    Intent.PAUSE: r"paus\w*|senare|sluta\w*|stopp\w*|stann\w*|hinner inte|annan (gang|dag)"
             r"|nasta (gang|mote|vecka)|spara\w*|maste ga|pa is|sa lange|tills vidare",
    Intent.CANCEL: r"avbryt\w*|avsluta\w*|strunta\w*|glom\w*|kasta\w*|stryk\w*|bryt\w*|slang\w*"
              r"|radera\w*|ta bort|lagg\w* ner|inte gora klart|inte fortsatta|helt",
    Intent.ASK_HELP: r"hjalp\w*|hur (funkar|fungerar|gor jag|anvander)|vad kan (du|jag)|instruktion\w*"
                r"|manual|forklara hur|forstar inte hur|vilka fragor|vad ar (det har|tidigt)",
    Intent.START_ASSESSMENT: r"ny bedomning|starta\w*|borja om|ny klient",
    Intent.RESUME_ASSESSMENT: r"ateruppta\w*|fortsatt\w* (bedomning|dar)",
    Intent.GOODBYE: r"hej ?da|adjo|vi ses|ses|tack for (idag|nu)|ha det|vi hors|bra dag|fin dag"
               r"|logga\w* ut|hej sa lange|bye|slutar jag",
}


def is_steering(intent: str | None, text: str) -> bool:
    pattern = _WORDS.get(intent or "")
    return bool(pattern and re.search(rf"(?<![a-z0-9])({pattern})(?![a-z0-9])", fold(text or "")))
