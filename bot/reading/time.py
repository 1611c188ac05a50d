"""Time in Swedish, in months: durations ("ett och ett halvt år" is 18, "ett halvår" 6,
"sedan 2024" and "sedan i våras" counted to the meeting date) and how long ago something
happened ("i somras", "i julas", "för två år sedan", "förra månaden", "inte sedan 2023"),
for the AUDIT and DUDIT items that ask about "det senaste året".

Every reading is a range of months, because the words are: "sedan 2024" on 3 December
2026 is 23 to 35 months, "för ett år sedan" anything from half a year to a year and a
half, so whether it lies within the past year is not known and is asked. Pure: the
meeting date is passed in, never read from the clock.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.reading.numbers import HEDGES, Token, fold, hedged_before, number_at, tokens, words_at

DAYS_PER_MONTH = 365.25 / 12
OPEN_ENDED = float("inf")

_UNIT_FORMS = {
    "dag": ("dag", "dagar", "dagen", "dagarna", "dygn"),
    "vecka": ("vecka", "veckor", "veckan", "veckorna"),
    # "mån" and, typed without å, "man": after a number (the only place a unit is read)
    # "3 mån" is three months.
    "månad": ("manad", "manader", "manaden", "manaderna", "mnd", "man"),
    "år": (),  # from the typed form: "år" folds to "ar" like "är"
}
_SINCE = {"sedan", "sen", "sedn"}  # "sen" as typed and said: "för en månad sen"
_UNIT_OF = {form: name for name, forms in _UNIT_FORMS.items() for form in forms}
_YEAR_FORMS = {"år", "året", "åren", "ar", "aret", "aren"}
MONTHS_IN = {"dag": 1 / DAYS_PER_MONTH, "vecka": 7 / DAYS_PER_MONTH, "månad": 1.0, "år": 12.0}
_HALF_YEAR = {"halvar", "halvaret"}
_MONTH_NAMES = {name: i + 1 for i, name in enumerate((
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december"))}
# "i våras" and its kin (folded): the first and last month of the season. Winter runs
# from December of the year before.
_SEASONS = {"varas": (3, 5), "somras": (6, 8), "hostas": (9, 11), "vintras": (12, 2)}


@dataclass(frozen=True)
class Months:
    low: float
    high: float
    start: int
    end: int
    text: str
    hedged: bool = False
    # As said, for callers counting in the unit ("2 år"): value, value_max, unit.
    stated: tuple[float, float, str] | None = None

    @property
    def middle(self) -> float:
        return self.low if self.high == OPEN_ENDED else (self.low + self.high) / 2


def _unit(t: Token) -> str | None:
    if t.text in _YEAR_FORMS:
        return "år"
    return _UNIT_OF.get(t.fold)


def _months_between(earlier: dt.date, later: dt.date) -> float:
    return max(0.0, (later - earlier).days / DAYS_PER_MONTH)


def _amount(toks: list[Token], i: int):
    """ "tre år", "ett och ett halvt år", "ett par månader", "ett halvår": (low, high,
    unit, index after) in the unit said."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.fold in _HALF_YEAR:
        return 0.5, 0.5, "år", i + 1
    if t.fold in ("ett", "en") and i + 1 < len(toks) and toks[i + 1].fold in _HALF_YEAR:
        return 0.5, 0.5, "år", i + 2
    n = number_at(toks, i)
    if n is None or n.last >= len(toks):
        return None
    unit = _unit(toks[n.last])
    if unit is None:
        return None
    return n.low, n.high, unit, n.last + 1


def _season_dates(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The latest season of that name that has begun by `today`: its first and last day."""
    first_month, last_month = _SEASONS[name]
    year = today.year
    while True:
        start_year = year - 1 if first_month > last_month else year
        start = dt.date(start_year, first_month, 1)
        end_month_next = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
        if start <= today:
            return start, min(end_month_next - dt.timedelta(days=1), today)
        year -= 1


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the computus's own name)
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _holiday_dates(word: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """ "i julas", "i påskas", "i midsomras", "i nyår": the latest one by `today`."""
    for year in (today.year, today.year - 1):
        if word == "julas":
            span = dt.date(year, 12, 24), dt.date(year, 12, 26)
        elif word == "paskas":
            easter = _easter(year)
            span = easter - dt.timedelta(days=3), easter + dt.timedelta(days=1)
        elif word in ("midsomras", "midsommras"):
            span = dt.date(year, 6, 19), dt.date(year, 6, 26)
        elif word in ("nyaret", "nyar"):
            span = dt.date(year - 1, 12, 31), dt.date(year, 1, 1)
        else:
            return None
        if span[0] <= today:
            return span
    return None


def _point(toks: list[Token], i: int, today: dt.date):
    """A time in the past at toks[i]: (first day, last day, index after), or None.
    "i somras", "i julas", "2024", "i fjol", "förra året/månaden/veckan", "i mars"."""
    if i >= len(toks):
        return None  # "… sedan" at the end
    t = toks[i].fold
    nxt = toks[i + 1].fold if i + 1 < len(toks) else ""
    if t == "i" and nxt in _SEASONS:
        return (*_season_dates(nxt, today), i + 2)
    if t == "i" and nxt in ("julas", "paskas", "midsomras", "midsommras"):
        return (*_holiday_dates(nxt, today), i + 2)
    if t == "i" and nxt in ("fjol", "fjoll"):
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), i + 2
    if t == "i" and nxt in ("ar",) and toks[i + 1].text in ("år", "ar"):
        return dt.date(today.year, 1, 1), today, i + 2
    if t in ("forra", "forrförra") and nxt:
        if toks[i + 1].text in _YEAR_FORMS:
            return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), i + 2
        if nxt in ("manaden", "manad"):
            last = today.replace(day=1) - dt.timedelta(days=1)
            return last.replace(day=1), last, i + 2
        if nxt in ("veckan", "vecka"):
            monday = today - dt.timedelta(days=today.weekday() + 7)
            return monday, monday + dt.timedelta(days=6), i + 2
        if nxt in _SEASONS or nxt in ("sommaren", "varen", "hosten", "vintern"):
            season = {"sommaren": "somras", "varen": "varas", "hosten": "hostas",
                      "vintern": "vintras"}.get(nxt, nxt)
            start, _ = _season_dates(season, today)
            first, last = _season_dates(season, start - dt.timedelta(days=1))
            return first, last, i + 2
    if t == "i" and nxt in _MONTH_NAMES:
        month = _MONTH_NAMES[nxt]
        year = today.year if month <= today.month else today.year - 1
        end = i + 2
        later = [x.fold for x in toks[end:end + 2]]
        if later == ["forra", "aret"] or later == ["i", "fjol"]:
            # "i augusti förra året": the month of last year, not this year's
            year, end = today.year - 1, end + 2
        elif end < len(toks) and toks[end].text.isdigit() and len(toks[end].text) == 4 and \
                1950 <= int(toks[end].text) <= today.year:
            year, end = int(toks[end].text), end + 1  # "i mars 2024"
        first = dt.date(year, month, 1)
        last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        return first, min(last, today), end
    if toks[i].text.isdigit() and len(toks[i].text) == 4 and 1950 <= int(t) <= today.year:
        year = int(t)
        return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today), i + 1
    return None


def _hedged(toks: list[Token], i: int) -> bool:
    return hedged_before(toks, i, window=2)


def _is_age(toks: list[Token], i: int, end: int) -> bool:
    if toks[end - 1].text not in _YEAR_FORMS:
        return False
    after = toks[end].fold if end < len(toks) else ""
    return (i > 0 and toks[i - 1].text in ("är", "blir", "fyller", "fyllde", "var")) or \
        after in ("gammal", "gamla", "gammalt")


def _and_more(toks, end: int, unit: str) -> tuple[float, float, int] | None:
    """After a duration, "och" and a smaller one, or "och ett halvt": the months it adds,
    and the index after it."""
    if end >= len(toks) or toks[end].fold != "och":
        return None
    if [t.fold for t in toks[end + 1:end + 3]] == ["ett", "halvt"]:
        return MONTHS_IN[unit] / 2, MONTHS_IN[unit] / 2, end + 3
    second = _amount(toks, end + 1)
    if second is None or MONTHS_IN[second[2]] >= MONTHS_IN[unit]:
        return None
    return second[0] * MONTHS_IN[second[2]], second[1] * MONTHS_IN[second[2]], second[3]


def read_durations(text: str, today: dt.date | None = None, *,
                   ago_too: bool = False) -> list[Months]:
    """Every duration in the text, in months: "tre år", "ett halvår", "sedan i våras"
    (this one only with the meeting date `today`). "för två år sedan" is a time ago, and
    a duration only with `ago_too` ("blev arbetslös för två år sedan": two years)."""
    toks = tokens(text)
    found: list[Months] = []
    i = 0
    while i < len(toks):
        amount = _amount(toks, i)
        if amount is not None and _is_age(toks, i, amount[3]):
            i = amount[3]  # "hon är 34 år", "34 år gammal": an age, not a duration
            continue
        if amount is not None:
            low, high, unit, end = amount
            if not ago_too and end < len(toks) and toks[end].fold in _SINCE and i > 0 and \
                    toks[i - 1].fold == "for":
                i = end + 1  # "för två år sedan" is a time ago, not a duration
                continue
            months = (low * MONTHS_IN[unit], high * MONTHS_IN[unit])
            stated = (low, high, unit)
            more = _and_more(toks, end, unit)
            if more is not None:
                # "ett år och tre månader" (15), "två år och ett halvt" (30): one duration
                months = (months[0] + more[0], months[1] + more[1])
                stated, end = (months[0], months[1], "månad"), more[2]
            start, stop = toks[i].start, toks[end - 1].end
            found.append(Months(months[0], months[1], start, stop,
                                text[start:stop], _hedged(toks, i), stated))
            i = end
            continue
        if today is not None and toks[i].fold in _SINCE and i + 1 < len(toks):
            point = _point(toks, i + 1, today) or _point_without_i(toks, i + 1, today)
            if point is not None:
                found.append(_since_point(text, toks, toks[i].start, point, today,
                                          _hedged(toks, i)))
                i = point[2]
                continue
        i += 1
    return found


def _since_point(text: str, toks: list[Token], start: int, point, today: dt.date,
                 hedged: bool = False) -> Months:
    """The months from a point in time (its first and last day) to the meeting date."""
    first, last, end = point
    stop = toks[end - 1].end
    return Months(_months_between(last, today), _months_between(first, today), start, stop,
                  text[start:stop], hedged)


def _point_without_i(toks: list[Token], i: int, today: dt.date):
    """ "sedan januari", "sedan jul", "sedan midsommar": the month or holiday, named bare."""
    if i >= len(toks):
        return None
    t = toks[i].fold
    if t in _MONTH_NAMES:
        first, last, end = _point([Token("i", "i", 0, 0), *toks[i:i + 3]], 0, today)
        return first, last, i + end - 1
    bare = {"jul": "julas", "julen": "julas", "pask": "paskas", "pasken": "paskas",
            "midsommar": "midsomras"}
    if t in bare:
        span = _holiday_dates(bare[t], today)
        return (*span, i + 1) if span else None
    return None


def read_months_ago(text: str, today: dt.date) -> list[Months]:
    """When something happened, in months before the meeting date `today`: "i somras",
    "för två år sedan", "förra månaden"; "inte sedan 2023" (the last time was then)."""
    toks = tokens(text)
    found: list[Months] = []
    i = 0
    while i < len(toks):
        t = toks[i].fold
        start = toks[i].start
        not_since = t == "inte" and i + 1 < len(toks) and toks[i + 1].fold in _SINCE
        lead = t == "for"
        if lead or i == 0 or toks[i - 1].fold in _AGO_AFTER:
            # "för två år sedan", "för typ ett och ett halvt år sen", and as said without
            # "för": "det är tre år sen", "tre år sen nu" (a duration is "sedan tre år").
            first = i + 1 if lead else i
            at_least = False
            while first < len(toks) and (toks[first].fold in HEDGES or toks[first].fold in _MORE_THAN
                                         or (toks[first].fold == "an" and at_least)):
                # "för över ett år sedan", "för mer än två år sen": at least that long ago
                at_least = at_least or toks[first].fold in _MORE_THAN
                first += 1
            amount = _amount(toks, first) or _many(toks, first)
            if amount is not None and amount[3] < len(toks) and toks[amount[3]].fold in _SINCE:
                low, high, unit, end = amount
                # A number of years is said to the nearest year: half a year either way.
                # "ett och ett halvt år" is said to the half year: a quarter either way.
                slack = (3.0 if low % 1 else 6.0) if unit == "år" else \
                    0.5 if unit == "månad" else 0.0
                low_m, high_m = low * MONTHS_IN[unit] - slack, high * MONTHS_IN[unit] + slack
                if at_least:
                    low_m, high_m = low * MONTHS_IN[unit], OPEN_ENDED
                stop = toks[end].end
                found.append(Months(max(0.0, low_m), high_m, start, stop, text[start:stop],
                                    _hedged(toks, i)))
                i = end + 1
                continue
        if not_since:
            point = _point(toks, i + 2, today) or _point_without_i(toks, i + 2, today)
            if point is not None:
                # "inte sedan 2023": it happened in 2023 and not after, so the last time
                # lies within 2023.
                found.append(_since_point(text, toks, start, point, today))
                i = point[2]
                continue
        vague = _vague_ago(toks, i)
        if vague is not None:
            low_m, high_m, end = vague
            found.append(Months(low_m, high_m, start, toks[end - 1].end,
                                text[start:toks[end - 1].end], _hedged(toks, i)))
            i = end
            continue
        if t in _SINCE:
            i += 1  # "sedan i våras" is a duration (read_durations), not a time ago
            point = _point(toks, i, today)
            i = point[2] if point else i
            continue
        point = _point(toks, i, today)
        if point is not None:
            found.append(_since_point(text, toks, start, point, today, _hedged(toks, i)))
            i = point[2]
            continue
        i += 1
    return found


# Words after which "tre år sen" is a time ago said without "för": "det är tre år sen",
# "det var två år sen" (and at the start of an answer: "tre år sen ungefär").
_AGO_AFTER = {"ar", "var"}
_MORE_THAN = {"over", "mer", "drygt"}


def _many(toks: list[Token], i: int):
    """ "många år", "många månader": more than a few, at least three."""
    if i + 1 < len(toks) and toks[i].fold == "manga":
        unit = _unit(toks[i + 1])
        if unit is not None:
            return 3.0, 30.0, unit, i + 2
    return None


# Vague times, in months before the meeting date, for the "det senaste året" items: "för
# länge sedan" and "längesen" lie well before the past year (more than a year, said of
# something that is over), "nyligen" and "häromveckan" within it, "i helgen" and "i går"
# within days. Written out here because no date parser reads them relative to a meeting.
_VAGUE_AGO: dict[tuple[str, ...], tuple[float, float]] = {
    ("for", "lange", "sedan"): (13.0, OPEN_ENDED), ("for", "lange", "sen"): (13.0, OPEN_ENDED),
    ("lange", "sedan"): (13.0, OPEN_ENDED), ("lange", "sen"): (13.0, OPEN_ENDED),
    ("langesen",): (13.0, OPEN_ENDED), ("langesedan",): (13.0, OPEN_ENDED),
    ("for", "langesen"): (13.0, OPEN_ENDED),
    ("nyligen",): (0.0, 3.0), ("nyss",): (0.0, 1.0), ("haromdagen",): (0.0, 0.5),
    ("haromveckan",): (0.0, 1.0), ("haromsistens",): (0.0, 1.0),
    ("i", "helgen"): (0.0, 0.5), ("forra", "helgen"): (0.0, 0.5), ("i", "veckan"): (0.0, 0.3),
    ("i", "gar"): (0.0, 0.1), ("igar",): (0.0, 0.1), ("i", "forrgar"): (0.0, 0.1),
    ("senaste", "tiden"): (0.0, 3.0), ("den", "senaste", "tiden"): (0.0, 3.0),
    ("senaste", "manaderna"): (0.0, 6.0), ("de", "senaste", "manaderna"): (0.0, 6.0),
    ("senaste", "veckorna"): (0.0, 2.0), ("de", "senaste", "veckorna"): (0.0, 2.0),
    ("senaste", "halvaret"): (0.0, 6.0), ("det", "senaste", "halvaret"): (0.0, 6.0),
}


def _vague_ago(toks: list[Token], i: int):
    """A vague time at toks[i] ("för länge sedan", "nyligen", "i helgen"): (low, high,
    index after), the longest that fits."""
    n = words_at(toks, i, _VAGUE_AGO)
    return (*_VAGUE_AGO[tuple(t.fold for t in toks[i:i + n])], i + n) if n else None


def within_past_year(ago: Months) -> bool | None:
    """True if all of the range lies within the past 12 months, False if all before it,
    None if it straddles ("för ett år sedan", "i fjol" in December): ask."""
    if ago.high <= 12:
        return True
    if ago.low > 12:
        return False
    return None


# A clause that tells when what was just said happened: "det var i somras", "men det var
# för två år sen", "senast i helgen".
WHEN_CLAUSE = re.compile(r"^(?:men |fast )?(?:(?:det|de) (?:var|hande)|senast|sist)(?![a-z0-9])")


# What was so, and is no longer: "hade skulder förra året men inte nu", "växte för några år
# sen men inte längre", "hade en depression för tio år sen men mår bra nu", "hade en
# hyresskuld men den är avbetald nu". The "now" half must say plainly that it is over: a
# denial of the state itself ("men inte nu", "men hon har inga nu") or a settled state
# ("mår bra", "är avbetald"); "men inte lika mycket nu", "men mår bättre nu" or "men hon
# har inte betalat av den nu" do not say so.
_THEN = re.compile(r"(?<![a-z0-9])(hade|haft|var|vaxte|okade|forut|tidigare|forr|forra"
                   r"|fjol|sen|sedan)(?![a-z0-9])")
_SUBJECT = r"(?:(?:hon|han|hen|det|de|den|klienten) )?"
_DENIED_NOW = re.compile(
    rf"^(?:(?:men|fast) )?{_SUBJECT}(?:har |ar )?(?:inte|inga|ingen|inget)"
    r"(?: (?:det|dem|den|sa|nagra|nagot|nan|nagon))?"
    r" (?:langre|nu|idag|numera)(?: langre)?$")
_SETTLED_NOW = re.compile(
    rf"^(?:(?:men|fast) )?(?:(?:nu|idag|numera) )?{_SUBJECT}"
    r"(?:mar bra|ar (?:helt )?(?:avbetald|avbetalda|betald|betalda|borta|lost|losta|over|klar"
    r"|klara|slut))(?: (?:nu|idag|numera))?$")


def over_now(then: str, now: str) -> bool:
    """`then` (folded) tells what was so in the past, `now` (folded, the clause right
    after it) that it is over."""
    return bool(_THEN.search(then)) and bool(
        _DENIED_NOW.match(now) or _SETTLED_NOW.match(now))


# "född 1985", "född -85", "född på 90-talet" (not read: a decade), "f. 1985".
_BORN = re.compile(r"(?<![a-z0-9])(?:fodd|f\.)\s+(?:ar\s+|i\s+|pa\s+)?[-'’]?(\d{4}|\d{2})(?![0-9a-z-])")


def age_from_birth_year(text: str, today: dt.date) -> tuple[int, int] | None:
    """The two ages a birth year allows on the meeting date (the birthday is not said):
    "född 1985" on 4 December 2026 is 40 or 41, the later first. None without one."""
    found = {m.group(1) for m in _BORN.finditer(fold(text or ""))}
    if len(found) != 1:
        return None
    digits = found.pop()
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    if not 1900 <= year <= today.year:
        return None
    return today.year - year, today.year - year - 1
