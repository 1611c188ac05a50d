"""The shell's actions, driven with trackers like the ones Rasa sends the action server."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.forms import ValidateAssessmentStartForm, validate_reference_slot
from actions.shell import (
    ActionAskCancelConfirm,
    ActionBeginAssessment,
    ActionCancelAssessment,
    ActionExplainFallback,
    ActionPauseAssessment,
    ActionResumeAssessment,
)
from bot.storage.db import session_scope
from bot.storage.models import Assessment


def tracker(sender="conv-1", slots=None, text="", active_loop=None, user=None):
    return Tracker(
        sender_id=sender,
        slots={"failed_attempts": 0, **(slots or {})},
        latest_message={"text": text, "metadata": {"user": user} if user else {}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher.messages, events


def slot(events, name):
    values = [e["value"] for e in events if e.get("event") == "slot" and e["name"] == name]
    return values[-1] if values else "unset"


def test_personnummer_as_reference_is_refused_and_explained():
    form = ValidateAssessmentStartForm()
    d = CollectingDispatcher()
    result = form.validate_case_reference("19121212-1212", d, tracker(), {})
    assert result["case_reference"] is None
    assert "personnummer" in d.messages[0]["text"]
    # The number itself is never repeated back.
    assert all("1212" not in m["text"] for m in d.messages)


def test_second_failure_explains_what_a_reference_is():
    form = ValidateAssessmentStartForm()
    d = CollectingDispatcher()
    result = form.validate_case_reference("x", d, tracker(slots={"failed_attempts": 1}), {})
    assert result == {"case_reference": None, "failed_attempts": 2}
    assert any("verksamhetssystem" in m["text"] for m in d.messages)


def test_consent_starts_an_assessment_in_the_database(db_url):
    messages, events = run(
        ActionBeginAssessment(),
        tracker(slots={"case_reference": "ÄR-2026-0142", "consent": True}),
    )
    with session_scope(db_url) as s:
        stored = s.execute(select(Assessment)).scalar_one()
    assert stored.status == "pågående" and stored.conversation_id == "conv-1"
    assert slot(events, "assessment_id") == float(stored.id)
    assert "startad" in messages[0]["text"]


def test_refused_consent_records_only_that(db_url):
    messages, events = run(
        ActionBeginAssessment(),
        tracker(slots={"case_reference": "EB-4711", "consent": False}),
    )
    with session_scope(db_url) as s:
        stored = s.execute(select(Assessment)).scalar_one()
    assert (stored.consent, stored.status) == (False, "avbruten")
    assert slot(events, "assessment_id") is None
    assert "samtycke" in messages[0]["text"]


def test_pause_then_resume_by_reference(db_url):
    _, events = run(
        ActionBeginAssessment(),
        tracker(slots={"case_reference": "ÄR-9", "consent": True}),
    )
    current = slot(events, "assessment_id")
    messages, events = run(
        ActionPauseAssessment(),
        tracker(slots={"case_reference": "ÄR-9", "assessment_id": current}),
    )
    assert "återuppta" in messages[0]["text"] and "ÄR-9" in messages[0]["text"]
    assert slot(events, "assessment_id") is None
    with session_scope(db_url) as s:
        assert s.get(Assessment, int(current)).status == "pausad"

    messages, events = run(
        ActionResumeAssessment(), tracker(sender="conv-2", slots={"case_reference": "ÄR-9"})
    )
    assert slot(events, "assessment_id") == current
    with session_scope(db_url) as s:
        a = s.get(Assessment, int(current))
        assert (a.status, a.conversation_id) == ("pågående", "conv-2")


def test_resume_of_unknown_reference_says_so(db_url):
    messages, events = run(ActionResumeAssessment(), tracker(slots={"case_reference": "ÄR-404"}))
    assert "hittar ingen" in messages[0]["text"]
    assert slot(events, "case_reference") is None


def test_cancel_question_stops_the_form_and_remembers_it():
    messages, events = run(
        ActionAskCancelConfirm(), tracker(active_loop="assessment_start_form")
    )
    assert messages[0]["response"] == "utter_ask_cancel_confirm"
    assert ActiveLoop(None) in events
    assert SlotSet("interrupted_form", "assessment_start_form") in events


def test_cancel_marks_the_assessment_cancelled(db_url):
    _, events = run(
        ActionBeginAssessment(), tracker(slots={"case_reference": "ÄR-5", "consent": True})
    )
    current = slot(events, "assessment_id")
    run(ActionCancelAssessment(), tracker(slots={"assessment_id": current}))
    with session_scope(db_url) as s:
        assert s.get(Assessment, int(current)).status == "avbruten"


def test_reference_is_taken_from_the_text_whatever_the_intent():
    from actions.forms import extract_reference_text

    asked = {"requested_slot": "case_reference"}
    t = tracker(slots=asked, text="ÄR-2026-0142")
    t.latest_message["intent"] = {"name": "greet", "confidence": 0.4}
    assert extract_reference_text(t) == {"case_reference": "ÄR-2026-0142"}
    t = tracker(slots=asked, text="pausa")
    t.latest_message["intent"] = {"name": "pause", "confidence": 0.9}
    assert extract_reference_text(t) == {}
    t = tracker(slots={"requested_slot": "consent"}, text="EB-1")
    assert extract_reference_text(t) == {}


def test_masked_personnummer_is_taken_and_refused_with_the_reason():
    from actions.forms import extract_reference_text

    t = tracker(slots={"requested_slot": "case_reference"}, text="Mitt pnr är [personnummer dolt]")
    t.latest_message["intent"] = {"name": "out_of_scope", "confidence": 0.7}
    extracted = extract_reference_text(t)
    assert extracted == {"case_reference": "Mitt pnr är [personnummer dolt]"}
    d = CollectingDispatcher()
    assert validate_reference_slot(extracted["case_reference"], d, t)["case_reference"] is None
    assert "personnummer" in d.messages[0]["text"]


def test_a_reset_reference_is_not_judged():
    d = CollectingDispatcher()
    assert validate_reference_slot(None, d, tracker()) == {}
    assert d.messages == []


def test_unclear_consent_is_asked_again_not_guessed():
    form = ValidateAssessmentStartForm()
    t = tracker(text="kanske")
    t.latest_message["intent"] = {"name": "deny", "confidence": 0.62}
    d = CollectingDispatcher()
    assert form.validate_consent(False, d, t, {}) == {"consent": None}
    assert "tydligt ja eller nej" in d.messages[0]["text"]

    t = tracker(text="nej, klienten samtycker inte")
    t.latest_message["intent"] = {"name": "deny", "confidence": 0.97}
    assert form.validate_consent(False, CollectingDispatcher(), t, {}) == {"consent": False}
    t = tracker(text="/affirm")
    assert form.validate_consent(True, CollectingDispatcher(), t, {}) == {"consent": True}


def test_an_unclear_answer_inside_a_form_always_brings_the_question_back():
    # Two unclear answers in a row used to end with the bot listening: "Jag ställer frågan
    # igen", but no question and no buttons on screen.
    messages, events = run(ActionExplainFallback(),
                           tracker(text="inform", active_loop="assessment_start_form"))
    assert "ställer frågan igen" in messages[0]["text"]
    assert events == [{"event": "followup", "name": "assessment_start_form",
                       "timestamp": None}]
    _, events = run(ActionExplainFallback(), tracker(text="blåbär"))
    assert events == []


def test_both_forms_that_ask_for_the_reference_read_and_refuse_it_alike():
    """Run as Rasa runs them: a typed identity number is refused by the resume form as by
    the start form, and a real reference is taken by both."""
    import yaml

    from actions.forms import ValidateResumeForm
    from bot.settings import PROJECT_ROOT

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for form, name in ((ValidateAssessmentStartForm(), "assessment_start_form"),
                       (ValidateResumeForm(), "resume_form")):
        for typed, kept in (("19121212-1212", None), ("ÄR-2026-0142", "ÄR-2026-0142")):
            t = tracker(slots={"requested_slot": "case_reference"}, text=typed,
                        active_loop=name)
            messages, events = run_with(form, t, domain)
            assert slot(events, "case_reference") == kept, (name, typed)
            assert ("personnummer" in " ".join(m["text"] for m in messages)) == (kept is None)


def run_with(action, t, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, domain))
    return dispatcher.messages, events
