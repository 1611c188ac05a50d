"""The assessment form's turn as Rasa runs it: the validation, then the ask action.

Which question comes next is decided once per answered turn, in the validation's one unit
of work, and carried in the slots to the ask action, which renders it without the
database. The stored answers stay the owner: a slot decided from other answers than the
stored ones (a tracker lost in a crash, a resumed conversation) gives way to them.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from actions.assessment_form import ActionAskAnswer, ValidateAssessmentForm
from actions.database import DB_ERROR_TEXT
from bot.assessment import flow
from bot.storage import assessments as repo
from bot.storage.answers import record_answer
from bot.storage.db import session_scope
from bot.storage.models import Answer
from tests.unit.test_resent_messages import _at_audit_3
from tests.unit.test_web_chat import WEB_UNITS_PER_TURN

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))
# The bound for one answered turn, web app and actions together (Rasa's tracker
# store is Rasa's own and counted apart, in the README).
UNITS_PER_ANSWERED_TURN = 5


class FormConversation:
    """One conversation inside the assessment form. Each message is handled as Rasa's
    FormAction does: the validation action on a tracker ending in the form's action, then
    the ask action on the same tracker with the validation's slot events after it."""

    def __init__(self, assessment: int):
        self.slots = {"assessment_id": float(assessment), "requested_slot": "answer",
                      "failed_attempts": 0, "answer": None}
        self.events: list[dict] = []
        self.next_message_id = 100

    def _tracker(self, text: str, events: list[dict], message_id: int | None) -> Tracker:
        metadata = {"user": "anna.berg"}
        if message_id is not None:
            metadata["message_id"] = message_id
        return Tracker(sender_id="conv-1", slots=dict(self.slots),
                       latest_message={"text": text, "metadata": metadata,
                                       "intent": {"name": "inform", "confidence": 0.9}},
                       events=list(events), paused=False, followup_action=None,
                       active_loop={"name": "assessment_form"},
                       latest_action_name="action_listen")

    def _apply(self, events: list[dict]) -> None:
        for e in events:
            if e.get("event") == "slot":
                self.slots[e["name"]] = e["value"]
        self.events += events

    def ask(self, after: str) -> list[dict]:
        """The form asking without a message to validate: at a start or resume, or back
        after help (`after` is the action that ran before the form)."""
        self._apply([{"event": "action", "name": after}, {"event": "action", "name": "assessment_form"}])
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ActionAskAnswer().run(dispatcher, self._tracker("", self.events, None),
                                                   DOMAIN))
        self._apply(events)
        return dispatcher.messages

    def say(self, text: str, message_id: int | None = None) -> list[dict]:
        if message_id is None:
            message_id, self.next_message_id = self.next_message_id, self.next_message_id + 1
        self._apply([{"event": "user", "text": text, "metadata": {"message_id": message_id}},
                     {"event": "action", "name": "assessment_form"}])
        dispatcher = CollectingDispatcher()
        validated = asyncio.run(ValidateAssessmentForm().run(
            dispatcher, self._tracker(text, self.events, message_id), DOMAIN))
        self._apply(validated)
        if self.slots.get("answer") is None:  # the form asks again, or the next question
            events = asyncio.run(ActionAskAnswer().run(
                dispatcher, self._tracker(text, self.events, message_id), DOMAIN))
            self._apply(events)
        return dispatcher.messages


def texts(messages: list[dict]) -> list[str]:
    return [m.get("text") or "" for m in messages]


def asked_question(messages: list[dict]) -> str | None:
    return next(((m.get("custom") or m.get("json_message") or {}).get("question_id")
                 for m in messages if (m.get("custom") or m.get("json_message"))), None)


@pytest.fixture
def at_audit_3(db_url) -> int:
    """Kvinna, 40, seen alone, alcohol only, AUDIT 1-2 answered: AUDIT 3 is next."""
    return _at_audit_3(db_url)


def stored(db_url: str, assessment: int) -> dict[str, object]:
    with session_scope(db_url) as s:
        return dict(s.execute(select(Answer.question_id, Answer.value).where(
            Answer.assessment_id == assessment, Answer.current.is_(True))).all())


class Counted:
    """Units of work begun (SQLAlchemy's after_begin, as the web app's test counts them)
    and walks over the question bank (every "what is next" goes through flow._statuses)."""

    def __init__(self, monkeypatch):
        self.units: list[object] = []
        self.walks = 0
        walk = flow._statuses

        def counted_walk(modules, answers):
            self.walks += 1
            return walk(modules, answers)

        monkeypatch.setattr(flow, "_statuses", counted_walk)

    def __enter__(self) -> Counted:
        self.units.clear()
        self.walks = 0
        event.listen(Session, "after_begin", self._begun)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(Session, "after_begin", self._begun)

    def _begun(self, session, transaction, connection) -> None:
        if not transaction.nested:  # a savepoint is part of its unit of work
            self.units.append(transaction)


def test_an_answered_turn_takes_one_unit_of_work_in_the_actions_and_at_most_five_in_all(
        db_url, at_audit_3, monkeypatch):
    conversation = FormConversation(at_audit_3)
    assert asked_question(conversation.ask(after="action_resume_assessment")) == "audit_3"
    with Counted(monkeypatch) as counted:
        said = conversation.say("Varje vecka")
    assert stored(db_url, at_audit_3)["audit_3"] == 3
    assert asked_question(said) == "audit_4"
    # The validation's read-and-store; the ask action renders from the slots.
    assert len(counted.units) == 1, len(counted.units)
    assert WEB_UNITS_PER_TURN + len(counted.units) <= UNITS_PER_ANSWERED_TURN


def test_the_next_question_is_decided_once_per_answered_turn(db_url, at_audit_3, monkeypatch):
    conversation = FormConversation(at_audit_3)
    conversation.ask(after="action_resume_assessment")
    # (message, walks over the bank): an answer decides what is next once; a question
    # about the question stores nothing, so the decision carried in the slots still holds.
    turns = [("Varje vecka", 1), ("Aldrig", 1), ("det händer mer sällan än en gång i månaden", 1),
             ("varför frågar du det?", 0), ("Dagligen eller nästan dagligen", 1)]
    asked = []
    for text, walks in turns:
        with Counted(monkeypatch) as counted:
            asked.append(asked_question(conversation.say(text)))
        assert counted.walks == walks, (text, counted.walks)
    assert asked == ["audit_4", "audit_5", "audit_6", "audit_6", "audit_7"]
    assert {q: stored(db_url, at_audit_3)[q] for q in ("audit_3", "audit_4", "audit_5", "audit_6")} \
        == {"audit_3": 3, "audit_4": 0, "audit_5": 1, "audit_6": 4}


def shown(messages: list[dict]) -> list[tuple]:
    return [(m.get("text"), m.get("buttons"), m.get("custom")) for m in messages]


@pytest.mark.parametrize("answered, said, first_shown", [
    # A module's first question, with the module's introduction before it.
    ((("client_sex", "kvinna"), ("client_age", 40), ("seen_alone", True)),
     ["ekonomi och alkohol"], "Nu några frågor om klientens försörjning"),
    # "Menar du …?" waits for a yes, then the yes stores it and the next question follows.
    ((("client_sex", "kvinna"), ("client_age", 40), ("seen_alone", True),
      ("modules_chosen", ["alkohol"]), ("audit_1", 2), ("audit_2", 0), ("audit_3", 3)),
     ["fyra fem gånger i månaden", "Ja"], "Menar du"),
])
def test_what_the_slots_render_is_what_the_stored_answers_give(db_url, answered, said,
                                                               first_shown):
    """The question, its progress and buttons, the module's introduction and a "Menar du
    …?" asked from the slots are word for word what the ask action builds from the stored
    answers and readings."""
    with session_scope(db_url) as s:
        assessment = repo.start_assessment(s, "ÄR-2026-0779", "conv-1", consent=True,
                                           case_worker="anna.berg").id
        for qid, value in answered:
            record_answer(s, assessment, qid, value, source="knapp")
    conversation = FormConversation(assessment)
    conversation.ask(after="action_resume_assessment")
    for number, text in enumerate(said):
        from_slots = conversation.say(text)
        from_database = conversation.ask(after="utter_help")
        assert from_database and shown(from_slots[-len(from_database):]) == shown(from_database)
        if number == 0:
            assert first_shown in from_database[0]["text"], from_database[0]["text"]
    assert stored(db_url, assessment).keys() > dict(answered).keys()  # the last one stored


def test_a_slot_decided_from_other_answers_gives_way_to_the_stored_ones(db_url, at_audit_3):
    """AUDIT 3 was stored, but the tracker that knew it was lost (Rasa killed before it
    saved): the slots still say AUDIT 3. The next message answers AUDIT 4, as stored."""
    conversation = FormConversation(at_audit_3)
    conversation.ask(after="action_resume_assessment")
    assert conversation.slots["current_question"] == "audit_3"
    with session_scope(db_url) as s:
        record_answer(s, at_audit_3, "audit_3", 3, source="knapp")
    said = conversation.say("Aldrig")
    assert stored(db_url, at_audit_3)["audit_3"] == 3  # not corrected to "Aldrig"
    assert stored(db_url, at_audit_3)["audit_4"] == 0
    assert asked_question(said) == "audit_5"


def test_asking_again_after_help_reads_the_stored_answers(db_url, at_audit_3, monkeypatch):
    """Back in the form after help, nothing was validated in this run: the ask action
    reads the stored answers (pasted notes may have added readings meanwhile)."""
    conversation = FormConversation(at_audit_3)
    conversation.ask(after="action_resume_assessment")
    conversation.say("Varje vecka")
    with Counted(monkeypatch) as counted:
        again = conversation.ask(after="utter_help")
    assert asked_question(again) == "audit_4"
    assert len(counted.units) == 1 and counted.walks == 1


class FailingCommits:
    """The database refusing the next `times` commits (a disk full, a lost connection)."""

    def __init__(self, monkeypatch, times: int = 1):
        self.left = times
        commit = Session.commit

        def refuse_then_commit(session):
            if self.left > 0:
                self.left -= 1
                session.rollback()
                raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
            return commit(session)

        monkeypatch.setattr(Session, "commit", refuse_then_commit)


def unavailable(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if m.get("custom") == {"unavailable": "database"}]


def test_an_answer_the_database_refuses_is_said_so_and_taken_once_when_sent_again(
        db_url, at_audit_3, monkeypatch):
    conversation = FormConversation(at_audit_3)
    conversation.ask(after="action_resume_assessment")
    FailingCommits(monkeypatch)
    refused = conversation.say("Varje vecka", message_id=500)
    assert unavailable(refused) == [DB_ERROR_TEXT]
    assert "audit_3" not in stored(db_url, at_audit_3)
    # The same question again, and nothing said as if the answer had been kept.
    assert asked_question(refused[1:]) == "audit_3"
    assert not any("sparat" in t for t in texts(refused[1:]))
    again = conversation.say("Varje vecka", message_id=500)
    assert unavailable(again) == []
    assert stored(db_url, at_audit_3)["audit_3"] == 3
    assert asked_question(again) == "audit_4"


def test_a_question_the_database_cannot_be_read_for_is_not_asked(db_url, at_audit_3,
                                                                 monkeypatch):
    conversation = FormConversation(at_audit_3)
    FailingCommits(monkeypatch)
    messages = conversation.ask(after="action_resume_assessment")
    assert unavailable(messages) == [DB_ERROR_TEXT] and len(messages) == 1
    assert conversation.slots.get("current_question") is None
    assert asked_question(conversation.ask(after="action_resume_assessment")) == "audit_3"
