"""bot.rasa_ext: each replacement of a Rasa method gives Rasa's results, and install()
refuses a Rasa the replacements were not written for."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext import action_call, action_result, applied_events, install, kept_session
from bot.settings import PROJECT_ROOT

ORIGINAL = RemoteAction._validate_action_result
ORIGINAL_FORMAT = RemoteAction._action_call_format

ANSWERS = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "audit_1", "value": 2, "timestamp": None}],
     "responses": [{"text": "Fråga 2 av 10", "buttons": [{"title": "Aldrig",
                                                          "payload": "/inform"}]}]},
    {"events": [{"event": "active_loop", "name": "assessment_form"},
                {"event": "followup", "name": "action_listen"}], "responses": []},
    {},
]
BROKEN = [
    {"events": "inga"},
    {"events": [{"event": "slot"}]},  # a slot event without a name
    {"events": [{"event": "nonsense_event"}]},
    {"responses": [1, 2]},
    [],
]


def _outcome(validate, answer):
    try:
        return validate(RemoteAction("action_x", None), answer)
    except ValidationError as err:
        return ("error", err.message, list(err.path))


@pytest.mark.parametrize("answer", ANSWERS + BROKEN)
def test_same_outcome_as_rasa(answer):
    assert _outcome(action_result.validate_action_result, answer) == _outcome(ORIGINAL, answer)


@pytest.mark.parametrize("answer", BROKEN)
def test_a_broken_answer_is_still_refused(answer):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action_result.validate_action_result(RemoteAction("action_x", None), answer)


def test_install_replaces_rasas_method():
    try:
        install.install()
        assert RemoteAction._validate_action_result is action_result.validate_action_result
        assert RemoteAction("a", None)._validate_action_result(ANSWERS[1]) is True
    finally:
        install.uninstall()
    assert RemoteAction._validate_action_result is ORIGINAL
    assert RemoteAction._action_call_format is ORIGINAL_FORMAT


# applied_events: the kept, continued fold gives exactly Rasa's list, event for event.

def _random_event(rng):
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionExecutionRejected,
        ActionReverted,
        ActiveLoop,
        BotUttered,
        FollowupAction,
        LoopInterrupted,
        Restarted,
        SessionStarted,
        SlotSet,
        UserUtteranceReverted,
        UserUttered,
    )
    form = rng.choice(["assessment_form", "assessment_form", "consent_form"])
    return rng.choices([
        lambda: UserUttered("svar", {"name": rng.choice(["affirm", "inform", "ask_why"])}),
        lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted(form),
        lambda: ActionExecuted(rng.choice(["action_explain", "utter_greet", "action_pause"])),
        lambda: ActiveLoop(form),
        lambda: ActiveLoop(None),
        lambda: ActionExecutionRejected(form),
        lambda: LoopInterrupted(rng.random() < 0.5),
        lambda: SlotSet("requested_slot", rng.choice(["audit_1", "audit_2", None])),
        lambda: BotUttered("Fråga"),
        lambda: FollowupAction(form),
        lambda: UserUtteranceReverted(),
        lambda: ActionReverted(),
        lambda: Restarted(),
        lambda: SessionStarted(),
    ], weights=[10, 10, 12, 4, 3, 1, 2, 1, 6, 6, 1, 1, 1, 0.3, 0.3])[0]()


@pytest.mark.parametrize("seed", range(60))
def test_applied_events_as_rasa_computes_them(seed):
    import copy
    import random


    rng = random.Random(seed)
    tracker = DialogueStateTracker("samtal", [])
    for step in range(250):
        tracker.update(_random_event(rng))
        if rng.random() < 0.6:  # sometimes several new events between two calls
            ours = applied_events.applied_events(tracker)
            assert [id(e) for e in ours] == [id(e) for e in applied_events.RASAS(
                tracker)], f"step {step}"
        if rng.random() < 0.02:  # Rasa copies trackers; a copy continues on its own
            tracker = copy.deepcopy(tracker)


def test_applied_events_with_a_bounded_history_is_always_fresh():
    import random


    rng = random.Random(7)
    tracker = DialogueStateTracker("samtal", [], max_event_history=20)
    for _ in range(100):
        tracker.update(_random_event(rng))
        assert [id(e) for e in applied_events.applied_events(tracker)] == [
            id(e) for e in applied_events.RASAS(tracker)]


# The action server's call: Rasa's own, with the events of the recent messages only.

def test_the_action_call_is_rasas_with_only_the_recent_events():
    import random

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    rng = random.Random(11)
    tracker = DialogueStateTracker("samtal", domain.slots)
    for i in range(400):
        event = _random_event(rng)
        if isinstance(event, UserUttered):
            event = UserUttered(f"svar {i}", {"name": "inform", "confidence": 0.9},
                                metadata={"message_id": i})
        tracker.update(event)
    action = RemoteAction("validate_assessment_form", None)
    ours = action_call.action_call_format(action, tracker, domain)
    theirs = ORIGINAL_FORMAT(action, tracker, domain)
    assert {k: v for k, v in ours.items() if k != "tracker"} == {
        k: v for k, v in theirs.items() if k != "tracker"}
    assert {k: v for k, v in ours["tracker"].items() if k != "events"} == {
        k: v for k, v in theirs["tracker"].items() if k != "events"}
    sent, every = ours["tracker"]["events"], theirs["tracker"]["events"]
    assert sent == every[-len(sent):] and len(sent) < len(every)
    users = [e for e in sent if e["event"] == "user"]
    assert len(users) == action_call.RECENT_USER_TURNS and sent[0]["event"] == "user"


def test_a_short_conversation_is_sent_whole():
    from rasa.shared.core.events import ActionExecuted, UserUttered

    tracker = DialogueStateTracker.from_events("samtal", [
        ActionExecuted("action_listen"), UserUttered("hej"), ActionExecuted("utter_greet")])
    assert action_call.recent_events(tracker) == list(tracker.events)


# The action server's connection: kept between calls, and a call after the action server
# closed it (here: restarted) still gets through on a new one.

def test_calls_to_an_endpoint_share_one_connection_and_survive_a_restart():
    import asyncio

    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    async def scenario():
        peers = []

        async def answer(request):
            peers.append(request.transport.get_extra_info("peername"))
            body = await request.json()
            return web.json_response({"events": [], "responses": [], "echo": body["n"]})

        async def serve(port=0):
            app = web.Application()
            app.router.add_post("/webhook", answer)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", port)
            await site.start()
            return runner, site._server.sockets[0].getsockname()[1]

        runner, port = await serve()
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            echoes = [(await endpoint.request(json={"n": n}, method="post"))["echo"]
                      for n in range(3)]
            await runner.cleanup()  # the action server stops; its connections close
            runner, _ = await serve(port)
            echoes.append((await endpoint.request(json={"n": 3}, method="post"))["echo"])
        finally:
            await runner.cleanup()
            await kept_session.close_kept_sessions()
        return echoes, peers

    try:
        install.install()
        echoes, peers = asyncio.run(scenario())
    finally:
        install.uninstall()
    assert echoes == [0, 1, 2, 3]
    assert len(set(peers[:3])) == 1  # one connection for the three calls
    assert peers[3] != peers[0]  # a new one after the restart

    echoes, peers = asyncio.run(scenario())  # Rasa's own: a connection per call
    assert echoes == [0, 1, 2, 3] and len(set(peers[:3])) == 3


def test_install_refuses_a_rasa_whose_replaced_code_changed(monkeypatch):
    """A Rasa upgrade that changes a method we replace must be read first: install()
    refuses, naming the method, instead of running our copy over code it does not know."""
    from rasa.core.actions.action import RemoteAction

    assert install.mismatches() == []

    def changed(self, tracker, domain):  # stands in for a changed Rasa original
        return {"changed": True}

    monkeypatch.setattr(RemoteAction, "_action_call_format", changed)
    with pytest.raises(install.RasaMismatch, match="RemoteAction._action_call_format"):
        install.install()


def test_install_refuses_another_rasa_version():
    problems = install.mismatches(version="3.7.0")
    assert problems and "Rasa 3.7.0" in problems[0] and install.RASA_VERSION in problems[0]


def test_a_kept_ted_prediction_is_handed_out_as_a_copy_with_every_value():
    import inspect

    from rasa.core.policies.policy import PolicyPrediction
    from rasa.shared.core.events import SlotSet

    from bot.rasa_ext import ted_memo

    names = [p for p in inspect.signature(PolicyPrediction.__init__).parameters if p != "self"]
    values = dict(probabilities=[0.1, 0.9], policy_name="TEDPolicy", policy_priority=3,
                  events=[SlotSet("a", 1)], optional_events=[SlotSet("b", 2)],
                  is_end_to_end_prediction=True, is_no_user_prediction=True,
                  diagnostic_data={"d": 1}, hide_rule_turn=True, action_metadata={"m": 2})
    assert sorted(values) == sorted(names), "PolicyPrediction's fields changed"
    kept = PolicyPrediction(**values)
    copy = ted_memo.fresh_copy(kept)
    assert copy is not kept and copy.probabilities is not kept.probabilities
    assert {n: getattr(copy, n) for n in names} == values


def test_kept_sessions_are_closed_when_rasa_stops():
    import asyncio
    from types import SimpleNamespace

    import rasa.core.run as rasa_run
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_ext import kept_session

    async def stop() -> bool:
        endpoint = EndpointConfig("http://127.0.0.1:9/webhook")
        async with endpoint.session() as session:
            pass
        # What Rasa's server registers for after_server_stop (looked up at its start).
        await rasa_run.close_resources(SimpleNamespace(ctx=SimpleNamespace()),
                                       asyncio.get_running_loop())
        return session.closed

    try:
        install.install()
        assert asyncio.run(stop()) is True
    finally:
        install.uninstall()
    assert rasa_run.close_resources is not kept_session.close_resources


def _rasa_events() -> list[dict]:
    """One of each kind of event Rasa has, as an action server sends them."""
    from datetime import datetime

    from rasa.shared.core import events as e

    parse = {"text": "ja", "intent": {"name": "affirm", "confidence": 0.9},
             "intent_ranking": [{"name": "affirm", "confidence": 0.9}],
             "entities": [{"entity": "number", "value": 3, "start": 0, "end": 1}]}
    made = [
        e.UserUttered("ja", parse["intent"], parse["entities"], parse_data=parse),
        e.BotUttered("Fråga", {"buttons": [{"title": "Ja", "payload": "/affirm"}]}),
        e.SlotSet("audit_1", 2), e.SlotSet("x", None), e.SlotSet("y", {"a": [1]}),
        e.ActionExecuted("action_listen", policy="TEDPolicy", confidence=0.8),
        e.ActiveLoop("assessment_form"), e.ActiveLoop(None), e.FollowupAction("action_x"),
        e.Restarted(), e.AllSlotsReset(), e.ConversationPaused(), e.ConversationResumed(),
        e.UserUtteranceReverted(), e.ActionReverted(), e.StoryExported("p"),
        e.ReminderScheduled("intent_x", datetime(2026, 12, 4, 12, 0), name="r"),
        e.ReminderCancelled(name="r"), e.AgentUttered("hej"), e.SessionStarted(),
        e.LoopInterrupted(True), e.ActionExecutionRejected("action_x"),
        e.EntitiesAdded([{"entity": "a", "value": 1}]),
        e.DefinePrevUserUtteredFeaturization(False),
    ]
    return [event.as_dict() for event in made]


def _broken_variants(event: dict):
    """The event with its type changed, each field dropped, and each given wrong values."""
    for other in ("user", "bot", "slot", "action", "active_loop", "followup", "reset_slots",
                  "reminder", "cancel_reminder", "nonsense", ""):
        yield {**event, "event": other}
    for key in event:
        yield {k: v for k, v in event.items() if k != key}
        for wrong in (None, 1, 2.5, "x", [], {}, [1], {"a": 1}, True):
            yield {**event, key: wrong}


def test_the_events_fast_path_agrees_with_jsonschema_on_every_event_and_its_breakages():
    """validate_action_result takes an answer as valid on its fast path only where
    jsonschema finds it valid (the fast path's False goes to jsonschema whole)."""
    validator = action_result.action_response_validator()
    events = _rasa_events()
    assert {e["event"] for e in events} >= {"user", "bot", "slot", "action", "active_loop"}
    answers = list(ANSWERS + BROKEN) + [{"events": events, "responses": []}]
    for event in events:
        answers += [{"events": [event]}, {"events": [event, event], "responses": [{}]}]
        answers += [{"events": [variant]} for variant in _broken_variants(event)]
    answers += [{"events": [1]}, {"events": [None]}, {"events": [{}]}, {"events": [[]]},
                {"events": None}, {"events": [], "responses": "x"}, "svar", None, 3]
    valid = 0
    for answer in answers:
        assert action_result.fits(answer) == validator.is_valid(answer), answer
        valid += validator.is_valid(answer)
    assert 30 < valid < len(answers) - 300  # both kinds, many of each


def test_the_events_fast_path_is_taken_for_rasas_schema():
    assert action_result.fits({"events": _rasa_events()}) is True
