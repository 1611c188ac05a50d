"""The story runner's report: the first step where the bot diverged, in Swedish, from
Rasa's `failed_test_stories.yml` (the fixture is real output of `rasa test core`, trimmed)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from bot.stories.divergence import first_divergences
from bot.stories.files import load_stories
from bot.stories.report import html_report, terminal_summary
from bot.stories.runner import results_for

FIXTURE = Path(__file__).parent / "fixtures" / "failed_test_stories.yml"

STORY_FILE = """version: "3.1"
stories:
# Help in the middle of AUDIT.
- story: AUDIT answered by button and free text, then help in the middle
  steps:
  - user: |
      ny bedömning
    intent: start_assessment
  - action: action_reset_assessment_slots
  - action: assessment_start_form
  - active_loop: assessment_start_form
  - slot_was_set:
    - requested_slot: case_reference
  - user: |
      ÄR-2026-0301
  - action: assessment_start_form
  - slot_was_set:
    - case_reference: ÄR-2026-0301
  - user: |
      hjälp
    intent: ask_help
  - action: utter_goodbye
  - action: assessment_form
  - active_loop: assessment_form
- story: a story that passes
  steps:
  - user: |
      hej
    intent: greet
  - action: utter_greet
"""


def test_the_first_marked_step_of_each_failed_story():
    found = first_divergences(FIXTURE.read_text(encoding="utf-8"))
    assert set(found) == {"AUDIT answered by button and free text, then help in the middle",
                          "pause (in the middle) of AUDIT"}
    action = found["AUDIT answered by button and free text, then help in the middle"]
    assert (action.step, action.kind, action.expected, action.actual) == (
        10, "action", "utter_goodbye", "utter_help")
    intent = found["pause (in the middle) of AUDIT"]
    # The intent comes before the action it led to: the first divergence is the intent.
    assert (intent.step, intent.kind, intent.expected, intent.actual, intent.user_text) == (
        5, "intent", "pause", "ask_help", "hjälp")


def test_a_story_file_keeps_step_numbers_lines_and_the_comment_above(tmp_path):
    path = tmp_path / "test_x.yml"
    path.write_text(STORY_FILE, encoding="utf-8")
    first, second = load_stories(path)
    assert first.comment == "Help in the middle of AUDIT."
    assert first.line == 4 and len(first.steps) == 12
    step = first.steps[9]
    assert (step.number, step.kind, step.value) == (10, "action", "utter_goodbye")
    assert path.read_text(encoding="utf-8").splitlines()[step.line - 1].strip() == \
        "- action: utter_goodbye"
    assert first.steps[0].intent == "start_assessment" and first.steps[0].value == "ny bedömning"
    assert second.name == "a story that passes" and second.comment == ""


def test_the_report_names_the_step_line_and_what_was_expected(tmp_path):
    path = tmp_path / "test_x.yml"
    path.write_text(STORY_FILE, encoding="utf-8")
    results = results_for(load_stories(path), FIXTURE.read_text(encoding="utf-8"),
                          rasa_failed=True)
    assert [r.passed for r in results] == [False, True]
    texts = {"utter_goodbye": "Hej då! Det du har svarat är sparat.",
             "utter_help": "Jag hjälper dig som handläggare."}
    summary = terminal_summary(results, texts)
    assert "FEL  AUDIT answered by button" in summary and "OK   a story that passes" in summary
    assert f"steg 10 ({path}:22), botens nästa handling" in summary
    assert "Efter användarens meddelande: ”hjälp”" in summary
    assert "Förväntat: utter_goodbye (”Hej då! Det du har svarat är sparat.”)" in summary
    assert "Faktiskt:  utter_help (”Jag hjälper dig som handläggare.”)" in summary
    assert "1 godkända, 1 underkända av 2" in summary and "1 passed, 1 failed" in summary

    page = html_report(results, texts, generated_at=datetime(2026, 11, 30, tzinfo=timezone.utc),
                       files=[path])
    assert '<html lang="sv">' in page and "1 godkända, 1 underkända" in page
    assert "Första avvikelsen" in page and "steg 10" in page and "Underkänd" in page


def test_markup_in_a_story_is_shown_as_text_in_the_page(tmp_path):
    path = tmp_path / "test_x.yml"
    path.write_text(STORY_FILE.replace("a story that passes", "<script>alert(1)</script>"),
                    encoding="utf-8")
    results = results_for(load_stories(path), None, rasa_failed=False)
    page = html_report(results, {}, generated_at=datetime.now(timezone.utc), files=[path])
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_no_failed_file_means_every_story_passed(tmp_path):
    path = tmp_path / "test_x.yml"
    path.write_text(STORY_FILE, encoding="utf-8")
    assert all(r.passed for r in results_for(load_stories(path), None, rasa_failed=False))


def test_every_intent_has_a_label_a_trainer_can_read():
    from bot.domain_names import Intent
    from bot.stories.report import INTENT_LABELS

    intents = {v for k, v in vars(Intent).items() if k.isupper()}
    assert set(INTENT_LABELS) == intents
