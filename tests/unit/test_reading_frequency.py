"""Swedish frequency grammar as occasions per month, each rule with a counter-example."""
import pytest

from bot.reading.frequency import DAYS_PER_MONTH, NEVER_AGAIN, WEEKS_PER_MONTH, read_frequencies

W = WEEKS_PER_MONTH
D = DAYS_PER_MONTH


def only(text):
    found = read_frequencies(text)
    assert len(found) == 1, found
    return found[0]


def per_month(text):
    f = only(text)
    return round(f.low, 2), round(f.high, 2)


@pytest.mark.parametrize("text, low, high", [
    # weekdays are weekly, never "dag"
    ("varje fredag", W, W),
    ("dricker på fredagar", W, W),
    ("fredagar och lördagar", 2 * W, 2 * W),
    ("fredag och lördag", 2 * W, 2 * W),
    # the week the days are counted in is part of the frequency, not once a week more
    ("dricker fredag och lördag varje vecka", 2 * W, 2 * W),
    ("fredag och lordag typ varje vecka", 2 * W, 2 * W),
    ("fredagar och lördagar i veckan", 2 * W, 2 * W),
    ("fredagar, lördagar och söndagar", 3 * W, 3 * W),
    ("varje fredag och lördag", 2 * W, 2 * W),
    ("varje fredag och varje lördag", 2 * W, 2 * W),
    ("varje fredag och ibland lördag", W, 2 * W),
    ("fredag eller lördag", W, W),  # one of them
    ("måndag till fredag", 5 * W, 5 * W),
    ("på vardagarna", 5 * W, 5 * W),
    ("varannan fredag", W / 2, W / 2),
    # varje / varannan / var tredje + period
    ("varje dag", D, D),
    ("varje kväll", D, D),
    ("varje morgon", D, D),
    ("varannan dag", D / 2, D / 2),
    ("var tredje dag", D / 3, D / 3),
    ("var fjärde vecka", W / 4, W / 4),
    ("varje vecka", W, W),
    ("varannan vecka", W / 2, W / 2),
    ("varje månad", 1, 1),
    ("varannan månad", 0.5, 0.5),
    # weekends: one or two occasions, not said which
    ("varje helg", W, 2 * W),
    ("på helgerna", W, 2 * W),
    ("varannan helg", W / 2, W),
    ("två helger i månaden", 2, 4),
    # N times per period, per / i / om / slash
    ("två gånger i veckan", 2 * W, 2 * W),
    ("2 ggr/vecka", 2 * W, 2 * W),
    ("2ggr/v", 2 * W, 2 * W),
    ("tre gånger per månad", 3, 3),
    ("en gång om dagen", D, D),
    ("två gånger om året", 2 / 12, 2 / 12),
    ("3-4 ggr i veckan", 3 * W, 4 * W),
    ("två till tre gånger i månaden", 2, 3),
    ("en gång i veckan eller två", W, 2 * W),
    ("tjugo gånger i månaden", 20, 20),
    ("ett par gånger i månaden", 2, 3),
    ("några gånger om året", 2 / 12, 4 / 12),
    ("tre dagar i veckan", 3 * W, 3 * W),
    ("fyra kvällar i veckan", 4 * W, 4 * W),
    # adverbs and words
    ("dagligen", D, D),
    ("veckovis", W, W),
    ("nästan varje dag", 0.75 * D, D),
    ("sällan", 0.05, 0.9),
    ("mycket sällan", 0.05, 0.9),
    ("nästan aldrig", 0.05, 0.9),
    ("aldrig", 0, 0),
    ("inte alls", 0, 0),
    # holidays: each named one once or twice a year
    ("till jul och midsommar", 2 / 12, 4 / 12),
    ("bara på nyår", 1 / 12, 2 / 12),
    ("till jul, nyår och midsommar", 3 / 12, 6 / 12),
    ("på högtiderna", 3 / 12, 6 / 12),
    ("varje jul", 1 / 12, 2 / 12),
    # bounds
    ("minst tre gånger i veckan", 3 * W, NEVER_AGAIN),
    ("högst två gånger i månaden", 0.05, 2),
    ("aldrig mer än två gånger i veckan", 0.05, 2 * W),
    ("mer sällan än en gång i månaden", 0.05, 0.99),
    ("en gång i veckan eller oftare", W, NEVER_AGAIN),
    ("en gång i veckan, ibland mer", W, NEVER_AGAIN),
    ("två gånger i veckan, ibland oftare", 2 * W, NEVER_AGAIN),
    # so many in a stated period: the last year, a quarter, a half year, a season
    ("två gånger senaste året", 2 / 12, 2 / 12),
    ("ett par ggr under det senaste året", 2 / 12, 3 / 12),
    ("nån gång i kvartalet", 1 / 3, 1 / 3),
    ("en gång per halvår", 1 / 6, 1 / 6),
    ("en gång i somras", 1 / 12, 1 / 12),
    ("bara efter nyår och midsommar", 2 / 12, 4 / 12),
])
def test_frequency_per_month(text, low, high):
    assert per_month(text) == (round(low, 2), round(high, 2) if high != NEVER_AGAIN else high)


@pytest.mark.parametrize("text", [
    "typ varannan vecka", "kanske två gånger i månaden", "ungefär en gång i veckan",
    "ca 3 ggr i veckan", "två gånger i veckan typ", "kanske någon gång i månaden",
    "två gånger i veckan eller så",
])
def test_hedges_are_flagged(text):
    assert only(text).hedged


@pytest.mark.parametrize("text", ["två gånger i veckan", "varje fredag", "aldrig"])
def test_no_hedge_no_flag(text):
    assert not only(text).hedged


@pytest.mark.parametrize("text", ["inte längre", "dricker inte längre", "han har slutat dricka",
                                  "aldrig nåt mer sen i våras", "aldrig mer"])
def test_stopped_is_none_now_and_marked(text):
    f = only(text)
    assert f.stopped and f.high == 0


@pytest.mark.parametrize("text", [
    "fredag",  # a lone weekday is a date, not a habit
    "på fredag",
    "i fredags",  # a past day
    "det var fredag och han drack",  # bare "var" is "was", not "every"
    "varje man",  # "man" is a man, "mån" a month
    "varje gång han dricker",  # no period
    "två gånger",  # how many, not how often
    "ett par gånger",
    "någon gång ibland",
    "tre dagar",  # a duration
    "han är 34 år",
    "i julas",  # a time, not a frequency (bot.reading.time)
    "i somras",
    "två gånger i sommar",  # "i sommar" is this coming summer, no past season
    "han jobbade ett kvartal",  # a period, no times
    "i helgen",  # this weekend, not every weekend
    "ibland",
    "ofta",
    "ganska ofta",
    "fredagsmys",
    "dagis",  # contains "dag"
    "daglig",
])
def test_not_a_frequency(text):
    assert read_frequencies(text) == []


@pytest.mark.parametrize("text, kept", [
    # "aldrig" that restricts or negates something else is not "never"
    ("varje lördag, aldrig annars", ["varje lördag"]),
    ("varje fredag och lördag, aldrig på vardagar", ["varje fredag och lördag"]),
    ("varje fredag tar det aldrig slut", ["varje fredag"]),
    ("han kan aldrig sluta, det är varje dag", ["varje dag"]),
    ("en gång i veckan, bara en joint, aldrig nåt annat", ["en gång i veckan"]),
    ("dricker inte varje dag", []),
    ("inte sällan", []),
    ("har aldrig druckit varje dag", []),  # "aldrig" negates "varje dag": not "never"
    ("har inte slutat", []),
    ("dricker inte varje dag men varje helg", ["varje helg"]),
    ("inte varje dag, mer två gånger i veckan", ["två gånger i veckan"]),
    ("aldrig, men varje helg", ["aldrig", "varje helg"]),  # two clauses, two readings
])
def test_negation_in_the_clause_removes_the_reading(text, kept):
    assert [f.text for f in read_frequencies(text)] == kept


def test_offsets_and_stated_period():
    text = "Han dricker 3-4 ggr i veckan sedan i våras"
    f = only(text)
    assert text[f.start:f.end] == f.text == "3-4 ggr i veckan"
    assert f.stated == (3, 4, "vecka")


def test_no_diacritics():
    assert per_month("tva ganger i manaden") == (2, 2)
    assert per_month("varje lordag") == (round(W, 2), round(W, 2))


@pytest.mark.parametrize("text, per_week", [
    ("varje dag utom söndagar", 6),
    ("varje dag utom lördag och söndag", 5),
    ("sju dagar av sju", 7),
    ("fem dagar av sju", 5),
])
def test_days_of_the_week_said_by_what_is_left_out_or_out_of_seven(text, per_week):
    (found,) = read_frequencies(text)
    assert found.stated == (per_week, per_week, "vecka")


def test_weekdays_and_the_weekend_add_up():
    (found,) = read_frequencies("tisdagar och torsdagar plus helgen")
    assert found.stated == (3, 4, "vecka")  # a weekend is one or two occasions


@pytest.mark.parametrize("text, low, sometimes", [
    # "ibland" after a weekday or the weekends: not every one of them
    ("återställare på söndagar ibland", 1.0, True),
    ("på helgerna ibland", 1.0, True),
    # every weekend at least, and another day besides
    ("varje helg ibland mer", WEEKS_PER_MONTH, False),
    ("på fredagar ibland lördagar", WEEKS_PER_MONTH, False),
])
def test_sometimes_said_after_the_days(text, low, sometimes):
    first = read_frequencies(text)[0]
    assert round(first.low, 2) == round(low, 2) and first.sometimes is sometimes
