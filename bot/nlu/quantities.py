"""Read Swedish quantities from free text: numbers, durations and frequencies.

"ungefär två gånger i veckan" -> 2 per vecka; "sedan tre år" -> 3 år; "5-6 glas" -> 5..6
glas. Case workers type fast, so å/ä/ö may be missing ("manader") and number words are as
common as digits. Pure: no Rasa, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "dag": r"dag(?:ar|en|arna)?",
    "vecka": r"v[eä]ck(?:a|or|an|orna)",
    "månad": r"m[aå]n(?:ad|ader|aden|aderna)?",
    "år": r"[aå]r(?:en|et)?",
}
_ONES = {
    "noll": 0, "en": 1, "ett": 1, "två": 2, "tva": 2, "tre": 3, "fyra": 4, "fem": 5,
    "sex": 6, "sju": 7, "åtta": 8, "atta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
    "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
    "arton": 18, "nitton": 19,
}
_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60,
         "sjuttio": 70, "åttio": 80, "attio": 80, "nittio": 90}
_VAGUE = {"ett par": (2, None), "par": (2, None), "några": (2, 4), "nagra": (2, 4),
          "flera": (2, 6), "ett fåtal": (2, 4), "många": (5, None),
          "någon": (1, None), "nagon": (1, None), "nån": (1, None), "nan": (1, None)}


def _number_words() -> dict[str, float]:
    words: dict[str, float] = dict(_ONES)
    for tens, tv in _TENS.items():
        words[tens] = tv
        for one, ov in _ONES.items():
            if 1 <= ov <= 9 and one not in ("en", "ett"):
                words[tens + one] = tv + ov
        words[tens + "en"] = words[tens + "ett"] = tv + 1
    words.update({"hundra": 100, "ett hundra": 100, "halv": 0.5, "halvt": 0.5, "en halv": 0.5,
                  "ett halvt": 0.5})
    return words


_WORDS = _number_words()
_WORD_ALT = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_VAGUE_ALT = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_NUM = rf"(?:\d+(?:[.,]\d+)?|{_WORD_ALT})"
_UNIT_ALT = "|".join(f"(?P<u_{k.replace('å', 'a')}>{v})" for k, v in _UNITS.items())
_PERIOD = "|".join(f"(?P<p_{k.replace('å', 'a')}>{v})" for k, v in _UNITS.items())

_B = r"(?<![\wåäö])"
_E = r"(?![\wåäö])"

_FREQUENCY = re.compile(
    rf"{_B}(?:(?P<vague>{_VAGUE_ALT})|(?P<lo>{_NUM})(?:\s*(?:-|–|till|eller)\s*(?P<hi>{_NUM}))?)"
    rf"\s*(?:gånger|gång|ganger|gang|ggr|g)\.?\s*(?:i|per|om|/|varje|på|pa)\s*(?:{_PERIOD}){_E}",
    re.IGNORECASE,
)
_EVERY = re.compile(
    rf"{_B}(?P<kind>varje|var|varannan|vartannat)\s+(?:{_PERIOD}){_E}"
    rf"|{_B}(?P<adverb>dagligen|dagligdags|veckovis|varje helg|månadsvis|manadsvis){_E}",
    re.IGNORECASE,
)
_HALF_YEAR = re.compile(rf"{_B}(?:ett\s+)?halv[aå]r(?:et)?{_E}|{_B}ett\s+halvt\s+[aå]r{_E}",
                        re.IGNORECASE)
# "ett och ett halvt år", "två och en halv månad": the whole number plus a half.
_AND_HALF = re.compile(
    rf"{_B}(?P<lo>{_NUM})\s+och\s+(?:en|ett)\s+halv[t]?\s+(?:{_UNIT_ALT}){_E}", re.IGNORECASE)
_QUANTITY = re.compile(
    rf"{_B}(?:(?P<vague>{_VAGUE_ALT})|(?P<lo>{_NUM})(?:\s*(?:-|–|till)\s*(?P<hi>{_NUM}))?)"
    rf"(?:\s+(?:{_UNIT_ALT}){_E}|\s+(?P<word>[a-zåäö]+)|{_E})",
    re.IGNORECASE,
)
_ARTICLES = {"en", "ett"}
_PERIOD_NAMES = {"dag": "dag", "vecka": "vecka", "manad": "månad", "ar": "år"}
_ADVERBS = {"dagligen": (1, "dag"), "dagligdags": (1, "dag"), "veckovis": (1, "vecka"),
            "varje helg": (1, "vecka"), "månadsvis": (1, "månad"), "manadsvis": (1, "månad")}
# Words after a number that are not the thing counted ("två gånger", "fem till sex").
_NOT_UNITS = {"gånger", "gång", "ganger", "gang", "ggr", "till", "och", "eller", "i", "per"}


@dataclass(frozen=True)
class Quantity:
    kind: str  # "number" | "duration" | "frequency"
    value: float
    value_max: float | None
    unit: str | None  # duration: its unit; frequency: the period; number: what is counted
    start: int
    end: int
    text: str


def to_number(token: str) -> float | None:
    token = token.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    return _WORDS.get(re.sub(r"\s+", " ", token))


def _period(match: re.Match, prefix: str) -> str | None:
    for key, name in _PERIOD_NAMES.items():
        if match.groupdict().get(f"{prefix}_{key}"):
            return name
    return None


def _bounds(match: re.Match) -> tuple[float, float | None] | None:
    if match.group("vague"):
        return _VAGUE[re.sub(r"\s+", " ", match.group("vague").lower())]
    lo = to_number(match.group("lo"))
    hi = to_number(match.group("hi")) if match.group("hi") else None
    if lo is None:
        return None
    return lo, hi


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, frequencies first claimed, then durations and numbers."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(kind, lo, hi, unit, m_start, m_end):
        hi = None if hi is None else float(hi)
        found.append(Quantity(kind, float(lo), hi, unit, m_start, m_end, text[m_start:m_end]))
        taken.append((m_start, m_end))

    for m in _FREQUENCY.finditer(text):
        bounds = _bounds(m)
        if bounds:
            add("frequency", bounds[0], bounds[1], _period(m, "p"), m.start(), m.end())
    for m in _EVERY.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if m.group("adverb"):
            value, unit = _ADVERBS[m.group("adverb").lower()]
            add("frequency", value, None, unit, m.start(), m.end())
        else:
            every_other = m.group("kind").lower() in ("varannan", "vartannat")
            add("frequency", 0.5 if every_other else 1, None, _period(m, "p"), m.start(), m.end())
    for m in _AND_HALF.finditer(text):
        whole = to_number(m.group("lo"))
        if whole is not None and not _overlaps(taken, m.start(), m.end()):
            add("duration", whole + 0.5, None, _period(m, "u"), m.start(), m.end())
    for m in _HALF_YEAR.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            add("duration", 0.5, None, "år", m.start(), m.end())
    for m in _QUANTITY.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        bounds = _bounds(m)
        if bounds is None:
            continue
        unit = _period(m, "u")
        if unit is not None:
            add("duration", bounds[0], bounds[1], unit, m.start(), m.end())
            continue
        word = (m.group("word") or "").lower()
        if (m.group("lo") or "").lower() in _ARTICLES:
            continue  # "en bedömning" is an article, not a count; "ett år" was a duration
        if m.group("vague") and not word:
            continue  # "några" alone counts nothing
        if word and word not in _NOT_UNITS:
            add("number", bounds[0], bounds[1], word, m.start(), m.end())
        else:
            end = m.start("hi") + len(m.group("hi")) if m.group("hi") else (
                m.end("lo") if m.group("lo") else m.end("vague"))
            add("number", bounds[0], bounds[1], None, m.start(), end)
    return sorted(found, key=lambda q: q.start)
