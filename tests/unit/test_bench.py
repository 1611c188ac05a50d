"""The benchmark's own arithmetic and report: percentiles, a run's summary, the targets
check, the files written; and the fictitious cases' stories say what the cases say."""
import json

import pytest

from bench import report
from bench.cases import CASES
from bench.caseworker import asked_question, default_answer, one_answer
from bench.stats import RunRecorder, percentile
from bot.assessment.facts import extract_facts
from bot.assessment.form_entry import read_form, without_forms
from bot.assessment.notes import read_notes
from bot.assessment.question_bank import load_bank

BANK = load_bank()
BY_ID = {q.id: q for m in BANK for q in m.questions}


def test_percentiles_interpolate_between_ranks_like_numpy():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(values, 50) == 55
    assert percentile(values, 95) == pytest.approx(95.5)
    assert percentile(values, 99) == pytest.approx(99.1)
    assert percentile([7], 99) == 7
    assert percentile(list(reversed(values)), 0) == 10
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_a_run_summary_counts_errors_throughput_and_turns():
    rec = RunRecorder(started=100.0, ended=110.0)
    for ms in (100, 200, 300, 400):
        rec.ok(ms / 1000)
    rec.error("HTTP 503")
    rec.error("HTTP 503")
    rec.error("timeout")
    rec.assessment_done(40)
    rec.assessment_done(50)
    s = rec.summary()
    assert (s["messages"], s["errors"], s["throughput_per_s"]) == (4, 3, 0.4)
    assert s["error_kinds"] == {"HTTP 503": 2, "timeout": 1}
    assert s["error_rate"] == pytest.approx(3 / 7, abs=1e-4)
    assert (s["p50_ms"], s["max_ms"]) == (250, 400)
    assert (s["assessments_completed"], s["turns_per_assessment"]) == (2, 45)


def run(target, mode, concurrency, p50, p95=None, msgs=10.0, errors=0):
    return {"target": target, "mode": mode, "concurrency": concurrency, "p50_ms": p50,
            "p95_ms": p95 or p50 * 2, "p99_ms": p50 * 3, "messages": 100, "errors": errors,
            "throughput_per_s": msgs, "turns_per_assessment": None, "processes": {}}


def test_targets_are_judged_on_the_measured_figures_and_never_softened():
    runs = [run("tidigt", "flat", 1, 300, msgs=3), run("rasa-bar", "flat", 1, 200, msgs=5),
            run("tidigt", "flat", 20, 900, msgs=8), run("rasa-bar", "flat", 20, 800, msgs=10),
            run("tidigt-2p", "flat", 20, 500, msgs=16),
            run("tidigt-2p", "human", 100, 200, p95=450),
            run("tidigt", "human", 100, 300, p95=700, errors=2)]
    ratios = report.comparisons(runs, "tidigt-2p")
    assert ratios == {"p50_ratio_at_low_load": 1.5, "throughput_ratio_tidigt": 0.8,
                      "throughput_ratio_tidigt-2p": 1.6}
    met = {t["target"]: t["met"] for t in report.targets(runs, ratios, "tidigt-2p", 31.0, 400.0)}
    assert met == {
        "100 case workers at human pace (tidigt): p95 < 500 ms, no errors": False,
        "100 case workers at human pace (tidigt-2p): p95 < 500 ms, no errors": True,
        "flat-out throughput (tidigt) >= 1.5 x bare Rasa": False,
        "flat-out throughput (tidigt-2p) >= 1.5 x bare Rasa": True,
        "our layers add at most 20 % to the bare median at low load": False,
        "cold start to the first answer < 60 s": True,
        "full training < 5 min": False,
    }


def test_cpu_per_message_counts_every_process_of_the_target_but_the_load_generator():
    processes = {"rasa :5005": {"cpu_s": 3.0}, "web app pid 1": {"cpu_s": 1.0},
                 "postgresql (all backends)": {"cpu_s": 1.0},
                 "bench (load generator)": {"cpu_s": 9.0}}
    assert report.cpu_ms_per_message(processes, 100) == 50.0
    assert report.cpu_ms_per_message(processes, 0) is None
    runs = [{**run("tidigt", "flat", 20, 900, msgs=8), "cpu_ms_per_message": 40.0},
            {**run("tidigt-2p", "flat", 20, 500, msgs=16), "cpu_ms_per_message": 80.0}]
    ratios = report.comparisons(runs, "tidigt-2p")
    assert ratios["cpu_per_message_ratio_scale"] == 2.0
    met = {t["target"]: t["met"] for t in report.targets(runs, ratios, "tidigt-2p", None, None)}
    assert met["CPU per message of scale-out (tidigt-2p) <= 1.3 x single's"] is False


# matplotlib 3.5 calls a pyparsing API that newer pyparsing marks deprecated.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_report_is_written_as_json_markdown_and_a_chart(tmp_path):
    runs = [run("tidigt", "flat", 1, 300), run("tidigt", "flat", 20, 900),
            run("tidigt", "human", 1, 250), run("rasa-bar", "flat", 1, 200)]
    result = {"started_at": "2026-11-30T18:00:00+00:00",
              "machine": {"cpus": 2, "load_before": "1.0", "load_after": "2.0"},
              "settings": {"duration_s": 30, "pace_s": 10}, "runs": runs,
              "assessments": [{"case": "bringlöv", "one_fact": 45, "multi_fact": 39,
                               "notes_first": 33,
                               "check": "ok"}],
              "busiest_processes": {"tidigt (flat out, 20)": {
                  "rasa :5005": {"cpu_s": 20.0, "cpu_pct_of_one_core": 95, "peak_rss_mb": 1300}}},
              "starts": {"tidigt": 31.0}, "targets": []}
    paths = report.write(result, tmp_path)
    assert json.loads(paths["json"].read_text())["runs"][1]["p50_ms"] == 900
    table = paths["markdown"].read_text()
    assert "| tidigt | flat out | 20 | 100 | 0 | 10 | 900 | 1800 | 2700 | – |" in table
    assert "| bringlöv | 45 | 39 (87 %) | 33 (73 %) | ok |" in table
    assert "| tidigt (flat out, 20) | rasa :5005 | 20.0 | 95 | 1300 |" in table
    assert paths["chart"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths["archive"].name == "bench-20261130T180000.json"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_story_sentence_states_only_what_the_case_says(case):
    for asked_at, sentence in case.story.items():
        assert asked_at in BY_ID, asked_at
        # A form's points ("AUDIT: 4 4 4 2 …") are facts too, each item's as the case says.
        form = read_form(BANK, {}, sentence)
        assert form is None or form.problem is None, form and form.problem
        facts = [(f.question_id, f.value) for f in extract_facts(BANK, without_forms(sentence))]
        facts += [(p.question_id, p.value) for p in (form.proposals if form else [])]
        assert len(facts) >= 2, f"{sentence!r} states fewer than two facts"
        for question_id, value in facts:
            assert case.answers.get(question_id) == value, (sentence, question_id, value)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_notes_read_only_what_the_case_says(case):
    """The notes a case worker pastes: every reading of them is the case's answer, and
    they hold the forms the client filled in."""
    before = {k: case.answers[k] for k in ("client_sex", "client_age", "seen_alone")}
    before["modules_chosen"] = [m.id for m in BANK[1:]]
    reading = read_notes(BANK, before, case.notes, [])
    assert not reading.conflicts
    assert {"audit_10", "dudit_11"} <= {p.question_id for p in reading.new}
    for p in reading.new:
        assert case.answers.get(p.question_id) == p.value, (p.question_id, p.value, p.phrase)


def test_the_question_asked_is_read_from_the_end_of_the_reply():
    income, debts = BY_ID["income_source"], BY_ID["debts"]
    reply = f"Noterat: ja. {income.text}\n\nFörsörjning och ekonomi, fråga 3 av 9. {debts.text}"
    assert asked_question(reply).id == "debts"
    assert asked_question("Hej! Vad vill du göra?") is None


def test_an_answer_is_a_button_the_bot_offered_or_typed_words():
    import random

    housing = BY_ID["housing"]
    offered = [{"title": o.label, "payload": f"/svar{i}"} for i, o in enumerate(housing.options)]
    answers = {one_answer(housing, "andrahand", offered, random.Random(seed)).payload
               or one_answer(housing, "andrahand", offered, random.Random(seed)).text
               for seed in range(20)}
    assert answers == {"/svar1", "andrahand"}  # pressed, or typed as a person says it
    assert default_answer(BY_ID["debts"]) is False


def test_soak_reports_growth_after_warm_up_and_a_restart():
    from bench.soak import growth, markdown

    start = {"rasa :5005": {"rss_mb": 800.0, "pids": [10]},
             "web app": {"rss_mb": 100.0, "pids": [11]}}
    end = {"rasa :5005": {"rss_mb": 840.0, "pids": [10]},
           "web app": {"rss_mb": 90.0, "pids": [12]}}
    rows = growth(start, end)
    assert rows["rasa :5005"] == {"rss_after_warmup_mb": 800.0, "rss_end_mb": 840.0,
                                  "growth_pct": 5.0, "restarted": False}
    assert rows["web app"]["growth_pct"] == -10.0 and rows["web app"]["restarted"] is True
    text = markdown({
        "settings": {"concurrency": 10, "duration_s": 120, "pace_s": 10, "warmup_s": 30},
        "started_at": "2026-12-03T08:00:00+00:00", "load_before": "1.0", "load_after": "2.0",
        "run": {"messages": 90, "errors": 0, "error_kinds": {}, "assessments_completed": 1,
                "p50_ms": 500.0, "p95_ms": 900.0},
        "memory_at_launch": start, "memory": rows, "goal_met": False})
    assert "| rasa :5005 | 800.0 | 800.0 | 840.0 | +5.0 % | no |" in text
    assert "| web app | 100.0 | 100.0 | 90.0 | -10.0 % | yes |" in text
    assert "NOT met" in text
