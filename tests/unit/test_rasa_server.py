"""bot.rasa_server: the action server's answers are validated as Rasa validates them."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

ORIGINAL = RemoteAction._validate_action_result

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
    assert _outcome(rasa_server.validate_action_result, answer) == _outcome(ORIGINAL, answer)


@pytest.mark.parametrize("answer", BROKEN)
def test_a_broken_answer_is_still_refused(answer):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_server.validate_action_result(RemoteAction("action_x", None), answer)


def test_install_replaces_rasas_method():
    try:
        rasa_server.install()
        assert RemoteAction._validate_action_result is rasa_server.validate_action_result
        assert RemoteAction("a", None)._validate_action_result(ANSWERS[1]) is True
    finally:
        RemoteAction._validate_action_result = ORIGINAL
