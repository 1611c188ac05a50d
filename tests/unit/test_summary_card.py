"""The summary card at "Stämmer detta?": sent when the summary form starts and after a
stored correction; an unclear reply gets the question alone, never the card again."""
from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.suggestions_form import suggestions_for
from actions.summary_form import ASK_AGAIN, ActionAskSummaryConfirmed
from bot.storage.answers import record_answer
from bot.storage.assessments import start_assessment
from bot.storage.db import session_scope

ANSWERS = {"client_sex": "kvinna", "seen_alone": True, "modules_chosen": ["ekonomi"],
           "economy_gate": True, "income_source": "forsorjningsstod", "debts": True,
           "kronofogden": True, "debts_growing": True, "rent_arrears": True}


def tracker(assessment_id: int, events: list, message_id: int | None = None) -> Tracker:
    return Tracker(
        sender_id="conv-card", slots={"assessment_id": assessment_id},
        latest_message={"text": "x", "metadata": {"message_id": message_id}},
        events=events, paused=False, followup_action=None,
        active_loop={"name": "summary_form"}, latest_action_name="summary_form",
    )


def ask(t: Tracker) -> list[str]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskSummaryConfirmed().run(dispatcher, t, {}))
    return [m["text"] for m in dispatcher.messages]


def seeded(db_url) -> int:
    with session_scope(db_url) as s:
        a = start_assessment(s, "ÄR-2026-2323", "conv-card", consent=True)
        for qid, value in ANSWERS.items():
            record_answer(s, a.id, qid, value, source="fritext", chat_message_id=1)
        return a.id


USER = {"event": "user", "text": "x"}
STARTED = {"event": "active_loop", "name": "summary_form"}


def test_card_when_the_form_starts_with_headings_lists_and_five_suggestions(db_url):
    current = seeded(db_url)
    card, question = ask(tracker(current, [USER, STARTED], message_id=1))
    assert "▍Ekonomiskt bistånd" in card and "Riskfaktorer:\n• " in card
    assert "▍Screening\n• AUDIT: inte genomförd" in card
    first = suggestions_for(ANSWERS)[:5]  # the ranking the suggestions step shows
    assert first
    suggestions = card.split("▍Förslag att ta ställning till när du har bekräftat")[1]
    assert suggestions.startswith(f" (de {len(first)} främsta)")
    for n, s in enumerate(first, 1):
        assert f"\n{n}. {s.intervention.name}: för " in suggestions
    assert f"\n{len(first) + 1}. " not in suggestions.split("▍")[0]
    assert question.startswith("Stämmer detta?")
    assert "\n\n" not in card  # Rasa sends each blank-line part as a message of its own


def test_an_unclear_reply_gets_the_question_alone(db_url):
    current = seeded(db_url)
    # Started at an earlier message; this message (id 2) stored nothing.
    said = ask(tracker(current, [USER, STARTED, {"event": "bot"}, USER], message_id=2))
    assert said == [ASK_AGAIN]


def test_a_stored_correction_shows_the_card_again(db_url):
    current = seeded(db_url)
    with session_scope(db_url) as s:
        record_answer(s, current, "debts_growing", False, source="fritext", chat_message_id=3)
    said = ask(tracker(current, [USER, STARTED, {"event": "bot"}, USER], message_id=3))
    assert len(said) == 2 and said[0].startswith("Sammanfattning av bedömningen")
