"""One turn of the questions: answers, several facts, digressions and corrections, as a
case worker types them. Pure: no Rasa, no database."""
import pytest

from bot.assessment import digressions
from bot.assessment.answer_types import read_answer
from bot.assessment.corrections import find_correction
from bot.assessment.facts import extract_facts
from bot.assessment.question_bank import load_bank, questions_by_id
from bot.assessment.turn import handle_turn
from bot.profile.build import build_profile
from bot.profile.summary import summary_text

BANK = load_bank()
Q = questions_by_id()
ALL = [m.id for m in BANK[1:]]
INTRO = {"client_sex": "man", "client_age": 40, "seen_alone": True, "modules_chosen": ALL}
AT_INCOME = INTRO | {"economy_gate": True}  # the next question is income_source
AT_AUDIT = INTRO | {"modules_chosen": ["alkohol"]}


def stored(turn):
    return {r.question_id: r.value for r in turn.records}


@pytest.mark.parametrize("question, typed, value", [
    ("months_on_assistance", "8 av 12 månader", 8),
    ("months_on_assistance", "hela året", 12),
    ("months_on_assistance", "inga", 0),
    ("unemployment_months", "sedan två år", 24),
    ("unemployment_months", "ett och ett halvt ar", 18),
    ("unemployment_months", "sex manader", 6),
    ("children_count", "tre", 3),
    ("children_ages", "4 och 9", [4, 9]),
    ("housing", "i andra hand", "andrahand"),
    ("housing", "hemlos", "bostadslos"),
    ("client_sex", "vill inte ange", "annat"),
    ("modules_chosen", "alla utom barn", [m for m in ALL if m != "barn"]),
    ("modules_chosen", "ekonomi, boende och alkohol", ["ekonomi", "boende", "alkohol"]),
    ("debts", "ja", True),
    ("debts", "nej", False),
    ("drugs_gate", "osäker", True),  # unsure at a gate opens the module
])
def test_typed_answers_of_every_type(question, typed, value):
    assert read_answer(Q[question], typed, BANK).value == value


@pytest.mark.parametrize("question, typed", [
    ("unemployment_months", "3"),  # months or years? not guessed
    ("months_on_assistance", "15"),  # outside 0-12
    ("debts", "kanske"),  # unsure outside a gate is not a yes
    ("children_ages", "några stycken"),
    ("modules_chosen", "det vanliga"),
])
def test_unclear_answers_are_not_guessed(question, typed):
    assert read_answer(Q[question], typed, BANK) is None


@pytest.mark.parametrize("question, typed, label", [
    ("dudit_3", "en gång", "1–2 gånger"),  # close to "ingen gång" in spelling, not in meaning
    ("dudit_3", "en gang", "1–2 gånger"),
    ("dudit_3", "ingen gang", "0 gånger"),
    ("audit_1", "aldirg", "Aldrig"),  # a typo in the negation itself is still forgiven
])
def test_a_typo_is_forgiven_but_no_negation_is_added_or_lost(question, typed, label):
    assert read_answer(Q[question], typed, BANK).label.startswith(label)


@pytest.mark.parametrize("question, typed", [
    ("motivation_stage", "hon har inte bestämt sig"),  # "bestämt sig", negated
    ("audit_1", "han dricker aldrig alkohol men röker hasch nästan varje dag"),  # two options
    ("audit_1", "inte varje dag"),
])
def test_negated_or_contradictory_options_are_not_guessed(question, typed):
    reading = read_answer(Q[question], typed, BANK)
    assert reading is None or "Förbereder" not in reading.label and "4 gånger" not in reading.label


def proposed(turn):
    return {p.question_id: p.value for p in turn.proposals}


def test_the_issue_example_shows_all_facts_and_stores_them_when_confirmed():
    turn = handle_turn(BANK, AT_INCOME, "Han är arbetslös sedan två år, har skulder hos "
                       "Kronofogden och bor i andrahand")
    facts = {"employment_status": "arbetslos", "unemployment_months": 24,
             "debts": True, "kronofogden": True, "housing": "andrahand"}
    assert stored(turn) == {}  # volunteered facts count only when confirmed
    assert proposed(turn) == facts
    assert turn.messages == ["Frågan om inkomstkälla återstår."]
    assert turn.failures == 0
    yes = handle_turn(BANK, AT_INCOME, "Ja, det stämmer", pending=turn.proposals)
    assert stored(yes) == facts and yes.proposals == []
    assert yes.messages[0].startswith("Noterat: ")
    no = handle_turn(BANK, AT_INCOME, "nej", pending=turn.proposals)
    assert stored(no) == {} and no.proposals == [] and len(no.declined) == 5


def test_facts_beside_a_direct_answer_wait_for_a_yes():
    turn = handle_turn(BANK, AT_INCOME, "försörjningsstöd, och hon har hyresskulder")
    assert stored(turn) == {"income_source": "forsorjningsstod"}
    assert proposed(turn) == {"rent_arrears": True}
    assert turn.records[0].source == "fritext"


def test_a_yes_at_the_gate_keeps_the_income_source_said_with_it():
    turn = handle_turn(BANK, INTRO, "ja, han får försörjningsstöd sedan i våras")
    assert stored(turn) == {"economy_gate": True}
    assert proposed(turn) == {"income_source": "forsorjningsstod"}


@pytest.mark.parametrize("typed, expected", [
    ("hon söker försörjningsstöd", None),  # applying is not living on it
    ("han får inte a-kassa längre", None),
    ("han har haft försörjningsstöd förut", None),
    ("han får sjukpenning men har hyresskulder", "forsakringskassan"),
    ("hon har ingen inkomst alls", "ingen"),
])
def test_the_income_source_is_taken_only_when_stated_for_today(typed, expected):
    facts = {f.question_id: f.value for f in extract_facts(BANK, typed)}
    assert facts.get("income_source") == expected


@pytest.mark.parametrize("typed, prompt", [
    ("han har sagt att han inte orkar leva längre", "⚠ Akut risk"),
    ("hon har haft tankar på att ta livet av sig förra veckan", "⚠ Akut risk"),
    ("förskolan säger att den yngsta ofta kommer hungrig och med blåmärken", "⚠ Oro för ett barn"),
    ("han sover hos olika kompisar, har ingenstans att bo inatt", "⚠ Akut risk"),
])
def test_safety_said_in_passing_is_prompted_at_any_question(typed, prompt):
    turn = handle_turn(BANK, AT_INCOME, typed, failures=1)  # the question is about income
    assert turn.messages[0].startswith(prompt), turn.messages
    assert sum(m.startswith("⚠") for m in turn.messages) == 1
    assert not any("inte säker" in m for m in turn.messages)  # not read as a failed answer
    assert turn.failures == 1 or turn.records  # the housing one also states a fact


@pytest.mark.parametrize("typed", [
    "hon har inga tankar på att ta sitt liv", "han har aldrig haft självmordstankar",
    "barnen mår bra", "lön",
])
def test_no_safety_prompt_for_a_negated_or_harmless_message(typed):
    assert not any(m.startswith("⚠") for m in handle_turn(BANK, AT_INCOME, typed).messages)


def test_negations_are_read_as_no():
    facts = {f.question_id: f.value for f in extract_facts(BANK, "han har inte några skulder "
                                                                 "men bor i egen lägenhet")}
    assert facts == {"debts": False, "housing": "eget_kontrakt"}


def test_a_fact_that_contradicts_a_stored_answer_is_pointed_out_not_stored():
    turn = handle_turn(BANK, AT_INCOME | {"debts": False}, "hon har skulder hos Kronofogden")
    assert "debts" not in stored(turn)
    assert any("det sparade svaret är ”nej”" in m for m in turn.messages)


def test_button_answer_is_recorded_as_a_button():
    turn = handle_turn(BANK, AT_AUDIT, "Aldrig")
    assert turn.records[0].source == "knapp" and stored(turn) == {"audit_1": 0}


@pytest.mark.parametrize("typed, value", [
    ("ungefär två gånger i veckan", 3), ("nej, aldrig", 0), ("varje manad", 1),
    ("dagligen", 4), ("aldirg", 0),
])
def test_audit_item_1_in_free_swedish(typed, value):
    assert stored(handle_turn(BANK, AT_AUDIT, typed)) == {"audit_1": value}


def test_audit_items_9_and_10_past_year_answer():
    answers = AT_AUDIT | {f"audit_{i}": 0 for i in range(1, 9)}
    assert stored(handle_turn(BANK, answers, "ja men inte senaste året")) == {"audit_9": 2}


def test_unclear_answer_is_asked_again_and_explained_after_two_failures():
    first = handle_turn(BANK, AT_AUDIT, "blåbär")
    assert first.records == [] and first.failures == 1
    assert "gissar inte" in first.messages[0] and "Aldrig" in first.messages[0]
    second = handle_turn(BANK, AT_AUDIT, "blåbär igen", failures=1)
    assert second.failures == 2 and second.messages[-1].startswith("Om frågan:")


def test_why_progress_and_small_talk_store_nothing():
    why = handle_turn(BANK, AT_INCOME, "varför frågar du det?")
    assert why.records == [] and "001:4428-4474" in why.messages[0]
    where = handle_turn(BANK, AT_INCOME, "hur långt har vi kommit?")
    assert where.records == [] and "område 2 av 9" in where.messages[0]
    chat = handle_turn(BANK, AT_AUDIT, "vad fint väder det är", intent="chitchat", confidence=0.95)
    assert chat.records == [] and chat.failures == 0


@pytest.mark.parametrize("typed, reason", [
    ("vet inte", "vet inte"),
    ("klienten vill inte svara", "klienten vill inte svara"),
    ("hoppa över", "överhoppad av handläggaren"),
])
def test_skip_is_recorded_with_its_reason(typed, reason):
    turn = handle_turn(BANK, AT_INCOME, typed)
    assert [(r.question_id, r.value, r.source, r.skip_reason) for r in turn.records] == [
        ("income_source", None, "överhoppad", reason)]


def test_long_free_text_with_vet_inte_is_an_answer_not_a_skip():
    answers = {q.id: None for m in BANK for q in m.questions if q.id != "own_needs"}
    text = "Hon vet inte riktigt vad hon vill, men hon vill ha hjälp att betala sina skulder"
    turn = handle_turn(BANK, answers, text)
    assert stored(turn) == {"own_needs": text}


def test_correction_by_naming_the_question():
    answers = AT_AUDIT | {"audit_1": 1, "audit_2": 0}
    turn = handle_turn(BANK, answers, "ändra svaret om hur ofta han dricker till varje vecka")
    assert stored(turn) == {"audit_1": 2}  # once a week is 4-5 times a month: "2–4 gånger"
    assert turn.messages[0].startswith("Ändrat: hur ofta klienten dricker från")


def test_correction_stated_as_a_fact():
    answers = AT_INCOME | {"income_source": "lon", "debts": True}
    turn = handle_turn(BANK, answers, "det var fel, hon har inga skulder")
    assert stored(turn) == {"debts": False}


def test_correction_without_a_clear_value_asks_instead_of_guessing():
    found = find_correction(BANK, {"employment_status": "arbetslos"}, "egentligen är han inte arbetslös")
    assert found.question.id == "employment_status" and found.reading is None
    turn = handle_turn(BANK, AT_INCOME, "ändra ett svar")
    assert turn.records == [] and "Vilket svar vill du ändra?" in turn.messages[0]


def test_summary_lists_scores_factors_skips_deferred_and_own_needs():
    answers = {"client_sex": "kvinna", "seen_alone": False, "modules_chosen": ["ekonomi", "alkohol",
               "natverk", "barn"], "economy_gate": True, "income_source": None, "debts": True,
               "kronofogden": True, "children_in_household": True,
               "own_needs": "Vill få ordning på ekonomin", **{f"audit_{i}": 1 for i in range(1, 7)}}
    answers |= {"audit_7": 0, "audit_8": 0, "audit_9": 0, "audit_10": 0}
    text = summary_text(BANK, answers, {"income_source": "klienten vill inte svara"},
                        build_profile(BANK, answers, __import__("bot.assessment.question_bank",
                                      fromlist=["x"]).load_factors()), 3)
    assert "AUDIT: 6 poäng, når gränsvärdet för kvinnor (6)" in text
    # A positive AUDIT with children in the household: consider an orosanmälan, "genast".
    assert "Överväg om det ger oro för att ett barn far illa" in text and "genast" in text
    assert "Förälder med tecken på riskbruk eller missbruk och barn i hushållet" in text
    assert "Skulder hos Kronofogden (individnivå; skulder hos Kronofogden: ja)" in text
    assert "inkomstkälla (klienten vill inte svara)" in text
    assert "Uppskjutna till ett enskilt samtal med klienten: våld i nära relationer" in text
    assert "”Vill få ordning på ekonomin”" in text
    assert "Boende: " not in text  # not a profile area; housing shows as factors


def test_concern_for_a_child_shows_the_duty_to_report_first():
    answers = INTRO | {"modules_chosen": ["barn"], "children_in_household": True,
                       "children_count": 1, "children_ages": [5]}
    turn = handle_turn(BANK, answers, "ja")
    assert turn.messages[0].startswith("⚠ Oro för ett barn")
    assert "anmälningsskyldighet" in turn.messages[0] and "genast" in turn.messages[0]
    assert "socialtjänstlagen (2025:400)" in turn.messages[0] and "2001:453" not in turn.messages[0]
    assert turn.messages[1] == "Noterat: ja."
    assert handle_turn(BANK, answers, "nej").messages == ["Noterat: nej."]


@pytest.mark.parametrize("answers, typed", [
    ({"modules_chosen": ["boende"]}, "han är hemlös och har ingenstans att sova i natt"),
    ({"modules_chosen": ["halsa"], "health_gate": True, "reduced_work_capacity": False,
      "sick_without_benefit": False}, "ja, och hon har självmordstankar"),
])
def test_acute_risk_shows_the_escalation_message_before_anything_else(answers, typed):
    turn = handle_turn(BANK, INTRO | answers, typed)
    assert turn.messages[0].startswith("⚠ Akut risk") and "112" in turn.messages[0]
    assert len([m for m in turn.messages if m.startswith("⚠")]) == 1


def test_summary_asks_for_collaboration_when_misuse_shows_in_an_eb_case():
    from bot.assessment.question_bank import load_factors

    eb_only = {"client_sex": "man", "economy_gate": True, "income_source": "forsorjningsstod",
               "months_on_assistance": 12, "children_in_household": False}
    drinking = {f"audit_{i}": 2 for i in range(1, 11)}  # 20 points
    text = summary_text(BANK, eb_only | drinking, {},
                        build_profile(BANK, eb_only | drinking, load_factors()), 3)
    assert "Samverkan: tecken på riskbruk eller missbruk i ett ärende om ekonomiskt bistånd" in text
    assert "enheten för missbruk och beroende" in text and "001:6809-6821" in text
    # No children at home: the children's area says so instead of listing housing factors.
    assert "▍Barn i hushållet: inga barn under 18 i hushållet" in text
    plain = summary_text(BANK, eb_only, {}, build_profile(BANK, eb_only, load_factors()), 3)
    assert "Samverkan" not in plain
    # Misuse alone, with no EB questions answered, is the misuse unit's own case.
    alone = {"client_sex": "man"} | drinking
    assert "Samverkan" not in summary_text(BANK, alone, {},
                                           build_profile(BANK, alone, load_factors()), 3)


@pytest.mark.parametrize("typed, skip", [
    ("vet inte", True),
    ("klienten vill inte svara på det", True),
    ("vet inte, hon har inte sagt något om det alls", True),  # up front
    ("hon vill nog förändra något men vet inte hur", False),  # part of what is said
    ("hon har inget pass och vill hoppa av kursen nu", False),
])
def test_a_skip_is_said_briefly_or_up_front(typed, skip):
    assert (digressions.classify(typed) == digressions.SKIP) is skip
