"""Frequencies and glasses placed on AUDIT's and DUDIT's own scales: SURE, LIKELY (the two
nearest options, for "Menar du …?") or NONE; and the issue's examples end to end."""
import datetime as dt

import pytest

from bot.assessment.answer_types import read_answer
from bot.assessment.question_bank import load_bank, questions_by_id
from bot.assessment.turn import handle_turn
from bot.assessment.understanding import likely_options
from bot.reading.scale import Certainty, place_answer, place_past_year, place_range

BANK = load_bank()
Q = questions_by_id()
SURE, LIKELY, NONE = Certainty.SURE, Certainty.LIKELY, Certainty.NONE


def placed(question, text):
    p = place_answer(Q[question], text)
    return p.certainty, [o.label for o in p.options]


# --- the bank's bounds --------------------------------------------------------------

def _scales():
    for module in BANK:
        for q in module.questions:
            for field in ("per_month", "count"):
                bounds = [getattr(o, field) for o in q.options if getattr(o, field)]
                if bounds:
                    yield q.id, field, bounds


@pytest.mark.parametrize("question, field, bounds", list(_scales()))
def test_every_scale_is_ordered_without_overlaps(question, field, bounds):
    # Each option is the range its label says, both bounds included; no value lies in two
    # options. Between two there may be values neither label says (asked, never stored).
    assert all(lo <= hi for lo, hi in bounds)
    assert all(bounds[i][1] < bounds[i + 1][0] for i in range(len(bounds) - 1)), bounds
    assert bounds[0][0] == 0 and bounds[-1][1] >= 1000


W = 30.4375 / 7  # a week, in months


@pytest.mark.parametrize("question, per_month, label", [
    ("audit_1", 0, "Aldrig"), ("audit_1", 1, "En gång i månaden eller mer sällan"),
    ("audit_1", 2, "2–4 gånger i månaden"), ("audit_1", 4, "2–4 gånger i månaden"),
    ("audit_1", W, "2–4 gånger i månaden"),  # once a week, as AUDIT counts it
    ("audit_1", 2 * W, "2–3 gånger i veckan"), ("audit_1", 3 * W, "2–3 gånger i veckan"),
    ("audit_1", 4 * W, "4 gånger i veckan eller oftare"),
    ("audit_4", 0, "Aldrig"), ("audit_4", 0.5, "Mer sällan än en gång i månaden"),
    ("audit_4", 1, "Varje månad"), ("audit_4", 3, "Varje månad"), ("audit_4", W, "Varje vecka"),
    ("audit_4", 4 * W, "Varje vecka"), ("audit_4", 5 * W, "Dagligen eller nästan varje dag"),
    ("dudit_4", 1, "Varje månad"), ("dudit_1", 1, "En gång i månaden eller mer sällan"),
])
def test_label_values_land_where_the_labels_say(question, per_month, label):
    p = place_range(per_month, per_month, Q[question].options, lambda o: o.per_month)
    assert p.certainty is SURE and p.option.label == label


@pytest.mark.parametrize("question, per_month, labels", [
    ("audit_1", 1.5, ["En gång i månaden eller mer sällan", "2–4 gånger i månaden"]),
    ("audit_1", 3.5 * W, ["2–3 gånger i veckan", "4 gånger i veckan eller oftare"]),
    ("audit_1", 5, ["2–4 gånger i månaden", "2–3 gånger i veckan"]),
    ("audit_4", 4, ["Varje vecka", "Varje månad"]),  # four a month: monthly or weekly?
    ("audit_4", 4.5 * W, ["Varje vecka", "Dagligen eller nästan varje dag"]),
])
def test_between_two_labels_is_likely(question, per_month, labels):
    p = place_range(per_month, per_month, Q[question].options, lambda o: o.per_month)
    assert p.certainty is LIKELY and [o.label for o in p.options] == labels


# --- placement ------------------------------------------------------------------------

@pytest.mark.parametrize("question, text, certainty, labels", [
    # AUDIT item 1 and DUDIT item 1: one scale
    ("audit_1", "varje fredag", SURE, ["2–4 gånger i månaden"]),
    ("audit_1", "fredagar och lördagar", SURE, ["2–3 gånger i veckan"]),
    ("audit_1", "ungefär två gånger i veckan", SURE, ["2–3 gånger i veckan"]),
    ("audit_1", "typ en gång i veckan", SURE, ["2–4 gånger i månaden"]),
    ("audit_1", "till jul och midsommar", SURE, ["En gång i månaden eller mer sällan"]),
    ("audit_1", "en gång i månaden", SURE, ["En gång i månaden eller mer sällan"]),
    ("audit_1", "måndag till fredag", SURE, ["4 gånger i veckan eller oftare"]),
    ("audit_1", "3-4 ggr i veckan", LIKELY, ["2–3 gånger i veckan",
                                             "4 gånger i veckan eller oftare"]),
    ("audit_1", "varannan dag", LIKELY, ["2–3 gånger i veckan",
                                         "4 gånger i veckan eller oftare"]),  # 3.5 a week
    ("audit_1", "fem sex gånger i månaden", LIKELY, ["2–4 gånger i månaden",
                                                     "2–3 gånger i veckan"]),
    ("audit_1", "varje fredag och ibland lördag", LIKELY, ["2–3 gånger i veckan",
                                                           "2–4 gånger i månaden"]),
    ("audit_1", "kanske en gång i månaden", SURE, ["En gång i månaden eller mer sällan"]),
    ("audit_1", "typ tre gånger i månaden", SURE, ["2–4 gånger i månaden"]),
    ("audit_1", "typ fyra gånger i månaden", SURE, ["2–4 gånger i månaden"]),  # 3.6-4.4
    ("audit_1", "typ sju gånger i månaden", LIKELY, ["2–3 gånger i veckan",
                                                     "2–4 gånger i månaden"]),
    ("audit_1", "1-2 gånger i månaden", LIKELY, ["En gång i månaden eller mer sällan",
                                                 "2–4 gånger i månaden"]),
    ("dudit_1", "röker på varje helg", LIKELY, ["2–3 gånger i veckan",
                                                "2–4 gånger i månaden"]),
    ("dudit_1", "röker varje kväll", SURE, ["4 gånger i veckan eller oftare"]),
    ("dudit_1", "inte längre", NONE, []),  # the past year is not known
    ("dudit_1", "några gånger om året", SURE, ["En gång i månaden eller mer sällan"]),
    ("audit_1", "flera gånger i veckan", LIKELY, ["4 gånger i veckan eller oftare",
                                                  "2–3 gånger i veckan"]),  # (also a synonym)
    # AUDIT 3-8 and DUDIT 4-9: the other scale
    ("audit_4", "varje fredag", SURE, ["Varje vecka"]),
    ("audit_4", "på helgerna", SURE, ["Varje vecka"]),
    ("audit_4", "en gång i månaden", SURE, ["Varje månad"]),
    ("audit_4", "varannan vecka", SURE, ["Varje månad"]),
    ("audit_8", "till jul och midsommar", SURE, ["Mer sällan än en gång i månaden"]),
    ("dudit_4", "3-4 ggr i veckan", SURE, ["Varje vecka"]),
    ("dudit_4", "nästan varje vecka", LIKELY, ["Varje vecka", "Varje månad"]),
    ("dudit_5", "2-4 gånger i månaden", LIKELY, ["Varje månad", "Varje vecka"]),
    ("audit_5", "varje dag", SURE, ["Dagligen eller nästan varje dag"]),
    ("audit_5", "flera gånger i veckan", LIKELY, ["Varje vecka",
                                                  "Dagligen eller nästan varje dag"]),
    ("audit_1", "några gånger i veckan", LIKELY, ["2–3 gånger i veckan",
                                                  "4 gånger i veckan eller oftare"]),
    ("audit_1", "minst en gång i veckan", NONE, []),  # 4.35 and up: four options
    # several readings must agree
    ("audit_1", "drack varje dag förut, nu på helgerna", NONE, []),
    # AUDIT item 3: occasions of six glasses or more
    ("audit_3", "varje helg", SURE, ["Varje vecka"]),
    ("audit_3", "åtta öl varje fredag", SURE, ["Varje vecka"]),
    ("audit_3", "fyra öl varje fredag", NONE, []),  # four is not six
    ("audit_3", "en flaska vin varje fredag", SURE, ["Varje vecka"]),
    ("audit_3", "två flaskor vin i månaden", NONE, []),  # a month's total, not one occasion
    # AUDIT item 2: glasses on a typical day
    ("audit_2", "en halv flaska vin", SURE, ["3–4 glas"]),
    ("audit_2", "två flaskor vin", SURE, ["10 glas eller fler"]),
    ("audit_2", "en flaska vin", SURE, ["5–6 glas"]),
    ("audit_2", "två stor stark", SURE, ["3–4 glas"]),
    ("audit_2", "en öl om dagen", SURE, ["1–2 glas"]),
    ("audit_2", "sex", SURE, ["5–6 glas"]),
    ("audit_2", "fyra öl och några shots", LIKELY, ["7–9 glas", "5–6 glas"]),
    ("audit_2", "ett par öl", LIKELY, ["1–2 glas", "3–4 glas"]),
    ("audit_2", "tre stora stark", LIKELY, ["3–4 glas", "5–6 glas"]),  # 4.5
    ("audit_2", "fyra stora stark", SURE, ["5–6 glas"]),
    ("audit_2", "sex stora stark", SURE, ["7–9 glas"]),
    ("audit_2", "två folköl", SURE, ["1–2 glas"]),
    ("audit_2", "vad är ett standardglas i vin?", NONE, []),  # a question, not an answer
    ("audit_2", "typ sex glas", SURE, ["5–6 glas"]),  # 5.4-6.6: no other option
    ("audit_2", "typ tio glas", LIKELY, ["10 glas eller fler", "7–9 glas"]),
    ("audit_2", "en sexpack", LIKELY, ["7–9 glas", "5–6 glas"]),  # 33 or 50 cl: 6 to 9
    ("audit_2", "ett flak", SURE, ["10 glas eller fler"]),  # 24 to 36
    ("audit_2", "två flaskor vin i veckan", NONE, []),  # a week, not a day
    ("audit_2", "han är 34 år", NONE, []),
    # DUDIT item 3: times a day
    ("dudit_3", "tre gånger", SURE, ["3–4 gånger"]),
    ("dudit_3", "två gånger om dagen", SURE, ["1–2 gånger"]),
    ("dudit_3", "tre gånger i veckan", NONE, []),  # how often, not how many a day
    ("dudit_3", "några gånger", LIKELY, ["3–4 gånger", "1–2 gånger"]),
    # someone else's drinking is not the client's
    ("audit_2", "hennes man dricker en flaska vin om dagen", NONE, []),
    ("dudit_1", "sambon röker varje dag", NONE, []),
    ("dudit_1", "sonen röker på varje helg", NONE, []),
    ("audit_1", "hennes morbror dricker varje dag", NONE, []),
    ("audit_1", "han dricker med sin bror varje fredag", SURE, ["2–4 gånger i månaden"]),
    ("audit_2", "hon dricker en flaska vin, hennes man två", SURE, ["5–6 glas"]),
    # no scale: nothing placed
    ("debts", "varje dag", NONE, []),
    ("audit_9", "för två år sedan", NONE, []),
])
def test_placement(question, text, certainty, labels):
    assert placed(question, text) == (certainty, labels)


def test_the_likely_options_are_offered_for_menar_du():
    first, second = likely_options(Q["dudit_1"], "röker på varje helg")
    assert (first.label, second.label) == ("2–3 gånger i veckan", "2–4 gånger i månaden")
    assert likely_options(Q["dudit_1"], "röker varje kväll") is None  # SURE
    assert likely_options(Q["dudit_1"], "blåbär") is None  # NONE


# --- the issue's examples, through the answer reader -----------------------------------

AT_AUDIT = {"client_sex": "man", "client_age": 40, "seen_alone": True, "modules_chosen": ["alkohol"]}


def stored(question, text):
    """What would be recorded: a sure reading only (a likely one is asked back)."""
    reading = read_answer(Q[question], text, BANK)
    return reading.value if reading and reading.sure else None


@pytest.mark.parametrize("question, text, value", [
    ("audit_1", "varje fredag", 2),  # was "dagligen": "fredag" contains "dag"
    ("audit_4", "varje fredag", 3),
    ("audit_2", "en halv flaska vin", 1),  # was 1–2 glas
    ("audit_2", "två flaskor vin", 4),  # was 1–2 glas
    ("months_on_assistance", "ungefär ett halvår", 6),  # was 0.5
    ("months_on_assistance", "ett år", 12),  # was 1
    ("unemployment_months", "ett och ett halvt år", 18),
])
def test_issue_examples_are_stored_right(question, text, value):
    assert stored(question, text) == value


@pytest.mark.parametrize("question, text, value", [
    ("months_on_assistance", "det här är första månaden", 1),
    ("months_on_assistance", "tredje månaden i rad", 3),
    ("months_on_assistance", "inte första månaden", None),  # how many, then, is not said
    ("months_on_assistance", "första månaden fick hon avslag, sen har det gått fem", 5),
    ("children_count", "tre stycken men bara två bor hemma", 2),
])
def test_an_ordinal_month_and_a_household_part(question, text, value):
    assert stored(question, text) == value


@pytest.mark.parametrize("question, text, value", [
    # "aldrig" restricting a habit is not "Aldrig"
    ("audit_1", "varje lördag, aldrig annars", 2),
    ("audit_1", "hon dricker vin varje fredag och lördag, aldrig på vardagar", 3),
    ("audit_4", "varje fredag tar det aldrig slut", 3),
    ("dudit_6", "han kan aldrig sluta, det är varje dag", 4),
    ("dudit_1", "en gång i veckan, bara en joint, aldrig nåt annat", 2),
    ("audit_1", "aldrig", 0),  # counter-examples: "never" itself
    ("audit_1", "nej, han dricker aldrig", 0),
    ("audit_2", "fyra stora stark", 2),
    ("audit_2", "sex stora stark", 3),
])
def test_habits_and_drinks_through_the_answer_reader(question, text, value):
    assert stored(question, text) == value


@pytest.mark.parametrize("question, text", [
    ("audit_1", "aldrig nåt mer sen i våras"),  # stopped: the past year is not said
    ("dudit_1", "dricker aldrig men röker på varje helg"),  # whose "aldrig"?
    ("dudit_1", "röker aldrig hasch, dricker varje dag"),
    ("audit_5", "han har missat jobbet efter helgerna ett par gånger i månaden"),  # weekly word,
    # monthly frequency
    ("audit_1", "varannan dag"),
    ("audit_1", "fem sex gånger i månaden"),
    ("audit_2", "tre stora stark"),
    ("audit_2", "vad är ett standardglas i vin?"),
    ("dudit_1", "röker på varje helg"),  # was 2–4 gånger i månaden: asked instead
    ("audit_2", "fyra öl och några shots"),
    ("audit_1", "3-4 ggr i veckan"),
])
def test_issue_examples_between_options_are_not_stored(question, text):
    assert stored(question, text) is None


@pytest.mark.parametrize("text, value", [
    # The option's number counts bottles or cans here, not standard glasses.
    ("1-2 flaskor vin", None),  # 6-12 glasses: across three options
    ("3-4 stora stark", None),  # 4.5-6: between "3–4 glas" and "5–6 glas"
    ("kanske 3-4 burkar folköl", None),  # 1.5-4
    ("5-6 stora stark", 3),  # 7.5-9: "7–9 glas", not the "5-6" said
    # Counter-examples: drinks of one glass each count glasses, as the option says.
    ("3-4 öl", 1), ("ungefär 3-4 glas", 1), ("1-2 glas vin", 0),
])
def test_an_options_number_beside_bottles_or_cans_is_not_the_glasses(text, value):
    assert stored("audit_2", text) == value


def test_a_frequency_turn_records_the_sure_option():
    turn = handle_turn(BANK, AT_AUDIT, "han dricker varje fredag")
    assert {r.question_id: r.value for r in turn.records} == {"audit_1": 2}


# --- the "senaste året" items, relative to the meeting date ------------------------------

MEETING = dt.date(2026, 12, 3)
WITHIN, BEFORE = "Ja, under det senaste året", "Ja, men inte under det senaste året"


@pytest.mark.parametrize("question, text, certainty, labels", [
    ("audit_10", "syster sa det i somras", SURE, [WITHIN]),
    ("audit_10", "läkaren sa det förra månaden", SURE, [WITHIN]),
    ("audit_10", "hon oroade sig i julas och för två år sedan", SURE, [WITHIN]),
    ("audit_9", "för två år sedan", SURE, [BEFORE]),
    ("dudit_10", "inte sedan 2023", SURE, [BEFORE]),
    ("dudit_11", "mamma sa det i påskas", SURE, [WITHIN]),
    ("audit_10", "för ett år sedan", LIKELY, [WITHIN, BEFORE]),
    ("audit_10", "i fjol", LIKELY, [BEFORE, WITHIN]),  # in December: 11 to 23 months ago
    ("audit_10", "nej, hon sa inget i somras", NONE, []),  # denied
    ("audit_10", "syster sa det i somras men nej hon tar inga droger", NONE, []),
    ("audit_10", "nej", NONE, []),  # the option's own word, read by the answer reader
    ("audit_10", "hon har oroat sig", NONE, []),  # no time said
    ("audit_4", "i somras", NONE, []),  # not a past-year scale
    # A denial of the past year says it happened before; of what came after, nothing.
    ("audit_9", "det var för flera år sedan, inget senaste året", SURE, [BEFORE]),
    ("audit_10", "förra sambon sa det för två år sen, ingen sen dess", SURE, [BEFORE]),
    ("audit_10", "i somras, men inget sen dess", SURE, [WITHIN]),
    ("audit_10", "i somras men inte senaste året", NONE, []),  # both: unclear
])
def test_past_year(question, text, certainty, labels):
    p = place_past_year(Q[question].options, text, MEETING)
    assert (p.certainty, [o.label for o in p.options]) == (certainty, labels)


def test_past_year_moves_with_the_meeting_date():
    in_spring = place_past_year(Q["audit_10"].options, "för ett halvår sedan", dt.date(2026, 4, 1))
    assert in_spring.option.label == WITHIN
    summer = place_past_year(Q["audit_10"].options, "i somras", dt.date(2027, 8, 1))
    assert summer.option.label == WITHIN  # this summer, begun
    last = place_past_year(Q["audit_10"].options, "i julas", dt.date(2027, 12, 30))
    assert last.option.label == WITHIN  # Christmas 2027, days ago


@pytest.mark.parametrize("question, text, alternatives", [
    ("dudit_1", "röker på varje helg", ("2–3 gånger i veckan", "2–4 gånger i månaden")),
    ("audit_1", "varannan dag", ("2–3 gånger i veckan", "4 gånger i veckan eller oftare")),
    ("audit_2", "fyra öl och några shots", ("7–9 glas", "5–6 glas")),
])
def test_between_two_options_is_asked_back_with_both(question, text, alternatives):
    reading = read_answer(Q[question], text, BANK)
    assert not reading.sure and reading.alternatives == alternatives


@pytest.mark.parametrize("question, text, value", [
    ("audit_9", "han bröt armen på fyllan för två år sedan", 2),
    ("audit_9", "hon föll i trappan i julas när hon hade druckit", 4),
    ("dudit_10", "hon skadade sig när hon var påtänd för två år sen", 2),
    ("audit_10", "ja men det var längesen", 2),
    # The time alone, or with a time of life: it answers the item asked.
    ("audit_9", "för typ ett och ett halvt år sen", 2),
    ("dudit_10", "för länge sen, när han var ung", 2),
    ("dudit_10", "typ i somras", 4),
    # On the item about others' worry, someone's saying is the item's own event.
    ("audit_10", "frun sa det i våras", 4),
    ("dudit_11", "mamman har sagt till, senast i höstas", 4),
])
def test_an_event_told_with_its_time_answers_the_item(question, text, value):
    reading = read_answer(Q[question], text, BANK)
    assert reading is not None and reading.sure and reading.value == value


@pytest.mark.parametrize("question, text", [
    ("dudit_10", "hennes bror blev misshandlad i somras"),  # another event
    ("audit_9", "hennes bror skadade sig i somras"),  # an injury, not from her drinking
    ("audit_9", "han var full i helgen"),  # drinking, not an injury
    ("dudit_10", "när hon bodde i Malmö blev hennes bror misshandlad, för två år sen"),
    # Others speaking up is the next item's event (AUDIT 10, DUDIT 11), not an injury.
    ("dudit_10", "mamman och BUP har sagt till, senast i höstas"),
    ("audit_9", "frun har sagt till honom, senast i somras"),
    ("audit_9", "läkaren sa åt henne att dra ner, i våras"),
])
def test_an_event_without_the_items_subject_is_not_its_answer(question, text):
    reading = read_answer(Q[question], text, BANK)
    assert reading is None or not reading.sure


# --- a weekend counted once where the item asks how often something happened -------

@pytest.mark.parametrize("question, text, certainty, labels", [
    # AUDIT items 3-8 ask how often it happened: every other weekend is twice a month.
    ("audit_4", "varannan helg", SURE, ["Varje månad"]),
    ("audit_8", "typ varannan helg", SURE, ["Varje månad"]),
    ("audit_3", "varje veckoslut", SURE, ["Varje vecka"]),
    ("audit_6", "två helger i månaden", SURE, ["Varje månad"]),
    ("dudit_8", "varannan helg", SURE, ["Varje månad"]),
    # Item 1 counts drinking occasions: a weekend may be one evening or two.
    ("audit_1", "varannan helg", SURE, ["2–4 gånger i månaden"]),
    ("audit_1", "varje helg", LIKELY, ["2–4 gånger i månaden", "2–3 gånger i veckan"]),
    ("dudit_1", "på helgerna", LIKELY, ["2–4 gånger i månaden", "2–3 gånger i veckan"]),
])
def test_a_weekend_is_one_time_where_the_item_counts_events(question, text, certainty, labels):
    found, options = placed(question, text)
    assert (found, sorted(options)) == (certainty, sorted(labels))  # LIKELY: nearer first


@pytest.mark.parametrize("question, text, stored", [
    # DUDIT 1 counts every drug's occasions: another drug "ibland" makes the rate a least.
    ("dudit_1", "hasch en gång i veckan, tjack ibland på fester", False),
    ("dudit_1", "röker på varje helg, tar kokain ibland", False),
    ("dudit_1", "hasch en gång i veckan", True),
    ("dudit_1", "röker på ibland, typ en gång i månaden", True),  # one habit said twice
    # other times now and then after the rate: more than the rate
    ("audit_1", "mest fredagar men ibland mitt i veckan", False),
    ("audit_1", "varje fredag", True),
])
def test_another_substance_now_and_then_leaves_the_use_item_open(question, text, stored):
    assert (place_answer(Q[question], text).certainty is SURE) == stored


# --- the past year the instruments ask about ----------------------------------------

DAY = dt.date(2026, 12, 3)


def placed_on(question, text):
    p = place_answer(Q[question], text, DAY)
    return p.certainty, [o.label for o in p.options]


@pytest.mark.parametrize("question, text, certainty, labels", [
    # A frequency of a time wholly before the year is not the year's; the year denied,
    # or a stop before it, says "Aldrig".
    ("audit_4", "det var varje vecka för två år sen men senaste året aldrig", SURE, ["Aldrig"]),
    ("audit_5", "det hände en gång för två år sen men inte i år", SURE, ["Aldrig"]),
    ("audit_8", "en gång för ett par år sen, inget senaste året", SURE, ["Aldrig"]),
    ("audit_1", "han slutade dricka för tre år sen", SURE, ["Aldrig"]),
    ("dudit_1", "slutade röka på 2023", SURE, ["Aldrig"]),
    # A stop within the year says nothing of how often before it: asked.
    ("audit_1", "han slutade dricka i somras", NONE, []),
    ("audit_1", "slutade för en månad sen", NONE, []),
    # Before the year and within it: the year's frequency is what counts.
    ("audit_4", "för två år sen varje dag, nu varje månad", SURE, ["Varje månad"]),
    # The year denied, and a frequency said in it: two answers, none taken.
    ("audit_4", "inte senaste året, men varje vecka i somras", NONE, []),
])
def test_the_past_year_decides_the_frequency(question, text, certainty, labels):
    assert placed_on(question, text) == (certainty, labels)


@pytest.mark.parametrize("question, text", [
    ("audit_4", "det var varje vecka för två år sen men senaste året aldrig"),
    ("audit_5", "det hände en gång för två år sen men inte i år"),
])
def test_a_frequency_before_the_year_does_not_contradict_the_years_never(question, text):
    reading = read_answer(Q[question], text, BANK)
    assert reading is not None and reading.value == 0 and reading.sure
    assert read_answer(Q[question], "nej, men hon mår dåligt över det varje vecka", BANK) is None


@pytest.mark.parametrize("text, label", [
    ("morgon och kväll", "1–2 gånger"),
    ("morgon, lunch och kväll", "3–4 gånger"),
    ("en joint på kvällen", "1–2 gånger"),
])
def test_the_parts_of_a_day_named_count_the_times_a_day(text, label):
    answers = {"client_sex": "man", "client_age": 30, "seen_alone": True,
               "modules_chosen": ["narkotika"], "drugs_gate": True, "dudit_1": 3, "dudit_2": 0}
    turn = handle_turn(BANK, answers, text)
    assert [(r.question_id, Q["dudit_3"].option_for(r.value).label) for r in turn.records] == \
        [("dudit_3", label)]


@pytest.mark.parametrize("question, text", [
    ("dudit_3", "två på morgonen och en på kvällen"),  # three, by its own numbers
    ("dudit_3", "flera gånger på kvällen"),
    ("audit_2", "på kvällen"),  # no glasses are said
])
def test_the_parts_of_a_day_do_not_count_beside_numbers_or_for_glasses(question, text):
    p = place_answer(Q[question], text)
    assert p.certainty is not SURE


@pytest.mark.parametrize("question, text, value", [
    # The item's subject said of the client, with when.
    ("dudit_10", "nyligen, han hamnade på akuten", 4),
    ("dudit_10", "för ett halvår sen fick hon en överdos", 4),
    # A worry that goes on, said in the present: within the past year.
    ("dudit_11", "frivården tjatar om det varje vecka", 4),
])
def test_the_clients_event_or_a_worry_that_goes_on_answers_the_item(question, text, value):
    reading = read_answer(Q[question], text, BANK)
    assert reading is not None and reading.sure and reading.value == value


@pytest.mark.parametrize("question, text", [
    ("dudit_11", "frivården tjatade om det varje vecka förut"),  # said as past
    ("dudit_11", "ingen tjatar om det varje vecka"),
    ("dudit_10", "hennes bror hamnade på akuten i somras"),
])
def test_a_past_or_denied_worry_or_someone_elses_event_is_not_read(question, text):
    reading = read_answer(Q[question], text, BANK)
    assert reading is None or not reading.sure


def test_a_clause_of_the_instruments_substance_is_about_its_item():
    answers = {"client_sex": "kvinna", "client_age": 30, "seen_alone": True,
               "modules_chosen": ["alkohol"], **{f"audit_{i}": 0 for i in range(1, 10)}}
    turn = handle_turn(BANK, answers, "ja, bvc sköterskan frågade om hennes drickande "
                                      "nyligen och var orolig")
    assert [(r.question_id, r.value) for r in turn.records] == [("audit_10", 4)]


@pytest.mark.parametrize("question, text, certainty, labels", [
    # Two ways of saying one habit narrow it.
    ("dudit_1", "hon röker på helgerna, fredag och lördag", SURE, ["2–3 gånger i veckan"]),
    ("audit_1", "två gånger i veckan, fredag och lördag", SURE, ["2–3 gånger i veckan"]),
    # Two habits that cannot both be: nothing.
    ("dudit_1", "varje dag, på helgerna", NONE, []),
    ("audit_1", "varje helg, typ en gång i månaden", NONE, []),
])
def test_two_readings_of_one_habit_narrow_it(question, text, certainty, labels):
    assert placed(question, text) == (certainty, labels)


@pytest.mark.parametrize("question, text", [
    # A rate that ended inside the year: today's habit and the year's are not one.
    ("audit_1", "drack varje dag fram till i somras, nu bara helger"),
    ("dudit_1", "dagligen fram till i augusti, sen inget"),
    # On an item that asks of the past year, a rate that began inside it.
    ("audit_8", "varje helg sedan i oktober"),
    ("dudit_6", "varje morgon i tre månader"),
    ("audit_5", "varje vecka sen två månader"),
])
def test_a_rate_of_part_of_the_year_places_nothing(question, text):
    assert place_answer(Q[question], text, DAY).certainty is NONE
    reading = read_answer(Q[question], text, BANK)
    assert reading is None or not reading.sure


@pytest.mark.parametrize("question, text, label", [
    # How often now (AUDIT 1, DUDIT 1 ask of the habit): since when does not matter.
    ("audit_1", "hon dricker nästan varje dag sen i våras", "4 gånger i veckan eller oftare"),
    # Whole years, and a rate's own unit, are no part of the year.
    ("audit_8", "varje vecka sedan 2019", "Varje vecka"),
    ("audit_8", "en gång i halvåret kanske", "Mer sällan än en gång i månaden"),
    ("audit_1", "fyra fem dagar i veckan", "4 gånger i veckan eller oftare"),
])
def test_a_rate_since_a_time_is_read_where_the_item_allows(question, text, label):
    assert place_answer(Q[question], text, DAY).options[0].label == label
