"""The action server's answers validated against a schema checked once.

Measured with cProfile on whole assessments through the chat API (`make bench`): 42 % of
the Rasa process's CPU went to `RemoteAction._validate_action_result`. It checks every
action server answer with `jsonschema.validate(answer, schema)`, and that function first
validates the *schema* against JSON Schema's meta-schema, on every call: a constant 50 ms
of pure Python per call with jsonschema 4.17. Here the schema is checked once and its
validator kept; every answer is still validated against the same schema.
"""
from __future__ import annotations

import functools
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


REPLACEMENT = Replacement(RemoteAction, "_validate_action_result", validate_action_result,
                          "f8cdb4be68123961")
