"""The action server's answers validated against a schema checked once.

Measured with cProfile on whole assessments through the chat API (`make bench`): 42 % of
the Rasa process's CPU went to `RemoteAction._validate_action_result`. It checks every
action server answer with `jsonschema.validate(answer, schema)`, and that function first
validates the *schema* against JSON Schema's meta-schema, on every call: a constant 50 ms
of pure Python per call with jsonschema 4.17. Here the schema is checked once and its
validator kept; every answer is still validated against the same schema.

What was left of it (2026-12-04, cProfile in Rasa flat out at 20 conversations: about a
sixth of Rasa's CPU) was the events' `oneOf`: each event is tried against all 23 event
schemas, to find that exactly one fits. Each of those fixes `event` to one constant, and
the answer's events all have an `event` string (the schema requires it), so only the event
schemas for that string can fit; those are tried alone (`fits`). An answer that does not
fit that way is validated whole by jsonschema as before, so a refusal and its message are
jsonschema's own; tests/unit/test_rasa_ext.py compares the two on every Rasa event and on
broken ones.
"""
from __future__ import annotations

import copy
import functools
import json
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from bot.rasa_ext.replacement import Replacement


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate would on every call
    return cls(schema)


@functools.lru_cache(maxsize=1)
def _by_event_type() -> tuple[Any, dict[str, list[Any]], list[Any]] | None:
    """The schema without the events' oneOf, the oneOf's schemas by the `event` constant
    each fixes, and those that fix none (tried for every event); None when the schema is
    not built that way (then every answer goes through jsonschema whole)."""
    schema = RemoteAction.action_response_format_spec()
    try:
        items = schema["properties"]["events"]["items"]
        alternatives = items["oneOf"]
        required = "event" in items["required"]
        event_is_a_string = items["properties"]["event"] == {"type": "string"}
    except (KeyError, TypeError):
        return None
    if not (required and event_is_a_string) or "$ref" in json.dumps(schema):
        return None
    cls = validators.validator_for(schema)
    by_type: dict[str, list[Any]] = {}
    any_type: list[Any] = []
    for alternative in alternatives:
        event = (alternative.get("properties") or {}).get("event")
        if isinstance(event, dict) and set(event) == {"const"} and \
                isinstance(event["const"], str):
            by_type.setdefault(event["const"], []).append(cls(alternative))
        else:
            any_type.append(cls(alternative))
    outer = copy.deepcopy(schema)
    del outer["properties"]["events"]["items"]["oneOf"]
    return cls(outer), by_type, any_type


def fits(result: Any) -> bool:
    """Whether the answer is valid by the schema, trying each event only against the event
    schemas its type can fit. True only where jsonschema finds no error (the outer schema
    checked the events are objects with an `event` string; an event schema fixing another
    constant cannot fit, so exactly one fits among these iff exactly one fits among all);
    False may also mean "ask jsonschema"."""
    split = _by_event_type()
    if split is None:
        return False
    outer, by_type, any_type = split
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or ():
        candidates = by_type.get(event["event"], []) + any_type
        if sum(1 for validator in candidates if validator.is_valid(event)) != 1:
            return False
    return True


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result without re-checking the constant schema."""
    if fits(result):
        return True
    error = exceptions.best_match(action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


REPLACEMENT = Replacement(RemoteAction, "_validate_action_result", validate_action_result,
                          "f8cdb4be68123961")
