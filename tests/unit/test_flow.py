"""The order of questions: module choice, gates, branching, deferral and progress."""
from pathlib import Path

from bot.assessment.flow import (
    DEFERRED,
    NOT_CHOSEN,
    NOT_RELEVANT,
    deferred,
    next_question,
    progress,
    remaining,
    status,
)
from bot.assessment.question_bank import load_bank

BANK = load_bank()
MODULE = {m.id: m for m in BANK}
INTRO = {"client_sex": "man", "client_age": 40, "seen_alone": True,
         "modules_chosen": [m.id for m in BANK[1:]]}
AUDIT_NONE = {f"audit_{i}": 0 for i in range(1, 11)}


def ids(questions):
    return [q.id for q in questions]


def test_starts_with_the_meeting_questions():
    assert ids(remaining(BANK, {})[:4]) == ["client_sex", "client_age", "seen_alone",
                                           "modules_chosen"]
    assert progress(BANK, {}).as_text() == "Inledning (område 1 av 9), fråga 1 av 4"


def test_after_the_introduction_comes_the_economy_gate():
    assert next_question(BANK, INTRO).id == "economy_gate"
    assert progress(BANK, INTRO).as_text().startswith("Försörjning och ekonomi (område 2 av 9)")


def test_no_at_a_gate_skips_the_rest_of_its_module():
    answers = INTRO | {"economy_gate": False}
    assert next_question(BANK, answers).id == "employment_status"
    assert status(MODULE["ekonomi"], BANK[1].questions[1], BANK, answers) == NOT_RELEVANT


def test_only_chosen_modules_run():
    answers = INTRO | {"modules_chosen": ["alkohol"]}
    assert next_question(BANK, answers).id == "audit_1"
    assert ids(remaining(BANK, answers)) == [f"audit_{i}" for i in range(1, 11)]
    assert status(MODULE["barn"], MODULE["barn"].questions[0], BANK, answers) == NOT_CHOSEN
    assert progress(BANK, answers).as_text() == "Alkohol (område 2 av 2), fråga 1 av 10"


def test_follow_ups_are_asked_only_when_their_condition_holds():
    chosen = INTRO | {"modules_chosen": ["ekonomi"], "economy_gate": True,
                      "income_source": "forsorjningsstod", "months_on_assistance": 11,
                      "recent_refusal": False, "benefit_ending": False}
    assert ids(remaining(BANK, chosen | {"debts": True})) == [
        "kronofogden", "debts_growing", "rent_arrears"]
    assert ids(remaining(BANK, chosen | {"debts": False})) == ["rent_arrears"]
    # A skipped question meets no condition: its follow-ups are not asked.
    assert ids(remaining(BANK, chosen | {"debts": None})) == ["rent_arrears"]


def test_unemployment_questions_follow_the_employment_status():
    base = INTRO | {"modules_chosen": ["arbete"]}
    unemployed = ids(remaining(BANK, base | {"employment_status": "arbetslos"}))
    employed = ids(remaining(BANK, base | {"employment_status": "anstalld"}))
    assert unemployed[:2] == ["unemployment_months", "registered_af"]
    assert "job_at_risk" not in unemployed
    assert employed[0] == "job_at_risk" and "unemployment_months" not in employed
    assert remaining(BANK, base | {"employment_status": "pension"}) == []


def test_violence_question_is_deferred_not_dropped_when_not_seen_alone():
    base = INTRO | {"modules_chosen": ["barn"], "children_in_household": True,
                    "children_count": 2, "children_ages": [4, 9], "child_safety_concern": False}
    assert ids(remaining(BANK, base)) == ["domestic_violence"]
    not_alone = base | {"seen_alone": False}
    assert remaining(BANK, not_alone) == []
    assert ids(deferred(BANK, not_alone)) == ["domestic_violence"]
    assert status(MODULE["barn"], MODULE["barn"].questions[-1], BANK, not_alone) == DEFERRED


def test_no_to_the_drug_gate_skips_dudit_but_unsure_does_not():
    base = INTRO | {"modules_chosen": ["narkotika"]}
    # "nej" closes items 1-9 (they count 0); items 10-11 ask about earlier use too.
    assert ids(remaining(BANK, base | {"drugs_gate": False})) == ["dudit_10", "dudit_11"]
    assert len(remaining(BANK, base | {"drugs_gate": None})) == 11  # skipped: asked in full
    assert ids(remaining(BANK, base | {"drugs_gate": True})) == [f"dudit_{i}" for i in range(1, 12)]


def test_progress_counts_only_questions_that_apply():
    answers = INTRO | {"modules_chosen": ["ekonomi"], "economy_gate": True,
                       "income_source": "lon", "months_on_assistance": 0,
                       "recent_refusal": False, "benefit_ending": False, "debts": False}
    where = progress(BANK, answers)
    assert (where.question_number, where.question_count, where.questions_left) == (7, 7, 1)
    assert "1 fråga" in where.as_sentence()


def test_everything_answered_means_no_next_question():
    answers = INTRO | {"modules_chosen": ["alkohol"]} | AUDIT_NONE
    assert next_question(BANK, answers) is None and progress(BANK, answers) is None


def test_the_walk_agrees_with_each_questions_own_status_for_random_answers():
    # remaining/deferred/next_question read the module choice and gates once per walk;
    # status() reads them per question. Both must say the same for any answers.
    import random

    from bot.assessment.flow import OPEN

    rng = random.Random(3)
    questions = [(m, q) for m in BANK for q in m.questions]
    for _ in range(300):
        answers = {}
        for _m, q in rng.sample(questions, rng.randrange(len(questions))):
            answers[q.id] = rng.choice([True, False, None, 0, 2, 4, "ja", "nej", "vet_inte"])
        if rng.random() < 0.7:
            answers["modules_chosen"] = rng.sample([m.id for m in BANK[1:]],
                                                   rng.randrange(len(BANK)))
        expected_open = [q for m, q in questions if status(m, q, BANK, answers) == "obesvarad"]
        assert OPEN == "obesvarad"
        assert remaining(BANK, answers) == expected_open
        assert next_question(BANK, answers) == (expected_open[0] if expected_open else None)
        assert deferred(BANK, answers) == [
            q for m, q in questions if status(m, q, BANK, answers) == DEFERRED]


def _progress_question_by_question(answers):
    """Progress as it was computed before one walk decided it: each question's own status."""
    from bot.assessment.flow import ANSWERED, OPEN, SKIPPED, Progress, _undecided, chosen_modules

    question = next_question(BANK, answers)
    if question is None:
        return None
    active = chosen_modules(BANK, answers)
    index = next(i for i, m in enumerate(active) if m.id == question.module)
    module = active[index]
    applicable = [q for q in module.questions
                  if status(module, q, BANK, answers) in (ANSWERED, SKIPPED, OPEN)
                  or _undecided(module, q, answers)]
    return Progress(module.name, index + 1, len(active), applicable.index(question) + 1,
                    len(applicable), len(remaining(BANK, answers)))


def test_one_walk_decides_the_question_and_progress_as_each_questions_status_does():
    import random

    from bot.assessment.flow import decide

    rng = random.Random(5)
    questions = [q for m in BANK for q in m.questions]
    for _ in range(300):
        answers = {q.id: rng.choice([True, False, None, 0, 2, 4, "ja", "nej", "vet_inte"])
                   for q in rng.sample(questions, rng.randrange(len(questions)))}
        if rng.random() < 0.7:
            answers["modules_chosen"] = rng.sample([m.id for m in BANK[1:]],
                                                   rng.randrange(len(BANK)))
        step = decide(BANK, answers)
        assert step.question == next_question(BANK, answers)
        assert step.progress == _progress_question_by_question(answers)


def test_a_decision_is_recognised_by_the_answers_and_bank_it_came_from():
    """The digest a decision carries: the same for the answers read back from the database
    (JSON lists for recorded tuples) and in another process (another hash seed); another
    answer or another bank gives another digest, so the stored answers decide again."""
    import dataclasses
    import json
    import subprocess
    import sys

    from bot.assessment.flow import answers_digest

    recorded = INTRO | {"children_ages": (7, 12), "audit_1": 2}
    read_back = json.loads(json.dumps(recorded))
    assert answers_digest(BANK, recorded) == answers_digest(BANK, read_back)
    assert answers_digest(BANK, recorded) != answers_digest(BANK, recorded | {"audit_1": 3})
    changed = (dataclasses.replace(BANK[0], questions=BANK[0].questions[1:]), *BANK[1:])
    assert answers_digest(changed, recorded) != answers_digest(BANK, recorded)
    script = ("import json, sys; from bot.assessment.flow import answers_digest; "
              "from bot.assessment.question_bank import load_bank; "
              "print(answers_digest(load_bank(), json.loads(sys.argv[1])))")
    seeds = {subprocess.run([sys.executable, "-c", script, json.dumps(recorded)], check=True,
                            capture_output=True, text=True, env={"PYTHONHASHSEED": seed},
                            cwd=Path(__file__).parents[2]).stdout.strip()
             for seed in ("1", "2")}
    assert seeds == {answers_digest(BANK, recorded)}
