"""Numbers in Swedish as case workers type them: digits ("3", "2,5"), words ("tjugofem",
"ett och ett halvt", "en halv") and vague amounts ("ett par", "några"), read on whole
tokens so that "tjugo" never matches inside "tjugofemte" and "sex" never inside "sexpack".

Pure and cheap: one regular expression splits the text into tokens, the rest is table
look-ups. Every reading keeps its character span, so callers can cite what was read.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from bot.reading.text import _FOLD  # one table of diacritics for every reader

# Digits apart from letters ("2ggr" is "2" "ggr"), a decimal comma kept ("2,5"), and the
# signs that join ranges, periods and lists ("3-4", "2/vecka", "fredagar, lördagar") as
# tokens of their own.
# Only ASCII digits are numbers ("¹" or "٣" is no count).
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[^\W\d]+|[-–—/+,&]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str  # lower case, as typed
    fold: str  # lower case without å/ä/ö: "manader" and "månader" are one word
    start: int
    end: int


def fold(word: str) -> str:
    return word.lower().translate(_FOLD)


@functools.lru_cache(maxsize=512)  # one message is read by several readers in a turn
def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.group().lower(), fold(m.group()), m.start(), m.end())
                 for m in _TOKEN.finditer(text))


def tokens(text: str) -> list[Token]:
    return list(_tokens(text or ""))


_ONES = {
    "noll": 0, "en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "atta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19,
}
_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
         "attio": 80, "nittio": 90}


def _number_words() -> dict[str, float]:
    words: dict[str, float] = dict(_ONES)
    for tens, tv in _TENS.items():
        words[tens] = tv
        for one, ov in _ONES.items():
            if 1 <= ov <= 9:
                words[tens + one] = tv + ov  # "tjugoen", "tjugoett", "tjugofem"
    words.update({"hundra": 100, "etthundra": 100, "tusen": 1000, "dussin": 12})
    return words


WORDS = _number_words()


@functools.cache
def number_pattern(most: float | None = None, digits: str = r"\d+") -> str:
    """One number in digits or in words, as a regular-expression group for the readers
    that must find a number inside a longer phrase ("en son på sju", "34, nej 43"); the
    longest words first, so "tretton" is tried before "tre". `most` leaves out larger
    number words (a child's age stops at 19)."""
    words = sorted((w for w, v in WORDS.items() if most is None or v <= most),
                   key=len, reverse=True)
    return "(?:" + "|".join([digits, *words]) + ")"
# Ordinals, folded: "första månaden", "var tredje dag".
ORDINALS = {"forsta": 1, "andra": 2, "tredje": 3, "fjarde": 4, "femte": 5, "sjatte": 6,
            "sjunde": 7, "attonde": 8, "nionde": 9, "tionde": 10, "elfte": 11, "tolfte": 12,
            "fjortonde": 14}
_HALF = {"halv", "halvt", "halva"}
# Vague amounts, as ranges. "ett par" is two, loosely three (SAOB: "två eller några få");
# "några" and "ett fåtal" two to four; "flera" two to six. A range, not a guess: whoever
# places it on a scale sees whether the whole range falls in one option. "någon" is not
# here: "någon gång i månaden" is read by the frequency grammar, "har inte någon" is no count.
_VAGUE: dict[tuple[str, ...], tuple[float, float]] = {
    ("ett", "par"): (2, 3), ("par",): (2, 3), ("nagra", "fa"): (2, 3), ("nagra",): (2, 4),
    ("nan", "par"): (2, 3), ("ett", "fatal"): (2, 4), ("flera",): (2, 6),
}
_VAGUE_FIRST = {words[0] for words in _VAGUE}
_RANGE_JOINERS = {"-", "–", "—", "till", "eller"}


# Words that make what follows an estimate: "typ tre", "kanske varannan vecka", "ca 6 glas".
HEDGES = frozenset({
    "typ", "kanske", "ungefar", "ca", "cirka", "runt", "omkring", "kring", "val", "tror",
    "uppskattningsvis", "sadar", "nog", "troligen", "troligtvis", "sakert", "drygt", "knappt",
    "ish", "ganska", "iallafall", "nagonstans",
})


def words_at(toks: list[Token], i: int, options) -> int:
    """How many tokens the longest word sequence of `options` (tuples of folded words)
    covers at toks[i]; 0 when none starts there."""
    if i >= len(toks):
        return 0
    for words in _by_first_word(options).get(toks[i].fold, ()):  # longest first
        if tuple(t.fold for t in toks[i:i + len(words)]) == words:
            return len(words)
    return 0


_SEQUENCES: dict[int, tuple[Any, dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(options) -> dict[str, list[tuple[str, ...]]]:
    """`options` indexed by their first word, longest first. The option sets are the
    modules' constants, read at every token, so each is indexed once (by identity, kept
    alive beside its index)."""
    entry = _SEQUENCES.get(id(options))
    if entry is None or entry[0] is not options:
        index: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(options, key=len, reverse=True):
            index.setdefault(words[0], []).append(words)
        entry = _SEQUENCES[id(options)] = (options, index)
    return entry[1]


# After an amount, words that open it upwards: "en flaska och lite till", "fyra öl eller
# fler". The amount is then a least, not the answer.
MORE_AFTER = frozenset({
    ("eller", "mer"), ("eller", "mera"), ("eller", "fler"), ("och", "uppat"), ("+",),
    ("och", "lite", "till"), ("plus", "lite", "till"), ("och", "nagra", "till"),
    ("och", "lite", "mer"), ("kanske", "mer"), ("om", "inte", "mer"),
    # one more of the same, whose size is not said again: at least, so asked
    ("och", "en", "till"), ("och", "ett", "till"), ("plus", "en"), ("plus", "ett"),
})
# "ibland mer" opens a frequency ("en gång i veckan, ibland mer": how often in the year is
# not said), not a typical day's drinks ("en flaska vin, ibland mer": the bottle is typical).
SOMETIMES_MORE = frozenset({("ibland", "mer"), ("ibland", "mera"), ("ibland", "fler"),
                            ("ibland", "oftare"), ("och", "ibland", "mer")})


def more_after(toks: list[Token], i: int, options=MORE_AFTER) -> int:
    """How many tokens from toks[i] open the amount before them upwards (a comma between
    counts: "en gång i veckan, ibland mer"); 0 when none do."""
    comma = int(i < len(toks) and toks[i].fold == ",")
    n = words_at(toks, i + comma, options)
    return n + comma if n else 0


def hedged_before(toks: list[Token], i: int, window: int = 3) -> bool:
    """A hedge among the `window` tokens before toks[i]."""
    return any(t.fold in HEDGES for t in toks[max(0, i - window):i])


@dataclass(frozen=True)
class Number:
    low: float
    high: float
    start: int  # character span in the text
    end: int
    first: int  # token span [first, last)
    last: int
    vague: bool = False  # "några", "ett par": a range by meaning, not by the words
    article: bool = False  # a lone "en"/"ett": more often an article than a count

    @property
    def exact(self) -> float | None:
        return self.low if self.low == self.high else None


def _digits(token: Token) -> float | None:
    if token.text[0] in "0123456789":
        return float(token.text.replace(",", "."))
    return None


def _single(toks: list[Token], i: int) -> tuple[float, int, bool] | None:
    """One number at toks[i]: its value, the index after it, and whether it is only "en/ett"."""
    if i >= len(toks):
        return None
    t = toks[i]
    j = i + 1
    # "en halv", "ett halvt": a half; "ett och ett halvt", "två och en halv": n + 0.5.
    if t.fold in ("en", "ett") and j < len(toks) and toks[j].fold in _HALF:
        return 0.5, j + 1, False
    value = _digits(t)
    if value is None:
        value = WORDS.get(t.fold)
    if value is None:
        return None
    if (j + 2 < len(toks) and toks[j].fold == "och" and toks[j + 1].fold in ("en", "ett")
            and toks[j + 2].fold in _HALF):
        return value + 0.5, j + 3, False
    return value, j, t.fold in ("en", "ett")


def number_at(toks: list[Token], i: int) -> Number | None:
    """The number starting at token i, a range ("3-4", "tre till fyra") included."""
    if i >= len(toks):
        return None
    head = toks[i]
    if not (head.text[0] in "0123456789" or head.fold in WORDS or head.fold in _VAGUE_FIRST):
        return None  # most tokens: no number, decided at once
    for words, (low, high) in _VAGUE.items():
        if words[0] == head.fold and tuple(t.fold for t in toks[i:i + len(words)]) == words:
            last = i + len(words)
            # "ett par tre gånger": a vague amount and a larger number after it, one range
            after = _single(toks, last) if last < len(toks) else None
            if after is not None and toks[last].text[0].isalpha() and \
                    low < after[0] <= high + 1 and not after[2]:
                high, last = max(high, after[0]), after[1]
            return Number(low, high, toks[i].start, toks[last - 1].end, i, last, vague=True)
    first = _single(toks, i)
    if first is None:
        return None
    low, j, article = first
    high = low
    # "3-4", "tre till fyra", "en eller två", "tre fyra" (as in "tre fyra glas"): a range
    # only when the second number is larger, so "sex till" or "2 eller" stay single.
    between = i > 0 and toks[i - 1].fold == "mellan"  # "mellan tre och fem glas"
    k = j + 1 if j < len(toks) and (toks[j].fold in _RANGE_JOINERS or
                                    between and toks[j].fold == "och") else j
    second = _single(toks, k) if k < len(toks) else None
    # "en två gånger", "ett två tre": "en/ett" right before a small number word is no
    # article but the range's start ("en 50cl starköl" is one can)
    said_small = second is not None and k == j and toks[k].text[0].isalpha() and second[0] <= 4
    if second is not None and second[0] > low and (k > j or not article or said_small):
        high, j, article = second[0], second[1], False
    return Number(low, high, toks[i].start, toks[j - 1].end, i, j, article=article)


# Digits joined by a hyphen to a word they are part of; an age as a noun ("3-åring",
# "7-åriga") is read as an age by the children's reader.
_COMPOUND = re.compile(r"-(?![aå]ri?n?g)[^\W\d_]", re.IGNORECASE)


def _identifier(text: str, toks: list[Token], i: int) -> bool:
    """Digits that are part of a name, not a count: "ÄR-2026-0007", "audit_1", "0007"."""
    t = toks[i]
    if not t.text[0].isdigit():
        return False
    if t.start > 0 and (text[t.start - 1].isalpha() or text[t.start - 1] == "_"):
        return True
    if t.text.startswith("0") and len(t.text) > 1 and t.text[1].isdigit():
        return True
    if _COMPOUND.match(text, t.end):
        return True  # "30-årskrisen", "40-årsåldern", "50-talet": part of a word

    return t.start > 1 and text[t.start - 1] == "-" and (text[t.start - 2].isalpha()
                                                        or text[t.start - 2].isdigit())


def numbers(text: str) -> list[Number]:
    """Every number in the text, left to right, none overlapping."""
    toks = tokens(text)
    found, i = [], 0
    while i < len(toks):
        n = number_at(toks, i)
        if n is not None and (_identifier(text, toks, i) or (
                toks[i].fold == "tusen" and n.last < len(toks) and toks[n.last].fold == "tack")):
            n = None  # "tusen tack" thanks, it counts nothing
        if n is None:
            i += 1
            continue
        found.append(n)
        i = n.last
    return found


def to_number(word: str) -> float | None:
    """One number typed alone ("tjugofem", "2,5", "ett och ett halvt"), or None."""
    toks = tokens(word)
    n = number_at(toks, 0) if toks else None
    if n is None or n.last != len(toks) or n.vague or n.low != n.high:
        return None
    return n.low
