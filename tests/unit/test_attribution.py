"""Clause attribution: a message's clauses go to the question they are about, so nothing
the case worker did not say is stored (issue 18's examples, each with a counter-example)."""
import pytest

from bot.answer_eval import Case, answers_for
from bot.assessment.facts import extract_facts
from bot.assessment.pending import MEANT, NOTICED
from bot.assessment.question_bank import load_bank
from bot.assessment.turn import confirmation, handle_turn, noted_so_far

BANK = load_bank()
ALL = [m.id for m in BANK[1:]]
INTRO = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True, "modules_chosen": ALL}


def stored(turn):
    return {r.question_id: r.value for r in turn.records}


def proposed(turn):
    return {p.question_id: p.value for p in turn.proposals}


def facts(text):
    return {f.question_id: f.value for f in extract_facts(BANK, text)}


def test_a_yes_about_another_subject_leaves_the_open_question_open():
    at_refusal = INTRO | {"economy_gate": True, "income_source": "forsorjningsstod",
                          "months_on_assistance": 8}
    turn = handle_turn(BANK, at_refusal, "ja hon är inskriven på AF")
    assert "recent_refusal" not in stored(turn) and stored(turn) == {}
    assert proposed(turn) == {"registered_af": True}
    assert turn.messages == ["Frågan om avslag återstår."]
    # Counter-example: the same yes with the open question's own subject is its answer.
    # "förra månaden" lies inside the half-year asked about whatever the meeting date.
    assert stored(handle_turn(BANK, at_refusal, "ja hon fick avslag förra månaden")) == \
        {"recent_refusal": True}


def test_she_came_alone_answers_seen_alone_and_not_that_she_sought_help():
    turn = handle_turn(BANK, {"client_sex": "kvinna", "client_age": 40}, "ja hon kom själv")
    assert stored(turn) == {"seen_alone": True} and proposed(turn) == {}
    assert facts("hon sökte hjälp själv den här gången") == {"sought_help": True}


def test_a_daughter_aged_twelve_is_no_relative_with_misuse():
    text = ("Hon heter Camilla, 34 år, ensamstående med en son på 7 och en dotter som är 12, "
            "har haft försörjningsstöd i åtta månader")
    found = facts(text)
    assert "relative_with_misuse" not in found
    assert found["children_in_household"] is True
    assert found["months_on_assistance"] == 8
    # Counter-example: support sought as the relative of someone with misuse, said with
    # subject and predicate. A relative's misuse alone is not the question's fact: it asks
    # whether she seeks support as a relative.
    assert facts("hon söker stöd som anhörig, dottern som är 19 dricker mycket")[
        "relative_with_misuse"] is True
    assert facts("hon vill ha stöd som förälder")["relative_with_misuse"] is True
    assert "relative_with_misuse" not in facts("sonen missbrukar")


def test_a_duration_about_unemployment_is_not_months_on_assistance():
    at_months = INTRO | {"economy_gate": True, "income_source": "forsorjningsstod"}
    turn = handle_turn(BANK, at_months, "han har varit arbetslös i ett och ett halvt år")
    assert "months_on_assistance" not in stored(turn)
    assert proposed(turn) == {"employment_status": "arbetslos", "unemployment_months": 18}
    assert stored(handle_turn(BANK, at_months, "ungefär ett halvår")) == {"months_on_assistance": 6}


def test_a_no_about_drugs_is_not_an_answer_about_drinking():
    at_audit_10 = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True,
                   "modules_chosen": ["alkohol"],
                   **{f"audit_{i}": 0 for i in range(1, 10)}}
    turn = handle_turn(BANK, at_audit_10, "syster sa det i somras, nej hon tar inga droger")
    # "i somras" is within the past year of any meeting date: 4, never the "nej" (0).
    assert stored(turn) == {"audit_10": 4}
    assert stored(handle_turn(BANK, at_audit_10, "nej")) == {"audit_10": 0}


@pytest.mark.parametrize("text, absent", [
    ("varje fredag", 4),  # "fredag" is not the word "dag"
    ("fredagar", 4),
])
def test_weekdays_are_not_daily(text, absent):
    at_audit = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True, "modules_chosen": ["alkohol"]}
    turn = handle_turn(BANK, at_audit, text)
    assert stored(turn).get("audit_1") != absent


def test_negations_deny_the_statement_wherever_they_stand():
    assert facts("hon har inga barn") == {"children_in_household": False}
    assert facts("skulderna växer inte")["debts_growing"] is False
    assert facts("han har inte några skulder hos kfm")["kronofogden"] is False
    # "no debts" does not say the economy is fine: the area's gate is left to be asked.
    assert "economy_gate" not in facts("han har inte några skulder")


def test_uppsagd_from_a_job_is_no_eviction():
    assert "eviction_risk" not in facts("hon har blivit uppsagd från jobbet")
    assert facts("hon har blivit uppsagd från lägenheten")["eviction_risk"] is True


def test_abbreviations_case_workers_use():
    assert facts("skulder hos KFM")["kronofogden"] is True
    assert facts("hon är inskriven på AF") == {"registered_af": True}


def test_a_confirmation_asks_once_and_a_reply_decides_it():
    at_income = INTRO | {"economy_gate": True}
    turn = handle_turn(BANK, at_income, "hon bor i andrahand och har hyresskulder")
    assert {p.kind for p in turn.proposals} == {NOTICED}
    text, buttons = confirmation(BANK, turn.proposals)
    assert text.startswith("Jag uppfattade också: ") and "Stämmer det?" in text
    assert buttons == ["Ja, det stämmer", "Nej"]
    # A question about the question leaves the readings waiting.
    why = handle_turn(BANK, at_income, "varför frågar du det?", pending=turn.proposals)
    assert why.proposals == turn.proposals and stored(why) == {}
    # Something else is read afresh; what was shown is not stored.
    other = handle_turn(BANK, at_income, "försörjningsstöd", pending=turn.proposals)
    assert stored(other) == {"income_source": "forsorjningsstod"}
    assert "Det jag uppfattade förut har inte sparats." in other.messages


def test_a_likely_reading_is_asked_back_with_its_neighbours():
    from bot.assessment.pending import Pending
    waiting = [Pending("audit_1", 2, "2–4 gånger i månaden", MEANT, "typ varje helg",
                       ("2–4 gånger i månaden", "2–3 gånger i veckan"))]
    text, buttons = confirmation(BANK, waiting)
    assert text == "Menar du ”2–4 gånger i månaden” om hur ofta klienten dricker?"
    assert buttons == ["Ja", "2–3 gånger i veckan", "Nej"]
    at_audit = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True, "modules_chosen": ["alkohol"]}
    assert stored(handle_turn(BANK, at_audit, "Ja", pending=waiting)) == {"audit_1": 2}
    pressed = handle_turn(BANK, at_audit, "2–3 gånger i veckan", pending=waiting)
    assert stored(pressed) == {"audit_1": 3}


def test_what_is_noted_lists_answers_by_area_and_what_waits():
    answers = INTRO | {"economy_gate": True, "income_source": "forsorjningsstod"}
    turn = handle_turn(BANK, answers, "vad har du noterat?")
    assert stored(turn) == {}
    text = turn.messages[0]
    assert "Försörjning och ekonomi:" in text and "Försörjningsstöd" in text
    assert "ändra svaret om" in text
    assert "Inget är noterat ännu." == noted_so_far(BANK, {})


@pytest.mark.parametrize("typed", ["{{7*7}}", "<b>5</b> glas", "${6}", "3 * 2 glas"])
def test_code_like_text_is_no_answer_though_it_holds_numbers(typed):
    at_glasses = {"client_sex": "kvinna", "client_age": 40, "seen_alone": True,
                  "modules_chosen": ["alkohol"],
                  "audit_1": 3}
    turn = handle_turn(BANK, at_glasses, typed)
    assert stored(turn) == {} and proposed(turn) == {}
    # Counter-example: the same number, written as a person writes it.
    assert stored(handle_turn(BANK, at_glasses, "7 glas")) == {"audit_2": 3}


@pytest.mark.parametrize("text, not_named", [
    ("söndag morgon", {"children_in_household", "children_count"}),  # "son*" would match
    ("det var länge sedan", {"debts"}),  # "lån*" folds to "lan*", as "länge" to "lange"
    ("hon har långt till jobbet", {"debts"}),
    ("som vanligt", {"drug_free_contacts"}),  # "vän*" folds to "van*"
    ("hon bor på hotell", {"domestic_violence"}),  # "hot*"
])
def test_a_cue_folded_without_its_diacritics_names_no_other_word(text, not_named):
    from bot.assessment.attribution import named_questions
    from bot.reading.text import clauses
    named = set().union(*(named_questions(BANK, c) for c in clauses(text)))
    assert not named & not_named, named


AT_HOUSING = {qid: None for qid in (
    "client_sex", "client_age", "seen_alone", "modules_chosen", "economy_gate", "income_source",
    "months_on_assistance", "recent_refusal", "benefit_ending", "debts", "rent_arrears",
    "employment_status", "upper_secondary", "swedish_language", "driving_licence",
    "earlier_employment", "labour_network", "far_from_jobs", "health_gate",
    "reduced_work_capacity", "sick_without_benefit", "mental_ill_health", "disability")}


def test_a_bare_no_before_a_clause_about_questions_answered_before_answers_the_open_one():
    answers = AT_HOUSING | {"housing": "eget_kontrakt"}
    turn = handle_turn(BANK, answers, "nej, hyran betalas direkt av soc")
    assert stored(turn) == {"eviction_risk": False}


def test_a_bare_yes_before_a_clause_that_names_another_subject_is_asked_back():
    answers = AT_HOUSING | {"housing": "inneboende"}
    turn = handle_turn(BANK, answers, "ja, kompisen vill att han flyttar ut")
    assert stored(turn) == {}
    assert [(p.question_id, p.value, p.kind) for p in turn.proposals] == \
        [("eviction_risk", True, MEANT)]
    question, buttons = confirmation(BANK, turn.proposals)
    assert question.startswith("Menar du ”ja” om") and buttons == ["Ja", "Nej"]


def test_a_bare_yes_before_a_fact_of_its_own_is_not_offered_for_the_open_question():
    at_refusal = INTRO | {"economy_gate": True, "income_source": "forsorjningsstod",
                          "months_on_assistance": 8}
    turn = handle_turn(BANK, at_refusal, "ja, hon är inskriven på AF")
    assert "recent_refusal" not in proposed(turn) and "recent_refusal" not in stored(turn)


def test_glasses_denied_beside_other_amounts_are_no_typical_day():
    at_audit = {"client_sex": "man", "client_age": 41, "seen_alone": True,
                "modules_chosen": ["alkohol", "barn"]}
    turn = handle_turn(BANK, at_audit, "han dricker typ varje fredag och lördag, oftast fyra "
                                       "fem öl, men aldrig sex glas på en gång")
    # Item 1 from its own clause: the clause naming item 3 is item 3's, so it no longer
    # keeps the message from being read (it did until 2026-12-03).
    assert stored(turn) == {"audit_1": 3}
    # "aldrig sex glas" answers item 3; it is not five or six glasses on a typical day.
    assert proposed(turn) == {"audit_3": 0}


def test_a_list_of_ages_is_read_from_the_whole_message_not_from_some_clauses():
    at_ages = {"client_sex": "man", "client_age": 41, "seen_alone": True,
               "modules_chosen": ["barn"], "children_in_household": True, "children_count": 3}
    turn = handle_turn(BANK, at_ages, "sonen och dottern är 5, tvillingar, och storasyster är 9")
    assert stored(turn) == {} and proposed(turn) == {}  # was stored as [5, 9]
    assert stored(handle_turn(BANK, at_ages, "sonen är 7, dottern 12 och minstingen 2")) == \
        {"children_ages": [7, 12, 2]}


def at(question_id, **given):
    """The answers when `question_id` is asked, every question before it skipped."""
    return answers_for(BANK, Case(id="t", open=question_id, text="", expect={}, given=given))


@pytest.mark.parametrize("text, value", [
    ("hon hade en depression för tio år sen men mår bra nu", False),
    ("hade ångest förut men inte nu", False),
    ("hade ångest förut men inte lika mycket nu", None),  # still some: asked
    ("hade ångest förut men mår bättre nu", None),
    ("hade ångest förut men inte nu, och hon har ont i ryggen", None),  # more is said
])
def test_a_state_said_to_be_over_is_today_a_no(text, value):
    turn = handle_turn(BANK, at("mental_ill_health"), text)
    assert stored(turn).get("mental_ill_health") == value


def test_the_childrens_count_is_the_part_living_at_home():
    turn = handle_turn(BANK, at("children_count", children_in_household=True),
                       "fyra, varav två bor hos pappan")
    assert stored(turn) == {"children_count": 2}
    assert not any("barn i hushållet" in m for m in turn.messages)  # no "nej" read from it
    gate = handle_turn(BANK, at("children_in_household"), "ja, tre barn men bara två bor hemma")
    assert proposed(gate).get("children_count") == 2  # never the total


def test_a_state_said_with_was_is_past_and_its_end_states_no_other_fact():
    answers = at("mental_ill_health", health_gate=True)
    turn = handle_turn(BANK, answers, "hon var deprimerad för några år sen men mår bra nu")
    assert stored(turn) == {"mental_ill_health": False}
    # "mår bra nu" ended the depression; it is not read again against the health gate
    assert not any("hälsoproblem" in m for m in turn.messages)
    assert "mental_ill_health" not in stored(
        handle_turn(BANK, answers, "hon var deprimerad för några år sen"))
    assert stored(handle_turn(BANK, answers, "hon är deprimerad")) == {"mental_ill_health": True}


@pytest.mark.parametrize("text, ages", [
    ("två barn, en femåring och en tioåring som bor med henne", [5, 10]),
    ("en 4-åring och en 9-åring hemma", [4, 9]),
    ("hon har en treåring hemma", [3]),
    ("ensamstående med en sjuårig son", [7]),
])
def test_children_said_as_year_olds_beside_other_facts_give_their_ages(text, ages):
    read = proposed(handle_turn(BANK, at("client_sex"), f"kvinna, {text}"))
    assert read.get("children_ages") == ages and read.get("children_in_household") is True


@pytest.mark.parametrize("text", [
    "hon har tvååriga tvillingar",  # two children, one age said
    "två femåringar hemma",  # a plural: the count is not the ages' count
    "hon har sjuåriga barn",
    "hon jobbar med tonåringar",
])
def test_year_olds_that_do_not_say_each_childs_age_give_no_ages(text):
    turn = handle_turn(BANK, at("client_sex"), f"kvinna, {text}")
    assert "children_ages" not in proposed(turn) | stored(turn)


def test_och_before_a_new_predicate_starts_a_clause():
    # "ligger två månader efter med hyran" is its own statement, not part of the months
    # on assistance ("har haft … i tre månader"), whose past tense it does not share.
    read = proposed(handle_turn(BANK, at("client_sex"), "kvinna, hon har haft försörjningsstöd "
                                "i tre månader och ligger två månader efter med hyran"))
    assert read.get("rent_arrears") is True and read.get("months_on_assistance") == 3


@pytest.mark.parametrize("text", ["dricker bara på helger", "han dricker bara öl",
                                  "dricker bara öl och inget annat"])
def test_only_drinking_in_some_way_says_nothing_about_drugs(text):
    # "bara" limits the drinking (when, what), it does not deny drugs; "bara alkohol" does.
    turn = handle_turn(BANK, at("audit_1"), text)
    assert "drugs_gate" not in proposed(turn) | stored(turn)
    assert proposed(handle_turn(BANK, at("client_sex"), "man, han tar bara alkohol, inga "
                                                         "droger")).get("drugs_gate") is False


@pytest.mark.parametrize("question, text", [
    ("income_source", "han lever på sin sambos lön"),
    ("income_source", "lever på föräldrarnas pengar och mammas pension"),
    ("housing", "hon bor i sin systers hyresrätt"),
])
def test_an_option_that_is_another_persons_is_not_the_clients(question, text):
    assert question not in stored(handle_turn(BANK, at(question), text))


def test_another_persons_thing_after_the_clients_option_leaves_it_hers():
    turn = handle_turn(BANK, at("employment_status"), "hon jobbar i sin pappas firma")
    assert stored(turn) == {"employment_status": "anstalld"}


@pytest.mark.parametrize("text", ["han jobbar inte", "studerar inte, jobbar inte, är mest hemma",
                                  "hon pluggar inte"])
def test_an_option_negated_after_its_verb_is_not_stored(text):
    # Swedish puts the negation after the finite verb: "jobbar inte" is not "Arbetar".
    assert "employment_status" not in stored(handle_turn(BANK, at("employment_status"), text))


def test_a_negation_after_the_clause_ends_leaves_the_option():
    assert stored(handle_turn(BANK, at("audit_9"), "när hon var yngre, inte nu")) == {"audit_9": 2}
    assert stored(handle_turn(BANK, at("employment_status"), "jobbar, inte pluggar")) == \
        {"employment_status": "anstalld"}


def test_full_time_of_another_activity_is_not_a_job():
    assert stored(handle_turn(BANK, at("employment_status"), "går på sfi på heltid")).get(
        "employment_status") != "anstalld"
    # "heltid" or "deltid" alone is a share of the time, of whatever she does: asked
    # ("läser till undersköterska på komvux, heltid" was stored as a job); with a job's
    # verb it is a job
    assert stored(handle_turn(BANK, at("employment_status"), "heltid")) == {}
    assert stored(handle_turn(BANK, at("employment_status"), "jobbar heltid")) == \
        {"employment_status": "anstalld"}


@pytest.mark.parametrize("question, text", [
    ("audit_1", "en-två gånger i veckan"),  # once a week is 2-4 a month, twice 2-3 a week
    ("audit_1", "1 till 2 gånger i veckan"),
    ("audit_1", "tisdagar och torsdagar plus helgen"),  # 3-4 a week: across two options
    ("audit_2", "typ åtta burkar"),  # a can is 33 or 50 cl: 8-12 glasses
])
def test_a_quantity_across_two_options_is_asked_with_both(question, text):
    turn = handle_turn(BANK, at(question), text)
    assert question not in stored(turn)


def test_a_number_corrected_in_the_message_is_the_later_one_asked_back():
    turn = handle_turn(BANK, at("client_age"), "34, nej 43, jag skrev fel")
    assert stored(turn) == {} and proposed(turn) == {"client_age": 43}
    turn = handle_turn(BANK, at("children_ages", children_in_household=True, children_count=2),
                       "6 och 9, nej förlåt, 6 och 10")
    assert stored(turn) == {} and proposed(turn) == {"children_ages": [6, 10]}
    # Not a correction: a number denied for another ("43 inte 34") or far apart.
    assert stored(handle_turn(BANK, at("client_age"), "hon är 43 inte 34")) == {"client_age": 43}


@pytest.mark.parametrize("question, text", [
    ("audit_9", "hennes sambo bröt handen när han var full i somras"),
    ("dudit_10", "hennes kompis överdoserade i somras"),
])
def test_harm_told_of_another_persons_own_use_is_not_the_clients(question, text):
    given = {"drugs_gate": True} if question.startswith("dudit") else {}
    assert question not in stored(handle_turn(BANK, at(question, **given), text))


def test_harm_to_another_person_from_the_clients_use_counts():
    turn = handle_turn(BANK, at("audit_9", client_sex="kvinna"),
                       "hennes sambo bröt handen när hon var full i somras")
    assert stored(turn) == {"audit_9": 4}


def test_a_denial_with_a_person_as_its_exception_is_asked():
    turn = handle_turn(BANK, at("drug_free_contacts"),
                       "han har inga vänner kvar, bara grannen som han pratar med ibland")
    assert "drug_free_contacts" not in stored(turn)
    # An exception of a thing leaves the no: CSN is no debt at the Kronofogden.
    turn = handle_turn(BANK, at("kronofogden", debts=True), "nej bara CSN")
    assert stored(turn) == {"kronofogden": False}


def test_a_loan_is_a_debt():
    assert stored(handle_turn(BANK, at("debts"), "hon har ett lån på banken som hon betalar av")) \
        == {"debts": True}
    assert "debts" not in stored(handle_turn(BANK, at("debts"), "nej inga skulder, bara studielånet"))


def test_an_option_taken_back_in_part_after_men_is_asked():
    assert stored(handle_turn(BANK, at("swedish_language"),
                              "bra vardagssvenska men svårt att skriva")) == {}
    assert stored(handle_turn(BANK, at("income_source", economy_gate=True),
                              "lön, fast bara från ett litet deltidsjobb")) == {"income_source": "lon"}


def test_a_frequency_said_with_words_that_deny_the_items_condition_is_asked():
    at_craving = at("dudit_5", drugs_gate=True)
    assert stored(handle_turn(BANK, at_craving, "suget kommer någon gång i månaden men hon står "
                                                "emot")) == {}
    assert stored(handle_turn(BANK, at_craving, "varje vecka har hon inte kunnat stå emot")) == \
        {"dudit_5": 3}
    assert stored(handle_turn(BANK, at("audit_4"), "nej, han kan alltid sluta")) == {"audit_4": 0}


def test_nobody_saying_anything_since_is_not_never():
    turn = handle_turn(BANK, at("audit_10"),
                       "läkaren sa det för två år sedan, ingen har sagt något sedan")
    assert stored(turn).get("audit_10") != 0 and proposed(turn).get("audit_10") == 2


@pytest.mark.parametrize("question, text, value", [
    ("debts", "sambon har skulder men inte hon", False),
    ("debts", "sambon har skulder men hon själv har inga", False),
    ("debts", "sambon har skulder, själv har hon inga", False),
    ("debts", "sambon har skulder och hon själv har också", None),  # "också": not a no
    ("drugs_gate", "sonen knarkar men hon själv tar inget", False),
    ("audit_1", "maken dricker varje dag, hon själv bara till jul och midsommar", 1),
    ("audit_1", "hennes man dricker sig full varje helg men själv aldrig", 0),
])
def test_the_clients_own_clause_after_someone_elses_is_her_answer(question, text, value):
    assert stored(handle_turn(BANK, at(question), text)).get(question) == value


def test_someone_elses_situation_alone_is_still_not_the_clients():
    assert "debts" not in stored(handle_turn(BANK, at("debts"), "sambon har skulder"))
    assert "audit_1" not in stored(handle_turn(BANK, at("audit_1"), "maken dricker varje dag"))


@pytest.mark.parametrize("question, text, value", [
    ("employment_status", "inte arbetslös längre, fick jobb på ett café", "anstalld"),
    ("housing", "bor inte i andra hand längre, har fått eget kontrakt", "eget_kontrakt"),
])
def test_a_denial_ends_at_the_comma_and_the_answer_after_it_stands(question, text, value):
    assert stored(handle_turn(BANK, at(question), text)) == {question: value}


def test_an_option_said_to_have_ended_is_not_todays():
    turn = handle_turn(BANK, at("income_source", economy_gate=True),
                       "ingen inkomst, a-kassan tog slut förra månaden")
    assert stored(turn).get("income_source") == "ingen"


def test_never_in_the_items_own_words_leaves_the_frequency_to_decide():
    at_stopping = at("dudit_6", drugs_gate=True)
    assert stored(handle_turn(BANK, at_stopping, "han kan aldrig sluta, det är varje dag")) == \
        {"dudit_6": 4}
    # A bare "nej" with a frequency of something else decides nothing.
    turn = handle_turn(BANK, at("audit_4"), "nej, men hon mår dåligt över det varje gång, typ "
                                            "varje vecka")
    assert stored(turn).get("audit_4") != 3


def test_a_statement_written_of_another_person_is_the_clients_answer():
    # The life event's own phrase names the relative ("@relative gick bort").
    assert stored(handle_turn(BANK, at("life_event"), "hennes mamma gick bort i somras")) == \
        {"life_event": True}
    assert "life_event" not in stored(handle_turn(BANK, at("life_event"),
                                                  "hennes dotter har separerat"))


@pytest.mark.parametrize("question, text, value", [
    ("employment_status", "föräldraledig just nu", "annat"),  # "föräldr*" cues family contact
    ("eviction_risk", "nej, ingen risk", False),
])
def test_an_answer_in_the_questions_own_words_is_about_it(question, text, value):
    given = {"housing": "eget_kontrakt"} if question == "eviction_risk" else {}
    assert stored(handle_turn(BANK, at(question, **given), text)) == {question: value}


@pytest.mark.parametrize("question, given, text, value", [
    ("benefit_ending", {"economy_gate": True, "income_source": "a_kassa"},
     "a-kassan har 40 dagar kvar", True),
    ("debts", {}, "han är skyldig sin bror 20 000", True),
    ("debts_growing", {"debts": True}, "de har legat still på samma nivå", False),
])
def test_economy_said_in_other_words(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)) == {question: value}


def test_guilty_of_a_crime_is_no_debt():
    turn = handle_turn(BANK, at("client_sex"), "man, han är skyldig till misshandel")
    assert "debts" not in proposed(turn) | stored(turn)


def test_an_option_said_with_var_is_then_not_now():
    turn = handle_turn(BANK, at("employment_status"),
                       "han var anställd på ett lager men blev uppsagd i oktober, nu arbetslös")
    assert stored(turn) == {"employment_status": "arbetslos"}


def test_now_and_then_before_a_frequency_is_not_every_time():
    assert "audit_6" not in stored(handle_turn(BANK, at("audit_6"), "ja ibland på helgerna"))
    assert "audit_1" not in stored(handle_turn(BANK, at("audit_1"),
                                               "hon dricker ibland varje dag i perioder"))
    assert stored(handle_turn(BANK, at("audit_1"), "varje fredag")) == {"audit_1": 2}


def test_a_no_that_men_goes_on_from_in_unknown_words_is_asked_on_a_frequency_item():
    assert stored(handle_turn(BANK, at("audit_5"), "nej men hon kommer ofta för sent")) == {}
    # Another item's fact after "men" leaves the no to this one.
    assert stored(handle_turn(BANK, at("audit_5"), "nej men hon dricker varje helg")) == \
        {"audit_5": 0}


def test_an_option_taken_away_is_not_todays_by_any_of_its_words():
    # "FK" and "sjukpenningen" name one option; "har dragit in" ends it for both.
    turn = handle_turn(BANK, at("income_source", economy_gate=True), "FK har dragit in sjukpenningen")
    assert "income_source" not in stored(turn)
    turn = handle_turn(BANK, at("client_sex"), "kvinna, sjukskriven, FK har dragit in sjukpenningen")
    assert "income_source" not in proposed(turn) and proposed(turn).get("benefit_ending") is True
    assert stored(handle_turn(BANK, at("income_source", economy_gate=True), "hon har sjukpenning")) \
        == {"income_source": "forsakringskassan"}


def test_a_denial_limited_to_one_creditor_says_nothing_of_the_rest():
    assert "debts" not in stored(handle_turn(BANK, at("debts"), "inga skulder hos KFM"))
    assert stored(handle_turn(BANK, at("kronofogden", debts=True), "inga skulder hos KFM")) == \
        {"kronofogden": False}
    turn = handle_turn(BANK, at("economy_gate"), "Ja. Inga skulder hos KFM men en del räkningar "
                                                 "som inte är betalda.")
    assert proposed(turn).get("debts") is True  # was proposed as no debts


@pytest.mark.parametrize("text, value", [
    ("hon har ingen familj i Sverige", None),  # family abroad may still be a support
    ("nej, ingen familj i Sverige", None),
    ("ingen familj kvar i landet", None),
    ("hon har ingen familj", False),
])
def test_a_denial_limited_to_a_place_says_nothing_of_elsewhere(text, value):
    assert stored(handle_turn(BANK, at("family_contact"), text)).get("family_contact") == value


@pytest.mark.parametrize("text, value", [
    ("hans pappa dog för fem år sen, inget nytt sedan", False),  # years back is not recent
    ("hans pappa dog för fem år sen", None),  # and since? asked
    ("hans pappa dog i somras", True),
])
def test_a_recent_event_is_read_against_the_year(text, value):
    assert stored(handle_turn(BANK, at("life_event"), text)).get("life_event") == value


@pytest.mark.parametrize("text, value", [
    ("hennes bror blir slagen av sin fru", None),  # another household's violence
    ("systern blir misshandlad av sin kille", None),
    ("exmannen slog henne för tio år sedan, inte nu", False),  # the client's, and over
    ("hennes man slår henne", True),
    ("sambon slår barnen ibland", True),
])
def test_violence_in_the_household_is_the_households_people(text, value):
    answers = at("domestic_violence", children_in_household=True, seen_alone=True)
    assert stored(handle_turn(BANK, answers, text)).get("domestic_violence") == value


@pytest.mark.parametrize("text, value", [
    ("hon har en dotter på 16 som bor hos farmor", None),  # hers, not at home: asked
    ("en dotter på 16 som bor hos henne", True),
])
def test_a_child_living_with_someone_else_is_not_the_households(text, value):
    assert stored(handle_turn(BANK, at("children_in_household"), text)).get(
        "children_in_household") == value


@pytest.mark.parametrize("question, given, text, value", [
    ("debts", {"economy_gate": True}, "skulder har han inga", False),
    ("driving_licence", {}, "körkort har hon aldrig haft", False),
    ("registered_af", {"employment_status": "arbetslos"}, "inskriven är han inte", False),
    ("upper_secondary", {}, "gymnasiet har hon inte gått ut", False),
    # "bortsett från" names what there is after all: asked
    ("debts", {"economy_gate": True}, "skulder har han inga, bortsett från CSN", None),
    # the fronted words must name the question asked
    ("driving_licence", {}, "skulder har hon inga", None),
])
def test_a_denial_with_the_thing_put_first(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question) == value


@pytest.mark.parametrize("text, value", [
    ("sjukpenningen gar ut i mars", True),
    ("FK har beslutat att sjukpenningen upphör den 31 december", True),
    ("a-kassan slutar i februari", True),
    ("hennes mans a-kassa går ut i mars", None),  # the partner's benefit
])
def test_a_benefit_said_to_end_is_ending(text, value):
    answers = at("benefit_ending", economy_gate=True)
    assert stored(handle_turn(BANK, answers, text)).get("benefit_ending") == value


@pytest.mark.parametrize("question, given, text, value", [
    # areas left out: all but them, or asked which; never a skip of the question
    ("modules_chosen", {}, "allt, fast hoppa över barn, de har inga",
     ["ekonomi", "arbete", "halsa", "boende", "alkohol", "narkotika", "natverk"]),
    ("modules_chosen", {}, "hoppa över barn", "(inget)"),
    ("modules_chosen", {}, "ekonomin och jobbdelen", "(inget)"),  # an area not named
    # "inget annat" is nothing besides, not no income
    ("income_source", {"economy_gate": True}, "han tar ut 8000 i månaden ur firman, inget annat",
     "(inget)"),
    ("income_source", {"economy_gate": True}, "försörjningsstöd, inget annat", "forsorjningsstod"),
    # the question echoed first states nothing
    ("rent_arrears", {"economy_gate": True}, "hyresskulder? ja, två månader", True),
    # rent not paid, in other words
    ("rent_arrears", {"economy_gate": True}, "hyran för november är inte betald", True),
    ("rent_arrears", {"economy_gate": True}, "hon är skyldig två månaders hyra", True),
    ("rent_arrears", {"economy_gate": True}, "hyran är betald", False),
    # a follow-up said after a no: the no is not sure
    ("debts", {"economy_gate": True},
     "nej, men han har ett skadestånd till brottsoffret som kronofogden driver in", "(inget)"),
    ("debts", {"economy_gate": True}, "nej, inget hos kronofogden heller", False),
    # waiting for a place is not being in it
    ("swedish_language", {}, "nästan ingen, hon har väntat på sfi-plats sen i augusti", "(inget)"),
    ("swedish_language", {}, "hon står i kö till sfi", "(inget)"),
    # a yes with another person in it, after "fast"
    ("seen_alone", {}, "ja, fast flickvännen ringde mitt i och hörde på en stund", "(inget)"),
    # a CSN debt is a debt, so the economy is not closed
    ("economy_gate", {}, "ekonomin är ok, men hon har CSN-skulder", "(inget)"),
])
def test_what_is_not_said_is_not_stored(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, text, value", [
    ("employment_status", "ja han e arbetslös. nej vänta, han började på ett lager i måndags", None),
    ("client_sex", "man. eller förlåt, kvinna, jag blandade ihop ärendena", "kvinna"),
])
def test_a_message_correcting_itself_is_read_after_the_correction_and_asked(question, text, value):
    turn = handle_turn(BANK, at(question), text)
    assert question not in stored(turn)
    assert proposed(turn).get(question) == value


@pytest.mark.parametrize("question, given, text, value", [
    # the cleft "det är frun som": her drinking, not his
    ("audit_1", {}, "han själv dricker inte, det är frun som tar ett glas vin varje kväll", 0),
    ("audit_1", {}, "det är frun som dricker varje kväll", "(inget)"),
    # dayparts, a clock time, "ett par tre"
    ("dudit_3", {"drugs_gate": True}, "en extra tablett morgon, middag och kväll", 2),
    ("dudit_3", {"drugs_gate": True}, "en pille på kvällen, sen kanske en till vid tre", "(inget)"),
    ("dudit_3", {"drugs_gate": True}, "ett par tre gånger", "(inget)"),
    # "annars aldrig": it happened once
    ("dudit_7", {"drugs_gate": True}, "i somras missade hon jobbet för att hon var hög, annars aldrig",
     "(inget)"),
    # "och en till": at least, so asked
    ("audit_2", {}, "sex flaskor starköl och en till", "(inget)"),
    # another person's medicine taken is use
    ("drugs_gate", {}, "hon tog sambons oxykodon några gånger i höstas", True),
    ("drugs_gate", {}, "nej inte narkotika. fast hon tog sambons oxykodon när ryggen värkte",
     "(inget)"),
    # a rate that changed in the year, or some weeks another
    ("dudit_5", {"drugs_gate": True}, "i våras kom suget en gång i månaden, sen har det lugnat sig",
     "(inget)"),
    ("audit_1", {}, "oftast en kväll i veckan, vissa veckor två", "(inget)"),
    # "började han igen" after a sober year long ago: not in the past year
    ("relapse", {}, "han hade ett nyktert år 2021, sen började han igen och har druckit sen dess",
     "(inget)"),
    ("relapse", {}, "nykter i två år men har börjat igen nu", True),
    # two stages of change named: asked
    ("motivation_stage", {}, "hon har bestämt sig, och sen två veckor har hon inte tagit något",
     "(inget)"),
    ("motivation_stage", {}, "hon har inte druckit något sen i måndags", "agerar"),
    # an option limited after "men"; a duration that began before the time said
    ("housing", {}, "han har förstahandskontrakt men har hyrt ut lägenheten", "(inget)"),
    ("employment_status", {}, "arbetslös sen ett år, inskriven på AF men söker inga jobb",
     "arbetslos"),  # "men söker inga jobb" limits nothing of being unemployed
    ("unemployment_months", {"employment_status": "arbetslos"},
     "sen han muckade för tre veckor sen, fast han hade inget jobb innan heller", "(inget)"),
])
def test_the_fifth_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    ("debts", {"economy_gate": True}, "Nej. Fast hon nämnde ett lån hos Klarna", "(inget)"),
    ("debts", {"economy_gate": True}, "nej", False),
    # what "men" goes on to of before, or in the question's own no, leaves the no
    ("relative_with_misuse", {}, "nej, men pappan var alkoholist när hon var liten", False),
    ("drugs_gate", {}, "nej, inga droger. Hon satt på amfetamin förut men är drogfri sedan 2021",
     False),
])
def test_a_no_gone_back_on_in_the_questions_own_words_is_asked(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, text, value", [
    ("audit_2", "oftast två öl, ibland en hel flaska vin", "(inget)"),  # two kinds of day
    ("audit_2", "två glas vin och en grogg", 1),  # one day's drinks, added up
    ("audit_2", "mellan tre och fem glas", "(inget)"),  # a range across 3–4 and 5–6
    ("audit_2", "två, tre glas", "(inget)"),  # a range typed with a comma
    ("audit_2", "tre glas", 1),
    ("audit_2", "hon vet inte, kanske fyra", "(inget)"),  # a guess: shown back, not a skip
    ("audit_2", "vet inte", None),  # a skip
])
def test_a_typical_days_drinks_are_one_day_and_a_guess_is_asked(question, text, value):
    turn = handle_turn(BANK, at(question), text)
    assert stored(turn).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # two accounts
    ("client_age", {}, "hon säger att hon är 30 men enligt pappren är hon 31", "(inget)"),
    ("mental_ill_health", {"health_gate": True},
     "nej säger hon, men mamman tror att hon är deprimerad", "(inget)"),
    ("audit_10", {}, "han tycker själv att han borde dra ner men ingen annan har sagt nåt", 0),
    # two accounts without "men", in either order, or the other's saying hers is wrong
    ("dudit_1", {"drugs_gate": True}, "hon säger en gång i månaden, mamman säger varje helg",
     "(inget)"),
    ("health_gate", {}, "mamman säger att hon är deprimerad, själv säger hon att hon mår bra",
     "(inget)"),
    ("audit_1", {}, "Hon säger att hon bara dricker ett glas vin på lördagar. Sambon skrattade "
                    "och sa att det blir mer än så.", "(inget)"),
    # another's words that are not an account of the question leave hers
    ("debts", {}, "hon säger att hon har skulder, mamman säger att det är hyran", True),
    ("audit_1", {}, "hon säger att hon dricker varje lördag, mamman säger att hon är snäll", 2),
    # "inte X utan Y" within the question's own matter
    ("domestic_violence", {"children_in_household": True, "seen_alone": True},
     "det är inte han som slår, utan hon som slår honom", "(inget)"),
    ("economy_gate", {}, "nej, det är inte ekonomin det gäller utan drickandet", False),
    # words for use and debts
    ("drugs_gate", {}, "nej inga droger, men hon har tagit dubbla doser av sina lugnande",
     "(inget)"),
    ("economy_gate", {}, "ekonomin är ok enligt henne, men hon har inte betalat elen sen augusti",
     "(inget)"),
    # areas
    ("modules_chosen", {}, "inte bara ekonomi utan allt",
     ["ekonomi", "arbete", "halsa", "boende", "alkohol", "narkotika", "natverk", "barn"]),
    # "aldrig", then an occasion of drinking after "fast"
    ("audit_1", {}, "aldrig, hon är muslim. fast på systerns bröllop i somras tog hon ett glas",
     "(inget)"),
    # "nej oftare" corrects what came before
    ("dudit_1", {"drugs_gate": True}, "en gång i veckan, nej oftare, två tre gånger", "(inget)"),
    # a bare no, then "fast" and what it concedes
    ("job_at_risk", {"employment_status": "anstalld"},
     "Nej. Fast chefen har pratat om neddragningar på hela avdelningen.", "(inget)"),
    ("job_at_risk", {"employment_status": "anstalld"}, "nej hon är fast anställd och trivs", False),
    # what "fast" concedes names another question of the same area: that one's, not this
    ("benefit_ending", {"economy_gate": True}, "Nej. Fast hon nämnde ett lån hos Klarna", False),
    ("life_event", {}, "nej inget speciellt, fast hon fick sparken från jobbet i november",
     "(inget)"),
    # an exception after a denial
    ("audit_10", {}, "ingen har sagt något, förutom exfrun för fem år sen", "(inget)"),
    ("friends_drug_use", {}, "nej, de dricker inte mer än normalt, förutom en som röker på",
     "(inget)"),
])
def test_the_sixth_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # a name first: whether it is the client's is not said, so it is shown back
    ("drugs_gate", {}, "Jonas tar kokain varje helg", True),
    # a clause with its own rate after "men" on AUDIT 5, naming another area's words
    ("audit_5", {}, "jobbet har han aldrig missat, men att hämta barnen på förskolan har han "
                    "glömt ungefär en gång i månaden", None),
])
def test_what_is_shown_back_rather_than_stored(question, given, text, value):
    turn = handle_turn(BANK, at(question, **given), text)
    assert question not in stored(turn)
    assert proposed(turn).get(question) == value


def test_the_clients_pronoun_first_is_stored():
    assert stored(handle_turn(BANK, at("drugs_gate"), "Hon tar kokain varje helg")) == \
        {"drugs_gate": True}


def test_a_duration_said_as_a_least_is_shown_back():
    turn = handle_turn(BANK, at("unemployment_months", employment_status="arbetslos"),
                       "längre än ett år i alla fall")
    assert "unemployment_months" not in stored(turn)
    assert proposed(turn).get("unemployment_months") == 12


def test_a_partners_debts_leave_the_household_economy_open():
    turn = handle_turn(BANK, at("economy_gate"),
                       "nej inga ekonomiska problem egentligen, men hennes man har spelskulder")
    assert "economy_gate" not in stored(turn)
    assert stored(handle_turn(BANK, at("economy_gate"), "nej, inga ekonomiska problem")) == \
        {"economy_gate": False}


def test_a_treatment_home_is_housing_through_the_social_services():
    assert stored(handle_turn(BANK, at("housing"), "hon bor på ett HVB-hem sedan en månad")) == \
        {"housing": "stodboende"}


@pytest.mark.parametrize("text, chosen", [
    ("ekonomi och alkohol, hon har inga barn", ["ekonomi", "alkohol"]),  # was with barn
    ("allt, men inga barn finns", [m for m in ALL if m != "barn"]),  # was barn alone
    ("ekonomi och barn", ["ekonomi", "barn"]),
])
def test_a_module_word_denied_is_no_choice(text, chosen):
    assert stored(handle_turn(BANK, at("modules_chosen"), text)) == {"modules_chosen": chosen}


def test_an_age_said_with_snart_after_it_is_not_reached_yet():
    assert stored(handle_turn(BANK, at("client_age"), "trettiofem snart")) == {"client_age": 34}
    assert stored(handle_turn(BANK, at("client_age"), "35, snart 36")) == {"client_age": 35}


def test_extra_of_a_medicine_opens_the_drugs_area():
    assert stored(handle_turn(BANK, at("drugs_gate"), "hon har tagit extra sobril några gånger "
                                                      "i höstas")) == {"drugs_gate": True}
    assert "drugs_gate" not in proposed(handle_turn(BANK, at("client_sex"),
                                                    "kvinna, hon tog en extra promenad"))


@pytest.mark.parametrize("question, given, text, value", [
    ("registered_af", {"employment_status": "arbetslos"}, "inskriven på af är hon inte", False),
    ("swedish_language", {}, "han klarar sig, pratar ganska bra", None),  # how good is not said
    ("drugs_gate", {}, "nej inga droger, men hon tar fler sömntabletter än hon får", None),
    ("months_on_assistance", {"economy_gate": True, "income_source": "forsorjningsstod"},
     "han har varit arbetslös i tre år och haft bistånd i ett halvår", None),  # was 12
])
def test_the_second_probe_files_silent_errors(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question) == value


def test_a_fronted_object_is_denied_after_its_inverted_verb():
    read = proposed(handle_turn(BANK, at("client_sex"), "kvinna, skulder har hon inga"))
    assert read.get("debts") is not True


def test_children_living_with_the_client_say_nothing_of_her_housing():
    turn = handle_turn(BANK, at("client_sex"), "kvinna, två barn som bor hos henne")
    assert "housing" not in proposed(turn) and proposed(turn).get("children_count") == 2
    assert proposed(handle_turn(BANK, at("client_sex"), "kvinna, hon bor hos sin syster just nu")) \
        .get("housing") == "inneboende"


@pytest.mark.parametrize("question, given, text, value", [
    ("dudit_3", {"drugs_gate": True}, "tre fyra jointar", 2),  # 3-4 times a day
    ("dudit_3", {"drugs_gate": True}, "fem-sex linor en kväll", 3),
])
def test_intakes_counted_by_what_is_taken(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)) == {question: value}


def test_at_least_offers_the_option_at_its_floor_first():
    assert proposed(handle_turn(BANK, at("audit_5"), "minst en gång i veckan")) == {"audit_5": 3}


@pytest.mark.parametrize("question, given, text, value", [
    ("disability", {}, "han är rullstolsburen sedan olyckan", True),
    ("disability", {}, "hon är nästan blind", True),
    ("upper_secondary", {}, "hon har en kandidatexamen från Iran", True),
    ("job_at_risk", {"employment_status": "anstalld"}, "vikariatet tar slut i mars", True),
    ("job_at_risk", {"employment_status": "anstalld"}, "det ska varslas på företaget", True),
])
def test_work_and_health_said_in_other_words(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)) == {question: value}


def test_living_there_with_others_is_not_living_alone():
    turn = handle_turn(BANK, at("client_sex"), "man, bor där med fru och tre barn i en trea")
    assert proposed(turn).get("lives_alone") is False


def test_a_yes_leading_into_another_questions_fact_in_the_same_area_is_not_stored():
    # Found trying the product: stored as a refusal of assistance in the last half-year.
    at_refusal = at("recent_refusal", economy_gate=True, income_source="forsorjningsstod",
                    months_on_assistance=12)
    turn = handle_turn(BANK, at_refusal, "ja, hon har skulder hos inkasso men inga hos KFM, "
                                         "och hon ligger två månader efter med hyran")
    assert "recent_refusal" not in stored(turn) and proposed(turn).get("debts") is True
    # Joined by "och" (which the clause split takes), the yes stands on its own.
    turn = handle_turn(BANK, at("debts_growing", debts=True), "ja och hon har fått en vräkningsanmälan")
    assert stored(turn) == {"debts_growing": True}


@pytest.mark.parametrize("question, given, text, kept, shown", [
    # Not sure, then what it may be: neither a skip nor stored, what is read shown back.
    ("income_source", {"economy_gate": True},
     "vet inte riktigt, nåt från fk tror jag, eller om det var af", "(inget)", None),
    ("housing", {}, "vet inte riktigt, hon har nycklar till pojkvännens lägenhet men är "
                    "skriven hos mamma", "(inget)", "inneboende"),
    ("audit_2", {"audit_gate": True}, "vet inte, fyra", "(inget)", 1),  # the comma, as typed
    # A short reason after it: a skip.
    ("housing", {}, "vet inte, hon sa inget om det", None, None),
    ("housing", {}, "vet inte riktigt", None, None),
])
def test_not_sure_then_a_guess_is_shown_back_not_skipped(question, given, text, kept, shown):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept
    assert proposed(turn).get(question) == shown


@pytest.mark.parametrize("question, given, text, kept", [
    ("client_age", {}, "tjugo nånting, jag har inte personnumret framför mig", "(inget)"),
    ("client_age", {}, "trettio plus", "(inget)"),
    ("months_on_assistance", {"economy_gate": True, "income_source": "forsorjningsstod"},
     "kanske fem, kanske sex, jag får kolla i systemet", "(inget)"),
    ("months_on_assistance", {"economy_gate": True, "income_source": "forsorjningsstod"},
     "tre månader i våras, sen fick han jobb, och nu igen sen november", "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "två år i januari", "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "två år", 24),
    ("children_count", {"children_in_household": True}, "två egna och en bonus", 3),
    ("client_age", {}, "hon är tjugotre", 23),
])
def test_a_number_that_is_not_one_number_is_asked(question, given, text, kept):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept


@pytest.mark.parametrize("question, given, text, kept", [
    ("swedish_language", {}, "gått klart sfi", "(inget)"),  # finished: not "Läser SFI"
    ("swedish_language", {}, "hon har gått klart sfi men svenskan är fortfarande svag", "svaga"),
    ("swedish_language", {}, "hon läser sfi", "sfi"),
    ("employment_status", {}, "jobbar på att sluta dricka, annars gör han ingenting", "(inget)"),
    ("employment_status", {}, "jobbar på ica", "anstalld"),
])
def test_words_of_several_read_as_the_vocabulary_says(question, given, text, kept):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept


@pytest.mark.parametrize("question, given, text, kept", [
    ("disability", {"health_gate": True}, "hörselskadad på ena örat men det påverkar inte",
     "(inget)"),
    ("lives_alone", {"housing": "eget_kontrakt"},
     "hon bor ensam men dottern sover där varannan vecka", "(inget)"),
    ("lives_alone", {"housing": "eget_kontrakt"}, "hon bor ensam, men dottern hälsar på", True),
    ("disability", {"health_gate": True}, "hon har adhd", True),
])
def test_a_yes_that_holds_in_part_is_asked(question, given, text, kept):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept


@pytest.mark.parametrize("question, given, text, kept", [
    ("audit_1", {}, "en två gånger i veckan", "(inget)"),  # once or twice: across a border
    ("audit_2", {"audit_1": 2}, "en 50cl starköl", 0),  # "en" before digits is one can
    ("audit_1", {}, "brorsan dricker varje helg, han själv mer sällan", "(inget)"),
    ("audit_1", {}, "fyra gånger i veckan eller oftare", 4),
    ("drugs_gate", {}, "inte hon, men sambon röker gräs varje kväll", False),
    ("debts", {}, "inte han, men frun har skulder hos kfm", False),
    ("rent_arrears", {"economy_gate": True}, "hyresskuld hade hon i våras", "(inget)"),
])
def test_ranges_comparisons_and_fronted_words_are_read_as_said(question, given, text, kept):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept


@pytest.mark.parametrize("text, kept", [
    ("Ida 24 kom hit själv. Han spelar på nätcasino varje kväll och hon har tagit ett lån",
     "(inget)"),  # two people, two pronouns: whose is not said
    ("han, 61 år gammal", "man"),
    ("kvinna, 30, hon kom med sin sambo, han väntade ute", "kvinna"),  # its own word decides
])
def test_a_pronoun_names_the_client_only_when_it_is_the_only_one(text, kept):
    turn = handle_turn(BANK, at("client_sex"), text)
    assert stored(turn).get("client_sex", "(inget)") == kept


@pytest.mark.parametrize("text, kept", [
    ("hon hade med sig sin kontaktperson från lss, ingen annan", "(inget)"),
    ("nej, hon hade med sig sin sambo", False),
])
def test_a_professional_along_is_no_partner_or_household(text, kept):
    turn = handle_turn(BANK, at("seen_alone"), text)
    assert stored(turn).get("seen_alone", "(inget)") == kept


@pytest.mark.parametrize("text, kept", [
    ("inga hyresskulder", "(inget)"),  # one kind of debt denied: the others not said
    ("hon har inga csn-skulder", "(inget)"),
    ("han har inga spelskulder", "(inget)"),
    ("inga sms-lån", "(inget)"),
    ("nej inga skulder alls", False),
    ("hon har inga skulder, inte ens csn", False),
    ("hon har hyresskulder", True),
])
def test_a_kind_of_debt_denied_is_no_denial_of_debts(text, kept):
    turn = handle_turn(BANK, at("debts"), text)
    assert stored(turn).get("debts", "(inget)") == kept


@pytest.mark.parametrize("text, kept, dropped", [
    # two accounts of a fact volunteered beside the open question's answer: not offered
    ("Kvinna. Hon säger att hon dricker två öl på fredagar, dottern säger att det är varje "
     "kväll.", set(), {"audit_1"}),
    # another's words about another area leave her account of this one offered
    ("Kvinna. Hon säger att hon har skulder hos kfm. Sambon säger att hon är deprimerad.",
     {"debts"}, set()),
    # another's words about another question of the same area leave it offered
    ("Kvinna. Hon dricker vin nästan varje kväll. Hon säger att hon tar tabletterna som läkaren "
     "sagt. Dottern har sagt åt henne att dra ner på vinet.", {"audit_1"}, set()),
])
def test_two_accounts_of_a_volunteered_fact_are_not_offered(text, kept, dropped):
    offered = proposed(handle_turn(BANK, at("client_sex"), text))
    assert kept <= set(offered) and not dropped & set(offered)


@pytest.mark.parametrize("question, given, text, value", [
    # a person word after a possessive names someone close, not the client
    ("client_sex", {}, "Samira, 29, kom från Syrien med sin man och tvillingarna", "(inget)"),
    ("client_sex", {}, "kvinna, 30, hon kom med sin man", "kvinna"),
    ("client_sex", {}, "en man, 40", "man"),
    # a number said as a bound is asked
    ("unemployment_months", {"employment_status": "arbetslos"}, "Snart ett år.", "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "Ungefär två år, kanske mer.",
     "(inget)"),
    ("months_on_assistance", {"economy_gate": True}, "Ett halvår ungefär, kanske lite mer.",
     "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "två år", 24),
    # the job lost names when unemployment began; another event's time does not
    ("unemployment_months", {"employment_status": "arbetslos"}, "hon blev uppsagd för ett år sen",
     12),
    ("unemployment_months", {"employment_status": "arbetslos"}, "kom till Sverige för tre år sen",
     "(inget)"),
    ("client_age", {}, "nästan 30", 29),  # an age below a birthday is the year before
    # "inga hos kfm": none at that place, the rest not said
    ("debts", {"economy_gate": True}, "Inga hos kfm i alla fall.", "(inget)"),
    ("debts", {"economy_gate": True}, "inga skulder", False),
    # underhållsstöd and barnbidrag are paid by Försäkringskassan
    ("income_source", {"economy_gate": True}, "Underhållsstöd och barnbidrag, det är allt hon har.",
     "forsakringskassan"),
    ("income_source", {"economy_gate": True}, "föräldrapenning, hon är hemma med bebisen",
     "forsakringskassan"),
    # decided by AF, paid by FK: filed under either, so asked
    ("income_source", {"economy_gate": True}, "etableringsersättning från AF", "(inget)"),
    ("income_source", {"economy_gate": True}, "han får aktivitetsstöd", "(inget)"),
    # a time inside the question's own period is no time before it
    ("debts_growing", {"economy_gate": True, "debts": True},
     "Nej, de har legat still sen i somras, men de växte mycket i våras.", "(inget)"),
    ("debts_growing", {"economy_gate": True, "debts": True},
     "de växte för några år sen men inte nu", False),
    # avaktualiserad is no longer registered
    ("registered_af", {"employment_status": "arbetslos"},
     "ja men hon ar avaktualiserad sen oktober for att hon inte kom pa motena", "(inget)"),
    ("registered_af", {"employment_status": "arbetslos"}, "hon blev avaktualiserad i somras", False),
    # a past tense before an option tells of a time over
    ("swedish_language", {}, "Hon läste sfi 2019 till 2021 men har slutat, och pratar "
                             "fortfarande ganska dåligt.", "(inget)"),
    ("swedish_language", {}, "hon läser sfi", "sfi"),
    # a hedge first, or "men jobbar ändå", on a yes
    ("health_gate", {}, "typ, hon har ont i ryggen men jobbar anda fullt", "(inget)"),
    ("health_gate", {}, "hon har ont i ryggen men jobbar ändå", "(inget)"),
    ("health_gate", {}, "hon har ont i ryggen", True),
])
def test_the_tenth_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


def test_an_impression_of_a_yes_is_shown_back_and_a_no_is_stored():
    turn = handle_turn(BANK, at("mental_ill_health", health_gate=True),
                       "Ingen diagnos, men hon verkar deprimerad.")
    assert "mental_ill_health" not in stored(turn)
    assert proposed(turn).get("mental_ill_health") is True
    turn = handle_turn(BANK, at("job_at_risk", employment_status="anstalld"), "nä det verkar lugnt")
    assert stored(turn).get("job_at_risk") is False


@pytest.mark.parametrize("question, given, text", [
    # an answer taken back: what follows is shown back or asked, never the first answer
    ("months_on_assistance", {"economy_gate": True},
     "Åtta. Nej, jag tittade i fel akt, det här är hennes första ansökan någonsin."),
    ("employment_status", {}, "Studerar. Eller, hon hoppade av komvux i oktober, så just nu gör "
                              "hon ingenting särskilt."),
    ("unemployment_months", {"employment_status": "arbetslos"},
     "Tre år. Eller nej, han hade ett vikariat på skolan i våras, så det är sen maj."),
    ("swedish_language", {}, "Läser sfi. Nej stryk det, hon slutade sfi i våras och har inte "
                             "börjat igen, vi behöver tolk."),
    ("mental_ill_health", {"health_gate": True}, "Ingen psykisk ohälsa. Eller jo, hon har "
                                                 "diagnosen generaliserat ångestsyndrom sen 2022."),
    ("audit_3", {"audit_1": 2}, "Varje helg. Nej stryk det, det vet jag faktiskt inte."),
    ("audit_10", {}, "Nej ingen. Eller jo, hans bror sa i somras att han dricker för mycket."),
    # two accounts: hers marked as her own, or another's said first with "enligt"
    ("health_gate", {}, "Själv säger hon att hon är frisk. Sambon, som var med förra gången, "
                        "berättade att hon inte kommer ur sängen vissa dagar."),
    ("lives_alone", {"housing": "eget_kontrakt"},
     "Enligt grannen bor det en man där också, hon säger att hon bor ensam."),
    # a question back first: what follows is what the case worker is unsure of
    ("benefit_ending", {"economy_gate": True}, "Vad räknas som nyligen? Sjukpenningen tog slut i juni."),
    # no typical day
    ("audit_2", {"audit_1": 2}, "Det beror på, ibland ett glas, ibland hela flaskan."),
])
def test_the_ninth_probe_files_silent_errors_stay_mended(question, given, text):
    assert question not in stored(handle_turn(BANK, at(question, **given), text))


@pytest.mark.parametrize("question, given, text, value", [
    ("unemployment_months", {"employment_status": "arbetslos"}, "1,5 år", 18),  # decimal comma
    ("lives_alone", {"housing": "eget_kontrakt"},
     "hon säger att hon bor ensam, enligt grannen är hon snäll", True),
    ("debts", {"economy_gate": True}, "Hyresskuld? Ja, två månader.", True),  # an echo
    ("audit_1", {}, "varje dag", 4),
])
def test_what_the_ninth_files_rules_leave_stored(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question) == value


@pytest.mark.parametrize("text, value", [
    ("innan dess var han arbetslös i ett år", "(inget)"),  # a state of before
    ("han är arbetslös sedan ett år", "arbetslos"),
])
def test_a_choice_stated_in_the_past_is_not_todays(text, value):
    assert stored(handle_turn(BANK, at("employment_status"), text)).get(
        "employment_status", "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # medicines taken as prescribed are no drug use (DUDIT's preamble)
    ("drugs_gate", {}, "hon tar benso varje dag men det är utskrivet", "(inget)"),
    ("dudit_1", {"drugs_gate": True}, "hon tar benso varje dag men det är utskrivet", "(inget)"),
    ("drugs_gate", {}, "hon tar benso utan recept", True),
    ("drugs_gate", {}, "nej, bara sina tabletter som ordinerat", False),
    ("dudit_1", {"drugs_gate": True}, "oxikodon varje dag, mer än hon fått utskrivet", 4),
])
def test_prescribed_use_is_no_drug_use(question, given, text, value):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == value
    assert "dudit_1" not in proposed(turn) or value != "(inget)"


@pytest.mark.parametrize("question, given, text, value", [
    # a debt paid off is gone; one being paid off is still there
    ("rent_arrears", {"economy_gate": True}, "hon har betalat av hyresskulden nu", False),
    ("debts", {"economy_gate": True}, "hon har betalat av hyresskulden nu", "(inget)"),
    ("debts", {"economy_gate": True}, "hon har betalat av sina skulder", False),
    ("debts", {"economy_gate": True}, "hon betalar av skulderna hos kfm", True),
    ("rent_arrears", {"economy_gate": True}, "hon betalar av hyresskulden", True),
    # a yes taken away after "men"
    ("driving_licence", {}, "hon har körkort men det är indraget", "(inget)"),
    ("driving_licence", {}, "har körkort men ingen bil", True),
])
def test_what_is_paid_off_or_taken_away_is_not_a_yes(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # an interpreter is a professional, neither partner nor household
    ("seen_alone", {}, "nej, tolken var med", "(inget)"),
    # a yes or no hedged with "kanske" is shown back; a hedged number, or a risk said as
    # a maybe, is as said
    ("shelter_tonight", {"housing": "bostadslos"}, "hon kan sova hos en kompis ikväll kanske",
     "(inget)"),
    ("benefit_ending", {"economy_gate": True}, "ja han har kanske 30 dagar kvar med a-kassa", True),
    ("job_at_risk", {"employment_status": "anstalld"}, "provanställningen kanske inte förlängs", True),
])
def test_an_interpreter_and_a_hedged_yes(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("text, value", [
    # a no as a sentence of its own, then someone's worry told: not a no
    ("nej. systern sa åt henne att dra ner i somras", "(inget)"),
    ("nej. syster sa det i somras", "(inget)"),
    ("nej. ingen har sagt något", 0),
])
def test_an_event_told_after_a_bare_no(text, value):
    assert stored(handle_turn(BANK, at("audit_10"), text)).get("audit_10", "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # journal short forms
    ("employment_status", {}, "studerar komvux halvtid + timanst hemtj ca 10 tim/v", "(inget)"),
    ("income_source", {"economy_gate": True}, "fsd + barnbidr.", "(inget)"),
    ("audit_2", {"audit_1": 2}, "4 st stor stark", 2),
    # about a duration, under assessment, both at once, not really
    ("unemployment_months", {"employment_status": "arbetslos"}, "ca 2 år", "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "två år", 24),
    ("disability", {"health_gate": True}, "utreds för autism, ingen diagnos ännu", "(inget)"),
    ("disability", {"health_gate": True}, "hon har autism", True),
    ("sought_help", {}, "ja o nej asså, remiss fr vc men hon ville själv typ", "(inget)"),
    ("employment_status", {}, "Det är lite av allt. Hon jobbar extra i en kiosk några kvällar, "
                              "men mest går hon på SFI på förmiddagarna.", "(inget)"),
    ("drug_free_contacts", {}, "Nej, inte egentligen. Han har en moster som ställt upp.", "(inget)"),
    # late rent is a rent debt; "nyligen" is months, not the year; "var på" is then
    ("debts", {"economy_gate": True}, "nä inga skulder, fast hyran e sen den här månaden", "(inget)"),
    ("rent_arrears", {"economy_gate": True}, "hyran är sen den här månaden", True),
    ("life_event", {}, "mamma dog i mars", "(inget)"),
    ("life_event", {}, "hennes mamma gick bort i somras", True),
    ("employment_status", {}, "hon var på praktik på en förskola en vecka i nian", "(inget)"),
    ("employment_status", {}, "hon är på praktik", "annat"),
    # the twelfth file's: another's account told after it, a rate corrected, alcohol beside a drug
    ("audit_4", {"audit_1": 3}, "Han kan inte sluta när han väl börjat, säger sambon. Själv säger "
                                "han att det aldrig är något problem att sluta.", "(inget)"),
    ("audit_8", {"audit_1": 3}, "Någon gång i månaden typ. Eller oftare i somras.", "(inget)"),
    ("dudit_2", {"drugs_gate": True}, "Kokain, och då dricker han alltid till, varannan helg.",
     "(inget)"),
])
def test_the_eleventh_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


def test_not_asked_yet_is_a_skip():
    turn = handle_turn(BANK, at("audit_1"), "det har jag inte frågat")
    assert stored(turn) == {"audit_1": None}


@pytest.mark.parametrize("text, kept, dropped", [
    # a volunteered yes that "men" takes away or says does not matter is not offered
    ("Man, 38. Han har körkort men det är indraget sen i oktober, och han har betalat av "
     "hyresskulden nu.", {"rent_arrears"}, {"driving_licence"}),
    ("Man, 38. Han har körkort. Han har också skulder hos kfm.", {"driving_licence", "debts"},
     set()),
    # an option that "men" gives to someone else is not offered; one said after it is
    ("Kvinna 40. Hon bor i hyresrätt men sambon står på kontraktet. Hon har lön.",
     {"income_source"}, {"housing"}),
    # money that is not enough is still the source
    ("Kvinna 40. Hon har lön men den räcker inte.", {"income_source"}, set()),
    # a no said of one person, then another after "men": not offered (found trying it)
    ("Kvinna 40. Ingen kontakt med pappan, men mamman ställer alltid upp.", {"client_age"},
     {"family_contact"}),
    # the same when another clause gave the no (found trying the product)
    ("Man 47. Pappan är död, ingen kontakt med mamman men systern ställer upp.", {"client_age"},
     {"family_contact"}),
])
def test_a_volunteered_fact_that_men_takes_back_is_not_offered(text, kept, dropped):
    offered = proposed(handle_turn(BANK, at("client_sex"), text))
    assert kept <= set(offered) and not dropped & set(offered)


def test_a_volunteered_yes_taken_back_is_not_offered_beside_an_answer():
    # the same rule beside the open question's own answer
    turn = handle_turn(BANK, at("client_age"), "38, han har körkort men det är indraget")
    assert stored(turn).get("client_age") == 38
    assert "driving_licence" not in proposed(turn)


@pytest.mark.parametrize("text, value", [
    # in the client's own words, a skip phrase with nothing beside it is a skip at any length
    ("Det har jag inte frågat henne än.", None),
    ("vet inte", None),
    # anything more is her answer
    ("Jag har inte frågat än, men hon sa att hon vill ha ett jobb.",
     "Jag har inte frågat än, men hon sa att hon vill ha ett jobb."),
])
def test_a_skip_in_the_clients_own_words(text, value):
    assert stored(handle_turn(BANK, at("own_needs"), text)) == {"own_needs": value}


@pytest.mark.parametrize("text, value", [
    # a past verb inside "sedan …" dates the start of what goes on now
    ("Nej. Men hennes systers två barn sover hos henne varje natt sedan systern blev inlagd "
     "i november.", "(inget)"),
    # a past of its own does not go back on today's no
    ("Nej. Men barnen bodde hos henne när de var små.", False),
])
def test_since_a_past_event_is_now(text, value):
    turn = handle_turn(BANK, at("children_in_household"), text)
    assert stored(turn).get("children_in_household", "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # after a no to an event item, a clause after "fast" about someone may be the event in
    # other words; another item's event after "men" is not
    ("audit_10", {"audit_1": 2}, "Inte vad hon vet. Fast hennes mamma har frågat om "
     "vinflaskorna i skafferiet.", "(inget)"),
    ("audit_9", {"audit_1": 2}, "nej, men läkaren sa åt honom att dra ner förra veckan", 0),
    # a no that holds since a time inside the period asked about; and one for all of it
    ("debts_growing", {"economy_gate": True, "debts": True},
     "De växte fram till i våras, men sedan dess har han en avbetalningsplan och de minskar.",
     "(inget)"),
    ("drugs_gate", {}, "nej, slutade med allt för tre år sen och har varit ren sen dess", False),
    # an option limited in its own matter is asked; another person's clause is theirs
    ("swedish_language", {}, "Hon pratar bra svenska i vardagen, men hon kan inte läsa eller "
     "skriva på svenska.", "(inget)"),
    ("income_source", {"economy_gate": True}, "hon har lön, men exmannen betalar inget "
     "underhåll", "lon"),
    ("income_source", {"economy_gate": True}, "ingen inkomst just nu. hon har sökt sjukpenning "
     "men FK har inte fattat beslut", "ingen"),
])
def test_what_men_or_fast_goes_on_to(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # a statement after "fast" goes on over commas: a child there part of the time
    ("lives_alone", {"housing": "eget_kontrakt"},
     "Ja, fast hennes enda barn, dottern på 16, bor hos henne varannan vecka.", "(inget)"),
    # after a no to an area's gate, another question of the area after "fast" leaves it open
    ("drugs_gate", {}, "Nej, inga droger. Fast hon tar fler av sina sömntabletter än läkaren "
     "har skrivit ut.", "(inget)"),
    # a no in so many words, then "fast"
    ("life_event", {}, "Inget särskilt, fast hon förlorade jobbet för tre veckor sedan.", "(inget)"),
    # "förutom att" tells an exception to the no
    ("difficult_family_situation", {}, "Nej, det är lugnt hemma, förutom att hon och exmannen "
     "bråkar om vårdnaden.", "(inget)"),
    ("difficult_family_situation", {}, "Nej, det är lugnt hemma.", False),
    # ages with a child who lives mostly elsewhere: which are the household's is asked
    ("children_ages", {"children_in_household": True},
     "5 och 11, och så bonusdottern på 14, fast hon bor mest hos sin mamma.", "(inget)"),
    ("children_ages", {"children_in_household": True}, "5 och 11", [5, 11]),
    # an event before the year and one of now: asked; before the year alone: as said
    ("audit_10", {"audit_1": 3}, "Ja, läkaren sa åt henne att dra ner för två år sedan, och nu "
     "tjatar dottern om det hela tiden.", "(inget)"),
    ("audit_10", {"audit_1": 3}, "Ja, läkaren sa åt henne att dra ner, senast för två år sedan.", 2),
    # drinks of before are not today's amount
    ("audit_2", {"audit_1": 4}, "En flaska vin. Förut drack hon bara ett glas till maten.", 2),
    ("audit_2", {"audit_1": 4}, "Förut drack hon bara ett glas till maten.", "(inget)"),
])
def test_the_thirteenth_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # two rates within the year, the later "from then on": asked
    ("audit_3", {"audit_1": 3}, "I somras var det varje helg, men sedan hon började jobba i "
     "september har hon bara druckit sig full en gång.", "(inget)"),
    ("audit_3", {"audit_1": 3}, "varje helg", 3),
    # his account marked as his, beside another part about the question
    ("audit_10", {"audit_1": 3}, "Mamman ringde hit i förra veckan, hon är jätteorolig för hans "
     "drickande. Själv säger han att ingen har klagat.", "(inget)"),
    # the case worker's own observation after "men" is an account too
    ("dudit_4", {"drugs_gate": True}, "Han säger att han aldrig är påtänd, men han var så "
     "påverkad i väntrummet i dag att vi fick avbryta mötet.", "(inget)"),
    # on a later item, the sentence that names it: the month is how often she uses
    ("dudit_6", {"drugs_gate": True}, "Hon tar ketamin på fester ungefär en gång i månaden. Hon "
     "kan sluta när hon vill, säger hon.", "(inget)"),
    ("dudit_6", {"drugs_gate": True}, "Hon kan inte sluta när hon väl börjat, det händer en gång "
     "i månaden.", 2),
])
def test_the_twelfth_probe_files_last_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


def test_jatte_makes_a_word_stronger_only():
    from bot.reading.vocabulary import normalise
    assert normalise("hon ar jatteorolig") == "hon ar orolig"
    assert normalise("en jatte") == "en jatte"


@pytest.mark.parametrize("question, given, text, value", [
    # between the rarest option and never
    ("audit_1", {}, "Sällan om ens någonsin.", "(inget)"),
    ("audit_1", {}, "sällan", 1),
    # a no said of one person, then another person after "men"
    ("family_contact", {}, "Ingen kontakt med pappan, men mamman ställer alltid upp.", "(inget)"),
    # "inte så att hon saknar" is no denial
    ("labour_network", {}, "Inte så att hon saknar kontakter – hennes bror driver ett "
     "bemanningsföretag.", "(inget)"),
    # a negation does not reach into a clause of its own
    ("relapse", {}, "Hon har inte varit nykter en dag sedan hon började dricka igen i våras, "
     "efter två år utan alkohol.", True),
    ("benefit_ending", {"economy_gate": True}, "Ingen vet hur hon ska klara sig när "
     "sjukpenningen tar slut om tre veckor.", True),
    # "vill inte dricka" is a wish to stop, not "vill inte"
    ("motivation_stage", {}, "Hon vill inte dricka längre. Hon har hällt ut all sprit hemma.",
     "(inget)"),
    ("motivation_stage", {}, "hon vill inte alls", "inte_aktuellt"),
])
def test_the_fourteenth_probe_files_silent_errors_stay_mended(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


def test_someone_elses_contract_leaves_the_clients_sex_hers():
    # found trying the product: "men sambon står på kontraktet" is the contract's, not hers
    text = "Kvinna, 44. Hon bor i hyresrätt men sambon står på kontraktet."
    turn = handle_turn(BANK, at("client_sex"), text)
    assert stored(turn) == {"client_sex": "kvinna"}
    assert "housing" not in proposed(turn)


@pytest.mark.parametrize("text, value", [
    # a no held only at some times is no "Aldrig"; "inte ens när" is never, even then
    ("hon dricker inte när barnen är hemma", "(inget)"),
    ("nej, hon dricker aldrig, inte ens när hon är på fest", 0),
    ("hon dricker inte", 0),
])
def test_a_no_held_only_at_some_times(text, value):
    assert stored(handle_turn(BANK, at("audit_1"), text)).get("audit_1", "(inget)") == value


@pytest.mark.parametrize("text, kept, dropped", [
    # found trying the product: a debt "men de är betalda nu" is none left
    ("Man 50. Han har skulder hos kfm, men de är betalda nu.", {"client_age"},
     {"debts", "kronofogden"}),
    # where the children live is not the client's home
    ("Man 45, har två barn men de bor hos mamman.", {"client_age"}, {"housing"}),
    ("Man 45, bor hos sin mamma.", {"housing"}, set()),
])
def test_what_men_says_of_a_volunteered_fact_found_trying_it(text, kept, dropped):
    offered = proposed(handle_turn(BANK, at("client_sex"), text))
    assert kept <= set(offered) and not dropped & set(offered)


def test_a_gates_yes_keeps_when_men_takes_a_later_questions_fact():
    text = "ja. Förra året hade hon skulder men de är betalda nu, så inga skulder idag."
    assert stored(handle_turn(BANK, at("economy_gate"), text)) == {"economy_gate": True}


@pytest.mark.parametrize("question, given, text, value", [
    # SFI finished is no longer SFI read
    ("swedish_language", {}, "Har klarat SFI D.", "(inget)"),
    ("swedish_language", {}, "läser sfi", "sfi"),
    # äldreförsörjningsstöd is Pensionsmyndigheten's, not the municipality's
    ("income_source", {"economy_gate": True}, "Äldreförsörjningsstöd.", "annan"),
    ("income_source", {"economy_gate": True}, "försörjningsstöd", "forsorjningsstod"),
    # an option, then after "men" another option of the question: which holds is asked
    ("housing", {}, "Har bott på gatan, men sedan en månad har han en försökslägenhet.", "(inget)"),
    ("housing", {}, "har eget kontrakt men bor hos sin mamma just nu", "(inget)"),
    ("housing", {}, "försökslägenhet via soc", "stodboende"),
    ("income_source", {"economy_gate": True}, "ingen inkomst just nu. hon har sökt sjukpenning "
     "men FK har inte fattat beslut", "ingen"),
    # sjukpenning is paid while sick-listed: beside a job, two activities
    ("employment_status", {}, "Sjukpenning sedan i somras efter en ryggoperation. Han är fast "
     "anställd som busschaufför.", "(inget)"),
    ("employment_status", {}, "Han är fast anställd som busschaufför.", "anstalld"),
])
def test_the_fifteenth_probe_files_mended_silent_errors(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, text, value", [
    # she lives elsewhere, after "men", in words no option holds
    ("housing", "Har förstahandskontrakt på en etta men bor för det mesta hos pojkvännen.",
     "(inget)"),
    ("housing", "Har förstahandskontrakt på en etta.", "eget_kontrakt"),
    # two activities, each a share of the time: neither is the main one
    ("employment_status", "SFI på förmiddagarna och praktik via AF på eftermiddagarna.", "(inget)"),
    ("employment_status", "jobbar deltid på ett lager", "anstalld"),
])
def test_another_home_or_a_shared_day(question, text, value):
    assert stored(handle_turn(BANK, at(question), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # a no, then straight after it "men"/"fast" and something the bank places nowhere else:
    # it may be the question's answer in other words, so the no is asked back
    ("debts", {"economy_gate": True}, "nej, inga skulder, fast mobilräkningen är obetald sen "
     "två månader", "(inget)"),
    ("drugs_gate", {}, "nej inga droger, men hon tar sin sambos tabletter ibland", "(inget)"),
    # counter-examples: "men" goes on to another question's subject, or to nothing of its
    # own, or comes later, after something else than the no
    ("debts", {"economy_gate": True}, "nej inga skulder, men hon har inget körkort", False),
    ("drugs_gate", {}, "nej inga droger men hon dricker för mycket", False),
    ("drugs_gate", {}, "nej inga droger, men inte alkohol heller", False),
    ("relative_with_misuse", {}, "nej inte som anhörig till missbruk, det är spel det handlar "
     "om, men hon vill ha stöd i att hantera honom", False),
])
def test_a_no_then_men_with_something_unplaced_is_asked(question, given, text, value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("text, value", [
    # the stages by time (Prochaska & DiClemente, not in the reports): acting is the first
    # six months after the change, maintaining after that; a time against the stage read,
    # or on the border, is asked
    ("Hon slutade dricka för två månader sedan.", "agerar"),
    ("Hon slutade dricka för två år sedan.", "(inget)"),
    ("Han har slutat dricka sedan tre år tillbaka.", "(inget)"),
    ("Hon slutade för två månader sedan och håller fast vid det.", "(inget)"),
    ("slutade för ett halvår sedan", "(inget)"),
    ("har varit nykter i tre år", "vidmakthaller"),
    ("har varit nykter i tre månader och håller sig nykter", "(inget)"),
])
def test_a_stage_of_change_against_the_time_said(text, value):
    assert stored(handle_turn(BANK, at("motivation_stage"), text)).get("motivation_stage",
                                                                        "(inget)") == value


@pytest.mark.parametrize("text, value", [
    # "inskriven", "utskriven" of another place say nothing of Arbetsförmedlingen
    ("hon är inte inskriven på a-kassan", "(inget)"),
    ("inte inskriven hos FK", "(inget)"),
    ("hon är inskriven på komvux", "(inget)"),
    ("nej, hon blev utskriven från psyk i går", "(inget)"),
    # counter-examples: Arbetsförmedlingen's, or no place named
    ("nej hon är inte inskriven", False),
    ("ja hon är inskriven", True),
    ("inskriven på AF sedan mars", True),
    ("utskriven från AF i oktober", False),
])
def test_enrolled_elsewhere_is_not_enrolled_at_af(text, value):
    turn = handle_turn(BANK, at("registered_af", employment_status="arbetslos"), text)
    assert stored(turn).get("registered_af", "(inget)") == value


@pytest.mark.parametrize("question, given, text, kept, shown", [
    # a no "i alla fall", "åtminstone", "vad gäller …" holds for a part of what is asked:
    # an area's opening question is asked again, another shown back
    ("health_gate", {}, "inget fysiskt i alla fall", "(inget)", None),
    ("drugs_gate", {}, "nej, inget vad gäller tabletter", "(inget)", None),
    ("suicidal_thoughts", {"health_gate": True, "mental_ill_health": True},
     "inte som hon uttryckt iaf", "(inget)", False),
    # counter-examples: a plain no, and "i alla fall" beside a yes
    ("drugs_gate", {}, "nej", False, None),
    ("health_gate", {}, "ja, ont i ryggen i alla fall", True, None),
])
def test_a_no_for_a_part_only(question, given, text, kept, shown):
    turn = handle_turn(BANK, at(question, **given), text)
    assert stored(turn).get(question, "(inget)") == kept
    assert proposed(turn).get(question) == shown


@pytest.mark.parametrize("text, value", [
    ("skolan har gjort en orosanmälan men den lades ner", "(inget)"),  # no longer held
    ("ja, skolan har gjort en orosanmälan", True),
])
def test_a_report_that_was_dropped(text, value):
    turn = handle_turn(BANK, at("child_safety_concern", children_in_household=True), text)
    assert stored(turn).get("child_safety_concern", "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # "för över ett år sedan" is at least a year ago: outside the half-year
    ("recent_refusal", {"economy_gate": True}, "ja, men det var för mer än ett år sedan", False),
    ("recent_refusal", {"economy_gate": True}, "ja, förra månaden", True),
    # a yes, then "förutom …" straight after it: a yes in part
    ("upper_secondary", {}, "ja, utom svenska 3 som han aldrig blev klar med", "(inget)"),
    ("upper_secondary", {}, "ja, hon tog studenten 2010", True),
    # a yes put a year or more back, on a question of today
    ("domestic_violence", {"children_in_household": True, "seen_alone": True},
     "ja, förra sambon hotade henne, men det var för tre år sedan", "(inget)"),
    # a client's account as reported, then "men" and anything of its own: two accounts
    ("client_age", {}, "han säger 41 men i passet står det 43", "(inget)"),
    ("months_on_assistance", {"economy_gate": True, "income_source": "forsorjningsstod"},
     "hon säger fyra månader, men jag ser utbetalningar sedan mars", "(inget)"),
    ("audit_1", {}, "han säger att han dricker varje dag men bara en öl", 4),  # the same account
    # found trying the product: the plain answer first, then an account of another matter
    ("client_sex", {}, "Man, han säger 52 men i pappren står det 54", "man"),
    ("client_age", {}, "54, han säger 52 men i pappren står det 54", "(inget)"),
    # after "men" a matter of another question only: not another account of this one
    ("housing", {}, "han säger att han bor hos en kompis, men han är folkbokförd hos sin "
     "pappa", "inneboende"),
    # "det beror på hur man ser det" is both
    ("employment_status", {}, "det beror på hur man ser det, han har en firma men söker jobb",
     "(inget)"),
    # a frequency with an exception, or after a no of now, or a rate up to a time
    ("audit_3", {"audit_1": 3}, "varannan helg, fast inte när sonen är hos henne", "(inget)"),
    ("dudit_5", {"drugs_gate": True}, "inte längre. Men i våras var suget starkt varje dag",
     "(inget)"),
    ("audit_1", {}, "hon drack varje kväll tills hon blev gravid i augusti, nu inget", "(inget)"),
    # an amount, then more of it after "men", unless the first is the typical one
    ("audit_2", {"audit_1": 3}, "två glas vin, men på helgerna blir det fler", "(inget)"),
    ("audit_2", {"audit_1": 3}, "oftast två glas vin, men på helgerna blir det fler", 0),
    # her own belief without an assessment; another child part of the time; not yet
    ("disability", {"health_gate": True}, "hon tror själv att hon har adhd men är inte utredd",
     "(inget)"),
    ("children_count", {"children_in_household": True}, "tre egna och bonusdottern varannan helg",
     "(inget)"),
    ("children_count", {"children_in_household": True},
     "två, men den yngsta bor hos pappan varannan vecka", 2),
    ("kronofogden", {"economy_gate": True, "debts": True},
     "inte än, men inkassobolaget har sagt att det går vidare till KFM", "(inget)"),
    ("employment_status", {}, "jobbar halvtid, resten a-kassa", "(inget)"),
    # "efter … månader utan" is a relapse in the question's own words, half time a capacity
    ("relapse", {}, "nej, men han rökte på i helgen efter tio månader utan", "(inget)"),
    ("reduced_work_capacity", {"health_gate": True},
     "nej, men enligt intyget klarar hon bara deltid", "(inget)"),
])
def test_the_twenty_sixth_and_seventh_probe_files_mended_silent_errors(question, given, text,
                                                                       value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


@pytest.mark.parametrize("question, given, text, value", [
    # an area's no in one respect only
    ("health_gate", {}, "psykiskt mår han bra", "(inget)"),
    ("health_gate", {}, "nej, han mår bra", False),
    # an impression or a record, then her own account after "men"
    ("health_gate", {}, "hon har tappat mycket i vikt, men hon säger själv att allt är bra",
     "(inget)"),
    # both, said first; the case worker does not know; put off to another time
    ("sought_help", {}, "lite både och, mamman ringde men hon ville själv", "(inget)"),
    ("client_sex", {}, "jag vet inte vad hen vill att vi skriver, jag frågar först", "(inget)"),
    ("drugs_gate", {}, "det får vi ta en annan gång, han orkade inte mer", "(inget)"),
    # a worry like anyone's that affects nothing is no yes
    ("mental_ill_health", {"health_gate": True}, "lite oro som alla har, inget som påverkar",
     "(inget)"),
    # a time ago of another event is no duration of unemployment
    ("unemployment_months", {"employment_status": "arbetslos"}, "hon kom hit för fyra år sedan",
     "(inget)"),
    ("unemployment_months", {"employment_status": "arbetslos"}, "blev arbetslös för två år sedan",
     24),
    # black work, a rent behind, "heltid" alone
    ("income_source", {"economy_gate": True}, "han jobbar svart, inget som syns", "(inget)"),
    ("debts", {"economy_gate": True}, "inga skulder. Men hon ligger efter med hyran", "(inget)"),
    ("employment_status", {}, "studerar på komvux, heltid", "studerar"),
    # a no on family, then a relative she is in touch with
    ("family_contact", {}, "nej, pappan har hon inte träffat på år. Men hon pratar med sin "
     "kusin ibland", "(inget)"),
    ("family_contact", {}, "nej, ingen alls", False),
])
def test_the_twenty_eighth_and_ninth_probe_files_mended_silent_errors(question, given, text,
                                                                      value):
    assert stored(handle_turn(BANK, at(question, **given), text)).get(question, "(inget)") == value


def test_a_denying_phrase_is_read_clause_by_clause_found_trying_it():
    # trying the product: "inga skulder …" was offered although the rent is behind, since the
    # volunteered facts are read joined by ". " and, folded whole, "inga" of the clause
    # before seemed to negate "hyran är efter"
    turn = handle_turn(BANK, at("seen_alone"), "Ja. Hon har haft fsd sedan i somras, inga "
                                               "skulder som hon vet men hyran är efter en månad.")
    assert stored(turn) == {"seen_alone": True} and "debts" not in proposed(turn)
    # counter-example: the no alone is offered
    turn = handle_turn(BANK, at("seen_alone"), "Ja. Hon har haft fsd sedan i somras, inga skulder.")
    assert proposed(turn).get("debts") is False
