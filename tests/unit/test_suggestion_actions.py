"""The suggestions in the conversation, driven like the action server is: five shown and
stored, "visa fler" the next five, decisions only on shown ones, by text and by the
buttons after "varför", and statistics that count only what was shown."""
import asyncio
from datetime import date

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.suggestions_form import ActionAskSuggestionStep, ActionFinishSuggestions, ValidateSuggestionsForm
from bot.catalogue.expert_cases import load_cases
from bot.review.statistics import statistics
from bot.storage.answers import record_answer
from bot.storage.assessments import set_status, start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import Suggestion
from bot.storage.users import add_user

CASE = next(c for c in load_cases() if c.id == "skulder-och-boende")


@pytest.fixture
def assessment(db_url):
    with session_scope(db_url) as s:
        anna = add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password="x" * 12)
        cid = open_conversation(s, anna.id).id
        a = start_assessment(s, "ÄR-2026-2001", cid, consent=True, case_worker=anna.username)
        for qid, value in CASE.answers.items():
            record_answer(s, a.id, qid, value, source="fritext")
        set_status(s, a.id, "avslutad")
        return a.id, anna.username


def tracker(assessment_id, user, text="", shown=0):
    return Tracker(sender_id="conv-1",
                   slots={"assessment_id": float(assessment_id), "suggestions_shown": float(shown),
                          "requested_slot": "suggestion_step"},
                   latest_message={"text": text, "metadata": {"user": user}, "intent": {}},
                   events=[], paused=False, followup_action=None,
                   active_loop={"name": "suggestions_form"}, latest_action_name="action_listen")


def stored(db_url, assessment_id):
    with session_scope(db_url) as s:
        return [(r.rank, r.intervention_id, r.status, r.comment) for r in s.execute(
            select(Suggestion).where(Suggestion.assessment_id == assessment_id)
            .order_by(Suggestion.rank)).scalars()]


def say(assessment_id, user, text, shown):
    dispatcher = CollectingDispatcher()
    result = ValidateSuggestionsForm().validate_suggestion_step(
        text, dispatcher, tracker(assessment_id, user, text, shown), {})
    return dispatcher.messages, result


def test_five_shown_then_five_more_and_only_shown_ones_are_stored_and_counted(db_url, assessment):
    aid, user = assessment
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAskSuggestionStep().run(dispatcher, tracker(aid, user), {}))
    listing = dispatcher.messages[0]["text"]
    assert "5. " in listing and "6. " not in listing and "Placering:" in listing
    assert [e["value"] for e in events if e.get("name") == "suggestions_shown"] == [5.0]
    rows = stored(db_url, aid)
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    ids = [r[1] for r in rows]
    assert "eb-budget-skuldradgivning" in ids and "eb-forebygga-avhysningar" in ids

    messages, result = say(aid, user, "välj 7", 5)
    assert "inte visat än" in messages[0]["text"] and len(stored(db_url, aid)) == 5
    messages, result = say(aid, user, "visa fler", 5)
    assert result["suggestions_shown"] == 10.0 and "Fler förslag:" in messages[0]["text"]
    assert [r[0] for r in stored(db_url, aid)] == list(range(1, 11))

    messages, _ = say(aid, user, "varför 1", 10)
    assert "Plats 1 i listan på grund av: varningssignal" in messages[0]["text"]
    # The form then asks again, with the decisions on number 1 as buttons.
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskSuggestionStep().run(dispatcher, tracker(aid, user, "varför 1", 10), {}))
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == [
        "Välj 1", "Inte aktuell 1", "Saknas lokalt 1", "Visa fler", "Klar"]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskSuggestionStep().run(dispatcher, tracker(aid, user, "varför 11", 10), {}))
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == ["Visa fler", "Klar"]
    say(aid, user, "Välj 1", 10)
    messages, _ = say(aid, user, "inte aktuell 2", 10)
    assert "Skälet sparas" in messages[0]["text"]
    messages, _ = say(aid, user, "inte aktuell 2 eftersom hon redan har kontakt med hyresrådgivningen", 10)
    assert "är inte aktuell (hon redan har kontakt med hyresrådgivningen)" in messages[0]["text"]
    messages, _ = say(aid, user, "saknas lokalt 3", 10)
    assert "saknas lokalt" in messages[0]["text"]
    rows = stored(db_url, aid)
    assert [r[2] for r in rows[:3]] == ["vald", "avböjd", "behövs men finns inte"]
    assert rows[1][3] == "hon redan har kontakt med hyresrådgivningen"

    with session_scope(db_url) as s:
        result = statistics(s, date_from=date(2000, 1, 1), date_to=date(2100, 1, 1))
    # Shown ones only, not all that matched; the decisions as made.
    assert sum(row["föreslagen"] for row in result["interventions"]) == 10
    assert sum(row["vald"] for row in result["interventions"]) == 1
    assert [g["id"] for g in result["gaps"]] == [rows[2][1]]

    dispatcher = CollectingDispatcher()
    asyncio.run(ActionFinishSuggestions().run(dispatcher, tracker(aid, user, shown=10), {}))
    summary = dispatcher.messages[1]["text"]
    chosen = rows[0][1]
    assert "Det här har du valt att gå vidare med:" in summary
    assert summary.index("valt att gå vidare") < summary.index("Det här pratade vi om")
    assert "Hon vill" not in summary and "Du sa att du själv vill ha hjälp med" in summary
    assert chosen  # the chosen one is named first
    from bot.catalogue.catalogue import load_catalogue
    name = next(e.name for e in load_catalogue() if e.id == chosen)
    assert summary.index(name) < summary.index("Annat stöd")
    declined = next(e.name for e in load_catalogue() if e.id == rows[1][1])
    assert declined not in summary  # ruled out, so not offered to the client again



def _database_down(patch):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    def refuse(self):
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    patch.setattr(Session, "commit", refuse)


def test_a_database_that_fails_under_the_list_shows_nothing_and_stores_nothing(
        db_url, assessment, monkeypatch):
    aid, user = assessment
    with monkeypatch.context() as patch:
        _database_down(patch)
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ActionAskSuggestionStep().run(dispatcher, tracker(aid, user), {}))
        assert [m.get("custom") for m in dispatcher.messages] == [{"unavailable": "database"}]
        assert events == []  # not counted as shown: the list comes when the database is back
        messages, result = say(aid, user, "visa fler", 5)
        assert [m.get("custom") for m in messages] == [{"unavailable": "database"}]
        assert result == {"suggestion_step": None}  # "suggestions_shown" stays 5
    assert stored(db_url, aid) == []


def test_a_decision_the_database_does_not_keep_is_reported_and_asked_again(
        db_url, assessment, monkeypatch):
    aid, user = assessment
    asyncio.run(ActionAskSuggestionStep().run(CollectingDispatcher(), tracker(aid, user), {}))
    with monkeypatch.context() as patch:
        _database_down(patch)
        messages, result = say(aid, user, "välj 1", 5)
    assert messages[-1].get("custom") == {"unavailable": "database"}
    assert result == {"suggestion_step": None}
    assert {r[2] for r in stored(db_url, aid)} == {"föreslagen"}
