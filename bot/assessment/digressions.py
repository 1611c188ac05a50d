"""What a message in the middle of the questions is, when it is not the answer: a question
about the question, a skip, a progress check, a correction or small talk. Pure.

Fixed phrases are recognised first, so that the common ones never depend on the
classifier; a confident intent from the NLU model covers the other wordings.
"""
from __future__ import annotations

import re
from functools import cache

from bot.assessment.corrections import is_correction
from bot.domain_names import Intent
from bot.reading.numbers import numbers
from bot.reading.text import fold
from bot.settings import PROJECT_ROOT
from bot.yaml_files import read_yaml

WHY, SKIP, PROGRESS, CORRECT, SMALL_TALK, NOTED = (
    "why", "skip", "progress", "correct", "small_talk", "noted")

_WHY = re.compile(
    r"(?<![a-z0-9])(varfor (fragar|behover|vill|undrar|ska)|varfor det|varfor da|vad ska du ha"
    r"|vad skall du ha|vad betyder|vad menas|vad menar du|forklara|vad ar syftet|syftet med"
    r"|vad anvands (det|svaret) till)(?![a-z0-9])"
)
_PROGRESS = re.compile(
    r"(?<![a-z0-9])(hur langt|hur manga fragor|hur mycket (ar )?kvar|hur manga (ar )?kvar"
    r"|var (ar|befinner) vi|ar vi (klara|nastan klara|snart klara)|hur lang tid)(?![a-z0-9])"
)
# "Vad har du noterat?": what is recorded so far.
_NOTED = re.compile(
    r"(?<![a-z0-9])(vad har (du|vi) (noterat|antecknat|sparat|skrivit|fatt med|registrerat|fatt in)"
    r"|vad (ar|har) (noterat|sparat|antecknat)|visa (svaren|vad du (har )?noterat|det sparade"
    r"|vad som ar sparat|vad du har sparat)|vilka svar har (du|vi)|vad har jag svarat"
    r"|sammanfatta (svaren|det hittills)|lista (svaren|vad du noterat))(?![a-z0-9])"
)
# The reason is stored with the skipped answer (domain.md §7.4: skipped, with a reason).
_SKIP_REASONS = [
    (re.compile(r"(?<![a-z0-9])(vill inte svara|ville inte svara|vill inte saga|avstar"
                r"|vill inte prata om|ville inte prata om|vill inte beratta|vill inte ga in pa"
                r"|avboj\w*|vagrar|vill inte ta upp|inte svara pa)(?![a-z0-9])"),
     "klienten vill inte svara"),
    (re.compile(r"(?<![a-z0-9])(vet inte|vet ej|ingen aning|oklart|vet vi inte|kan inte svara"
                r"|kanner inte till|okant)(?![a-z0-9])"), "vet inte"),
    (re.compile(r"(?<![a-z0-9])(har (?:jag )?inte (?:hunnit )?fraga\w*|inte fragat (?:an|annu)|"
                r"det har jag inte fragat|har inte kommit dit)(?![a-z0-9])"), "inte frågat än"),
    (re.compile(r"(?<![a-z0-9])(hoppa over|hoppa|skippa|skip|nasta fraga|ta den senare"
                r"|ta det senare|vi tar den senare|passa|pass)(?![a-z0-9])"), "överhoppad av handläggaren"),
]
# A correction needs its cue words ("ändra", "det var fel"): read from the classifier alone,
# a statement full of facts looks like a correction and would be lost as one.
_INTENTS = {Intent.ASK_WHY: WHY, Intent.ASK_PROGRESS: PROGRESS, Intent.SKIP_QUESTION: SKIP,
            Intent.CHITCHAT: SMALL_TALK, Intent.GREET: SMALL_TALK, Intent.THANK: SMALL_TALK}
CONFIDENT = 0.8


@cache
def _skip_vocabulary() -> frozenset[str]:
    """Every word of the classifier's own skip examples (data/nlu).

    A skip is stored as an answer, so the classifier alone may only decide one when the
    message shares a word with those examples: on a word it has never seen it can be very
    sure and wrong ("txet", a right-to-left "text" with its bidi marks removed, came out
    as skip_question at 0.98 and skipped an AUDIT question).
    """
    words: set[str] = set()
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for item in (read_yaml(path) or {}).get("nlu") or []:
            if item.get("intent") == Intent.SKIP_QUESTION:
                words.update(fold(item.get("examples", "")).split())
    return frozenset(words)


def skip_reason(text: str) -> str | None:
    said = fold(text or "")
    for pattern, reason in _SKIP_REASONS:
        if pattern.search(said):
            return reason
    return None


# A skip is said briefly ("vet inte", "klienten vill inte svara på det") or up front ("vet
# inte, hon sa inget om det"). Further into a longer message the same words belong to
# what it says ("hon vill nog förändra något men vet inte hur"): not a skip.
SKIP_SAID_BRIEFLY = 4
SKIP_SAID_UP_FRONT = 2  # words before the skip phrase
_UP_FRONT_WORDS = {"nej", "ja", "na", "hmm", "tja", "njae", "alltsa", "oj", "eh", "asch", "jag",
                   "vi", "klienten", "hon", "han", "hen", "det", "da", "nja", "ah"}


_GUESS_AFTER = re.compile(r"(?<![a-z0-9])(?:tror jag|kanske|antagligen|troligen|typ|eller om|"
                          r"eller sa|verkar)(?![a-z0-9])")
_NOT_QUITE = re.compile(r"\s*(?:riktigt|sakert|exakt|helt)(?![a-z0-9])")


# Words that say nothing beside a skip phrase ("det har jag inte frågat henne än").
_BESIDE_A_SKIP = _UP_FRONT_WORDS | {"an", "annu", "henne", "honom", "om", "sa", "heller", "nagot",
                                    "nat", "riktigt", "tyvarr", "just", "nu", "sjalv", "pa"}


def nothing_but_a_skip(text: str) -> bool:
    """The message is a skip phrase and words that say nothing beside it: in a field for
    the client's own words, anything more is her answer ("hon vet inte riktigt vad hon
    vill, men …"), whatever its length."""
    said = fold(text or "")
    for pattern, _ in _SKIP_REASONS:
        said = pattern.sub(" ", said)
    return set(said.split()) <= _BESIDE_A_SKIP


def _said_as_skip(said: str) -> bool:
    found = [m for pattern, _ in _SKIP_REASONS for m in pattern.finditer(said)]
    if not found:
        return False
    starts = [m.start() for m in found]
    after = said[max(m.end() for m in found):]
    if numbers(after):
        return False  # "hon vet inte, kanske fyra": a guess follows, read (and asked)
    quite = _NOT_QUITE.match(after)
    if _GUESS_AFTER.search(after) or (quite and
                                      len(after[quite.end():].split()) > SKIP_SAID_BRIEFLY):
        # "vet inte riktigt, nåt från fk tror jag, eller om det var af", "vet inte
        # riktigt, hon har nycklar till pojkvännens lägenhet men är skriven hos mamma":
        # not sure, and saying what it may be; read, and asked, not stored as a skip
        return False
    # Up front, only before a short reason ("vet inte, hon sa inget"): "oklart, hon ska ringa
    # en vän" goes on to say something, so it is read, not skipped.
    if len(said.split()) <= SKIP_SAID_BRIEFLY:
        return True
    first = min(starts)
    # "oklart" up front may begin an answer ("oklart, hon ska ringa en vän"); "vet inte"
    # and "vill inte svara" up front are the answer, with a short reason after.
    # "hon vet inte om kontraktet förlängs" says what is uncertain: it is read, not skipped.
    # Up front means after the case worker's or the client's own words ("nej, vet inte"),
    # not someone else's ("nej, familjen vet inte ens om det här").
    before = said[:first].split()
    if any(w not in _UP_FRONT_WORDS for w in before):
        return False
    return (len(before) <= SKIP_SAID_UP_FRONT
            and not said[first:].startswith("oklart")
            and not re.match(r"vet (inte|ej) (om|hur|vad|nar|var|vilken|vilket) \w+ \w+",
                             said[first:]))


def classify(text: str, intent: str | None = None, confidence: float = 0.0) -> str | None:
    """The kind of digression, or None when the message should be read as an answer."""
    said = fold(text or "")
    if is_correction(text):
        return CORRECT
    if _WHY.search(said):
        return WHY
    if _NOTED.search(said):
        return NOTED
    if _PROGRESS.search(said):
        return PROGRESS
    if _said_as_skip(said):
        return SKIP
    if intent in _INTENTS and confidence >= CONFIDENT:
        if _INTENTS[intent] == SKIP and not set(said.split()) & _skip_vocabulary():
            return None
        return _INTENTS[intent]
    return None
