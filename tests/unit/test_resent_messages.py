"""A message sent to the bot again after a fault counts once.

When a fault leaves a turn's fate unknown (Rasa or the action server killed mid-turn, the
database gone), the browser retries with the same client_message_id and the web app
sends the message to the bot again under the same chat message id. The actions must not
store its answer twice, nor take it as the answer to the next question.
"""
from __future__ import annotations

from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.assessment_form import ALREADY_STORED, ValidateAssessmentForm
from actions.context import RESENT_TEXT
from actions.summary_form import CONFIRMED, ValidateSummaryForm
from bot.storage import assessments as repo
from bot.storage.answers import record_answer
from bot.storage.db import session_scope
from bot.storage.models import Answer
from tests.unit.test_chat_history import ScriptedRasa, run
from tests.unit.test_web_chat import chat, login


def _tracker(assessment: int, text: str, message_id: int | None) -> Tracker:
    metadata = {"user": "anna.berg"}
    if message_id is not None:
        metadata["message_id"] = message_id
    return Tracker(
        sender_id="conv-1",
        slots={"assessment_id": float(assessment), "requested_slot": "answer",
               "current_question": "audit_3", "failed_attempts": 0},
        latest_message={"text": text, "metadata": metadata,
                        "intent": {"name": "inform", "confidence": 0.9}},
        events=[], paused=False, followup_action=None,
        active_loop={"name": "assessment_form"}, latest_action_name="action_listen",
    )


def _validate(assessment: int, text: str, message_id: int | None) -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    result = ValidateAssessmentForm().validate_answer(
        text, dispatcher, _tracker(assessment, text, message_id), {})
    return result, [m.get("text") for m in dispatcher.messages]


def _at_audit_3(db_url: str) -> int:
    with session_scope(db_url) as s:
        assessment = repo.start_assessment(s, "ÄR-2026-0777", "conv-1", consent=True,
                                           case_worker="anna.berg")
        for qid, value in (("client_sex", "kvinna"), ("client_age", 40), ("seen_alone", True),
                           ("modules_chosen", ["alkohol"]), ("audit_1", 2), ("audit_2", 0)):
            record_answer(s, assessment.id, qid, value, source="knapp")
        return assessment.id


def _rows(db_url: str, assessment: int) -> list[tuple[str, object]]:
    with session_scope(db_url) as s:
        return [tuple(r) for r in s.execute(
            select(Answer.question_id, Answer.value).where(Answer.assessment_id == assessment,
                                                           Answer.question_id.in_(["audit_3", "audit_4"]))
            .order_by(Answer.id))]


def test_an_answer_sent_again_is_stored_once_and_not_given_to_the_next_question(db_url):
    assessment = _at_audit_3(db_url)
    first, said = _validate(assessment, "Varje vecka", message_id=41)
    assert first["answer"] is None and "Noterat" in " ".join(said)
    # The same chat message again (a retry after a kill): AUDIT 4 is next now and has the
    # same options, so without the message id "Varje vecka" would become its answer too.
    again, said = _validate(assessment, "Varje vecka", message_id=41)
    assert said == [ALREADY_STORED] and again["answer"] is None
    assert _rows(db_url, assessment) == [("audit_3", 3)]
    # A new message with the same words is a new answer.
    _validate(assessment, "Varje vecka", message_id=42)
    assert _rows(db_url, assessment) == [("audit_3", 3), ("audit_4", 3)]


def test_without_a_message_id_every_message_is_an_answer(db_url):
    assessment = _at_audit_3(db_url)
    _validate(assessment, "Varje vecka", message_id=None)
    _validate(assessment, "Varje vecka", message_id=None)
    assert _rows(db_url, assessment) == [("audit_3", 3), ("audit_4", 3)]


class SilentThenWorkingRasa(ScriptedRasa):
    """Rasa's REST channel answers 200 with an empty list when handling failed inside it,
    or passes on the actions' "database unreachable" marker; then it works again."""

    def __init__(self, failures: list[list[dict]]):
        super().__init__()
        self.bad_answers = failures
        self.attempts: list[dict] = []

    def app(self) -> web.Application:
        async def webhook(request):
            body = await request.json()
            self.attempts.append(body)
            if self.bad_answers:
                return web.json_response(self.bad_answers.pop(0))
            self.received.append(body)
            return web.json_response([
                {"recipient_id": body["sender"], "text": f"Svar på {body['message']}"}])

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        return app


def test_an_empty_or_database_failed_answer_is_a_503_and_the_retry_goes_through(users):
    unreachable = [{"text": "Jag kan inte nå databasen just nu, så inget nytt har sparats."},
                   {"custom": {"unavailable": "database"}}]
    rasa = SilentThenWorkingRasa(failures=[[], unreachable])

    async def scenario(client, rasa):
        csrf = await login(client)
        status, err = await chat(client, csrf, conversation_id=None, text="hej",
                                 client_message_id="fault-0001")
        assert status == 503 and "svarar inte" in err["error"]
        view = await (await client.get("/api/conversations/current")).json()
        assert view["messages"] == []  # not part of the conversation until answered
        cid = view["conversation"]["id"]
        status, err = await chat(client, csrf, conversation_id=cid, text="hej",
                                 client_message_id="fault-0001")
        assert status == 503 and "Databasen" in err["error"]
        status, body = await chat(client, csrf, conversation_id=cid, text="hej",
                                  client_message_id="fault-0001")
        assert status == 200 and texts_of(body) == ["Svar på hej"]
        # Every attempt carried the same chat message id, so the actions count it once.
        assert len({a["metadata"]["message_id"] for a in rasa.attempts}) == 1
        view = await (await client.get("/api/conversations/current")).json()
        assert [m["text"] for m in view["messages"]] == ["hej", "Svar på hej"]

    run(scenario, rasa)


def texts_of(body: dict) -> list[str]:
    return [m["text"] for m in body["messages"]]


def _at_summary(text: str, earlier_ids: list[int], message_id: int) -> Tracker:
    events = [{"event": "user", "text": "…", "metadata": {"message_id": m}} for m in earlier_ids]
    events.append({"event": "user", "text": text, "metadata": {"message_id": message_id}})
    return Tracker(
        sender_id="conv-1",
        slots={"assessment_id": 1.0, "requested_slot": "summary_confirmed"},
        latest_message={"text": text, "metadata": {"message_id": message_id},
                        "intent": {"name": "affirm", "confidence": 0.95}},
        events=events, paused=False, followup_action=None,
        active_loop={"name": "summary_form"}, latest_action_name="action_listen",
    )


def test_a_resent_last_answer_does_not_confirm_the_summary():
    """Found by the isolation test: the answer to AUDIT 10 timed out in the web app but
    Rasa took it in and showed the summary; resent, "Ja, under det senaste året" was read
    as the case worker's "ja" to "Stämmer detta?" and saved the assessment as final."""
    text = "Ja, under det senaste året"
    dispatcher = CollectingDispatcher()
    result = ValidateSummaryForm().validate_summary_confirmed(
        text, dispatcher, _at_summary(text, [40, 41], 41), {})
    assert result == {"summary_confirmed": None}
    assert [m["text"] for m in dispatcher.messages] == [RESENT_TEXT]
    # The case worker's own "ja", a new message, confirms.
    confirmed = ValidateSummaryForm().validate_summary_confirmed(
        "ja", CollectingDispatcher(), _at_summary("ja", [40, 41], 42), {})
    assert confirmed == {"summary_confirmed": CONFIRMED}
