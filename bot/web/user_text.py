"""What a person typed, made safe to hand to Rasa. Pure functions.

Rasa strips a message and, if it then starts with '/', reads it as an intent with
entities (`/inform{"audit_1": 4}`), skipping NLU. Only buttons the bot offered may do
that, so typed text never starts with '/' when it reaches Rasa.
"""
from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 2000
# Control and format characters (zero-width, bidi overrides) carry no meaning in an
# answer and can hide text from a reviewer; newline and tab are kept.
_KEEP = {"\n", "\t"}


def clean_text(text: str) -> str:
    kept = (
        ch for ch in text
        if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return re.sub(r"[ \t]+", " ", "".join(kept)).strip()


# Rasa reads "/" + an intent name up to the first "{" or "@" (YAMLStoryReader.
# _regex_message_pattern); what follows is confidence and entities, never a person's words.
_INTENT_PART = re.compile(r"^[^{@]*")


def defuse_payload_syntax(text: str) -> str:
    """Plain text that Rasa will never read as a payload.

    A typed payload also loses whatever Rasa would have read as its confidence and
    entities: `/inform{"client_sex": "man"}` reaches Rasa as "inform", so the slot value
    written inside it cannot be understood as an answer either ("man" would otherwise be
    taken as the client's sex).
    """
    text = text.strip()
    if not text.startswith("/"):
        return text
    while text.startswith("/"):
        text = text[1:].strip()
    return " ".join(_INTENT_PART.match(text).group(0).split())


def button_for_typed_text(text: str, offered: list[dict]) -> dict | None:
    """People type the button's title ("Ja") instead of clicking it."""
    wanted = " ".join(text.casefold().split())
    for button in offered:
        if " ".join(str(button.get("title", "")).casefold().split()) == wanted:
            return button
    return None
