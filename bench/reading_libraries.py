"""Were dateparser and simplemma worth keeping for bot.reading? Measured, not kept.

Neither is installed in the venv (dateparser 1.5 needs regex>=2024.9 and pytz>=2024.2;
Rasa 3.6.21 pins regex<2022.11 and pytz<2023). To re-run, install both apart and put
them first on the path:

    .venv/bin/pip install --target /tmp/reading-libs dateparser simplemma
    PYTHONPATH=/tmp/reading-libs .venv/bin/python -m bench.reading_libraries

The relative times are the ones the "senaste året" items need; each has its expected
range of months ago on 3 December 2026, by the calendar. The lemma words are those the
quantity readers must know, typed with and without å/ä/ö.
"""
from __future__ import annotations

import datetime as dt
import time

from bot.reading import drinks, frequency
from bot.reading.numbers import fold
from bot.reading.time import DAYS_PER_MONTH, read_months_ago

TODAY = dt.datetime(2026, 12, 3, 12, 0)
TIMES_AGO = {
    "i somras": (3.0, 6.2), "i julas": (11.0, 11.5), "för två år sedan": (18, 30),
    "förra månaden": (0, 1.2), "inte sedan 2023": (35, 47.1), "i våras": (6.0, 9.2),
    "för tre månader sedan": (2.5, 3.5), "i fjol": (11, 23.1), "förra året": (11, 23.1),
    "i mars": (8, 9.2), "för 2 år sedan": (18, 30), "förra veckan": (0, 0.5),
    "i påskas": (7.8, 8.1), "för ett halvår sedan": (5.5, 6.5), "för några år sedan": (18, 54),
}
LEMMAS = {
    "gånger": "gång", "gången": "gång", "veckan": "vecka", "veckor": "vecka",
    "veckorna": "vecka", "månaden": "månad", "månader": "månad", "månaderna": "månad",
    "dagarna": "dag", "dagar": "dag", "fredagar": "fredag", "fredagarna": "fredag",
    "lördagarna": "lördag", "helgerna": "helg", "helger": "helg", "kvällarna": "kväll",
    "kvällar": "kväll", "morgnarna": "morgon", "åren": "år", "flaskor": "flaska",
    "flaskan": "flaska", "burkar": "burk", "snapsar": "snaps", "öl": "öl", "ölen": "öl",
    "cidrar": "cider", "boxar": "box", "nätterna": "natt",
}
NO_DIACRITICS = str.maketrans("åäö", "aao")


def _months_ago(when: dt.datetime) -> float:
    return (TODAY - when).days / DAYS_PER_MONTH


def _score(read) -> tuple[int, float]:
    right, start = 0, time.perf_counter()
    for phrase, (low, high) in TIMES_AGO.items():
        got = read("syster sa det " + phrase)
        right += got is not None and low - 0.5 <= got <= high + 0.5
    return right, (time.perf_counter() - start) / len(TIMES_AGO) * 1000


def _ours_knows(word: str) -> bool:
    f = fold(word)
    return (any(f in forms for forms in frequency._PERIOD_FORMS.values())
            or word in frequency._YEAR_FORMS or f in frequency._TIMES
            or f in frequency._WEEKDAY_OF or f in drinks._CONTAINER_OF or f in drinks._DRINKS)


def main() -> None:
    import dateparser
    import simplemma
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": TODAY, "PREFER_DATES_FROM": "past"}
    dateparser.parse("i går", languages=["sv"], settings=settings)  # load once

    def parse(text):
        when = dateparser.parse(text.removeprefix("syster sa det "), languages=["sv"],
                                settings=settings)
        return _months_ago(when) if when else None

    def search(text):
        found = search_dates(text, languages=["sv"], settings=settings)
        return _months_ago(found[-1][1]) if found else None

    def ours(text):
        found = read_months_ago(text, TODAY.date())
        return found[0].middle if found else None

    for name, read in (("dateparser.parse, the phrase alone", parse),
                       ("dateparser.search_dates, in a sentence", search),
                       ("bot.reading.time, in a sentence", ours)):
        right, ms = _score(read)
        print(f"{name}: {right}/{len(TIMES_AGO)} right, {ms:.2f} ms per call")

    simplemma.lemmatize("gånger", lang="sv")
    for label, typed in (("with å/ä/ö", str), ("without å/ä/ö",
                                                lambda w: w.translate(NO_DIACRITICS))):
        start = time.perf_counter()
        lemmas = {w: simplemma.lemmatize(typed(w), lang="sv") for w in LEMMAS}
        us = (time.perf_counter() - start) / len(LEMMAS) * 1e6
        right = sum(fold(lemmas[w]) == fold(lemma) for w, lemma in LEMMAS.items())
        print(f"simplemma {label}: {right}/{len(LEMMAS)} right, {us:.1f} µs per word; "
              f"skulder -> {simplemma.lemmatize(typed('skulder'), lang='sv')}")
    print(f"bot.reading's own tables: {sum(_ours_knows(w) for w in LEMMAS)}/{len(LEMMAS)}")


if __name__ == "__main__":
    main()
