"""`python -m bot.rasa_server run …`: Rasa's own command line, with work Rasa repeats for
nothing taken out first. The supervisor starts Rasa this way (bot.runner). Both changes
give the same results as Rasa's code (tests/unit/test_rasa_server.py compares them).

Measured with cProfile on whole assessments through the chat API (`make bench`, README
"Performance and scale"):

- 42 % of the Rasa process's CPU went to `RemoteAction._validate_action_result`. It checks
  every action server answer with `jsonschema.validate(answer, schema)`, and that function
  first validates the *schema* against JSON Schema's meta-schema, on every call: a
  constant 50 ms of pure Python per call with jsonschema 4.17. Here the schema is checked
  once and its validator kept; every answer is still validated against the same schema.
- Once that was gone, 32 % went to `DialogueStateTracker.applied_events`, which every
  policy calls for every prediction (several per message). It folds over every event of
  the conversation, and for each execution of a form it searches back to the form's
  first execution, so the cost of a message grows with the square of the assessment's
  length (about 650 events at the end). The fold depends only on the events before, so
  here a tracker keeps its result and continues it over the events added since.
- Every call to the action server carried the conversation's every event (about 650 at the
  end of an assessment), serialised by Rasa and parsed by the action server, two or three
  times per message. Our actions read the events only to recognise a message resent
  after a fault (actions/context.py), and Rasa SDK's forms only back to the last action;
  here the call carries the events of the last RECENT_USER_TURNS (4) messages. Everything
  else in the call (slots, latest message, active form, domain) is Rasa's own.
- TED then took the largest share of what was left: every prediction (two or more per
  message) runs it, though in a form the rules decide almost every turn. Its answer
  depends only on the last few dialogue states (max_history), which repeat from question
  to question, so a TED prediction is kept per state window and served again for the same
  window. Models whose TED reads message text (end-to-end stories) are never served from
  it: their input is more than the states.
- Rasa opened a new HTTP session, and so a new TCP connection, for every call to the
  action server (two or three per message). Here the connection is kept between calls,
  for a little less than the action server keeps an idle one open, so a kept connection
  is never one the server is closing.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import inspect
import itertools
import sys
from collections import OrderedDict
from typing import Any

import aiohttp
import rasa.core.run as rasa_run
from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate would on every call
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result without re-checking the constant schema."""
    error = exceptions.best_match(action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


_RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events
_APPLIED = "_tidigt_applied_events"


def _loop_names(events: Any) -> set[str]:
    return {e.name for e in events if isinstance(e, ActiveLoop) and e.name}


def applied_events(self: DialogueStateTracker) -> list[Event]:
    """DialogueStateTracker.applied_events, continued from this tracker's last result.

    Rasa's fold (trackers.py) reads, besides the events so far, only the names of all
    loops activated anywhere in the tracker; the kept result is continued when the
    tracker has only grown since and no new loop name came with the new events, and the
    fold starts afresh otherwise.
    """
    events = self.events
    kept = self.__dict__.get(_APPLIED)
    done, applied, names = 0, [], _loop_names(events)
    if self._max_event_history is None and kept is not None and kept[0] <= len(events) \
            and (not kept[0] or events[kept[0] - 1] is kept[1]):
        new = list(itertools.islice(events, kept[0], None))
        if _loop_names(new) <= kept[2]:
            done, applied, names = kept[0], list(kept[3]), kept[2]
    for event in itertools.islice(events, done, None):
        _fold(self, event, names, applied)
    self.__dict__[_APPLIED] = (len(events), events[-1] if events else None, names, applied)
    return list(applied)


def _fold(self: DialogueStateTracker, event: Event, loop_names: set[str],
          applied: list[Event]) -> None:
    """One step of Rasa's applied_events, in place (a restart empties the list)."""
    if isinstance(event, (Restarted, SessionStarted)):
        applied.clear()
    elif isinstance(event, ActionReverted):
        self._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        self._undo_till_previous(UserUttered, applied)
        self._undo_till_previous(ActionExecuted, applied)
    elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
          and not self._first_loop_execution_or_unhappy_path(event.action_name, applied)):
        self._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)


# The events sent to the action server start this many user messages back. A resent
# message (actions/context.py) follows its original at once, so the original is the
# previous user message; four leaves room. Ten made each call 47 KB of JSON mid-assessment.
RECENT_USER_TURNS = 4


def recent_events(tracker: DialogueStateTracker, user_turns: int = RECENT_USER_TURNS) -> list:
    """The tracker's events from its `user_turns`-th last user message on (all if fewer)."""
    tail: list[Event] = []
    seen = 0
    for event in reversed(tracker.events):
        tail.append(event)
        if isinstance(event, UserUttered):
            seen += 1
            if seen == user_turns:
                break
    tail.reverse()
    return tail


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker,
                       domain: Any) -> dict[str, Any]:
    """RemoteAction._action_call_format with only the recent events in the tracker."""
    import rasa

    state = tracker.current_state()  # EventVerbosity.NONE: everything but the events
    state["events"] = [e.as_dict() for e in recent_events(tracker)]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
              "version": rasa.__version__}
    if (not self._is_selective_domain_enabled()
            or domain.does_custom_action_explicitly_need_domain(self.name())):
        result["domain"] = domain.as_dict()
    return result


_RASA_TED_PREDICT = TEDPolicy.predict_action_probabilities
# Distinct state windows kept per TED policy: a whole assessment has a few hundred.
TED_KEPT_WINDOWS = 4096


def ted_predict(self: TEDPolicy, tracker: DialogueStateTracker, domain: Any,
                rule_only_data: dict[str, Any] | None = None,
                precomputations: Any = None, **kwargs: Any) -> PolicyPrediction:
    """TEDPolicy.predict_action_probabilities, answered from earlier predictions for the
    same dialogue states."""
    if self.model is None or TEXT in self.fake_features or self.only_e2e:
        return _RASA_TED_PREDICT(self, tracker, domain, rule_only_data, precomputations,
                                 **kwargs)
    ml_only = self.supported_data() == SupportedData.ML_DATA
    # The same states TED featurises (Policy._featurize_for_prediction).
    states = self.featurizer.prediction_states(
        [tracker], domain, use_text_for_last_user_input=False,
        ignore_rule_only_turns=ml_only, rule_only_data=rule_only_data,
        ignore_action_unlikely_intent=ml_only)[0]
    key = repr(states)
    kept: OrderedDict[str, PolicyPrediction] = self.__dict__.setdefault(
        "_tidigt_predictions", OrderedDict())
    prediction = kept.get(key)
    if prediction is None:
        prediction = _RASA_TED_PREDICT(self, tracker, domain, rule_only_data, precomputations,
                                       **kwargs)
        kept[key] = prediction
        while len(kept) > TED_KEPT_WINDOWS:
            kept.popitem(last=False)
    else:
        kept.move_to_end(key)
    # A fresh object: the ensemble zeroes a rejected action's probability in place.
    return PolicyPrediction(
        list(prediction.probabilities), prediction.policy_name, prediction.policy_priority,
        list(prediction.events), list(prediction.optional_events),
        prediction.is_end_to_end_prediction, prediction.is_no_user_prediction,
        prediction.diagnostic_data, prediction.hide_rule_turn, prediction.action_metadata)


# Idle seconds a kept connection to the action server may wait for its next call: under
# Sanic's keep-alive timeout (5 s), after which the action server closes it.
KEEPALIVE_SECONDS = 4.0
_KEPT_SESSIONS: dict[tuple, tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}


class _KeptSession:
    """What Rasa's `async with endpoint.session() as session` gets: the session kept for
    this endpoint's headers and sign-in on the running loop, left open on exit."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self._endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        endpoint = self._endpoint
        auth = (aiohttp.BasicAuth(endpoint.basic_auth["username"],
                                  endpoint.basic_auth["password"])
                if endpoint.basic_auth else None)
        key = (tuple(sorted((endpoint.headers or {}).items())), auth)
        kept = _KEPT_SESSIONS.get(key)
        if kept is not None and kept[0] is loop and not kept[1].closed:
            return kept[1]
        session = aiohttp.ClientSession(
            headers=endpoint.headers, auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS))
        _KEPT_SESSIONS[key] = (loop, session)
        return session

    async def __aexit__(self, *exc_info: Any) -> bool:
        return False


def kept_session(self: EndpointConfig) -> _KeptSession:
    return _KeptSession(self)


async def close_kept_sessions() -> None:
    """Close the kept sessions of the running loop (for tests; a server keeps them)."""
    loop = asyncio.get_running_loop()
    for key, (owner, session) in list(_KEPT_SESSIONS.items()):
        if owner is loop:
            await session.close()
            del _KEPT_SESSIONS[key]


# What install() replaces: (class, attribute, ours). Rasa's own are kept for uninstall().
_REPLACED = [
    (RemoteAction, "_validate_action_result", validate_action_result),
    (RemoteAction, "_action_call_format", action_call_format),
    (DialogueStateTracker, "applied_events", applied_events),
    (TEDPolicy, "predict_action_probabilities", ted_predict),
    (EndpointConfig, "session", kept_session),
]
_RASAS = {(cls, name): cls.__dict__[name] for cls, name, _ours in _REPLACED}


# The Rasa these replacements were written for, and a fingerprint of each original they
# replace (sha256 of its source, first 16 hex digits). A Rasa upgrade that changes one of
# them must be read before our replacement runs again, so install() refuses to start.
RASA_VERSION = "3.6.21"
FINGERPRINTS = {
    (RemoteAction, "_validate_action_result"): "f8cdb4be68123961",
    (RemoteAction, "_action_call_format"): "428795b944f22edb",
    (DialogueStateTracker, "applied_events"): "764d5065ea9997d6",
    (TEDPolicy, "predict_action_probabilities"): "4a5d484262f5d132",
    (EndpointConfig, "session"): "e55aa13d9d4fb4bc",
}


class RasaMismatch(RuntimeError):
    """Rasa is not the version, or the code, that bot.rasa_server was written for."""


def fingerprint(original: Any) -> str:
    function = original.fget if isinstance(original, property) else original
    function = getattr(function, "__func__", function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return "ingen källkod"
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def mismatches(version: str | None = None) -> list[str]:
    """What differs from the Rasa the replacements were written for, in Swedish."""
    import rasa

    found = []
    version = version or rasa.__version__
    if version != RASA_VERSION:
        found.append(f"Rasa {version} är installerad, men Tidigts ändringar är skrivna för "
                     f"Rasa {RASA_VERSION}")
    ours = {(cls, name): fn for cls, name, fn in _REPLACED}
    for (cls, name), expected in FINGERPRINTS.items():
        current = cls.__dict__.get(name)
        if current is ours[(cls, name)]:
            current = _RASAS[(cls, name)]  # already installed: check Rasa's own
        if current is None or fingerprint(current) != expected:
            found.append(f"{cls.__name__}.{name} har ändrats i Rasa (fingeravtryck "
                         f"{fingerprint(current) if current is not None else 'saknas'}, "
                         f"väntat {expected})")
    return found


async def close_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    """Rasa's after-server-stop listener, then the kept sessions: a stopping Rasa closes
    its connections to the action server instead of leaving them to the garbage collector
    ("Unclosed client session")."""
    try:
        await _RASA_CLOSE_RESOURCES(app, loop)
    finally:
        await close_kept_sessions()


# rasa.core.run.serve_application registers the module's close_resources when it starts
# the server, so replacing the module attribute before that is enough.
_RASA_CLOSE_RESOURCES = rasa_run.close_resources


def install() -> None:
    problems = mismatches()
    if problems:
        raise RasaMismatch("Tidigt startar inte Rasa: " + "; ".join(problems) + ". Läs "
                           "bot/rasa_server.py mot den nya Rasa-versionen och uppdatera "
                           "fingeravtrycken där.")
    for cls, name, ours in _REPLACED:
        setattr(cls, name, ours)
    rasa_run.close_resources = close_resources


def uninstall() -> None:
    """Rasa's own methods back (for tests that compare the two in one process)."""
    for (cls, name), rasas in _RASAS.items():
        setattr(cls, name, rasas)
    rasa_run.close_resources = _RASA_CLOSE_RESOURCES


def main(argv: list[str] | None = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    if argv is not None:
        sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
