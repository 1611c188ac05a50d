"""`python -m bot.rasa_server run …`: Rasa's own command line, with the cost Rasa spends on
nothing taken out first. The supervisor starts Rasa this way (bot.runner).

Measured with cProfile on a whole-assessment benchmark (`make bench`, README "Performance
and scale"): 42 % of the Rasa process's CPU went to `RemoteAction._validate_action_result`.
It checks every action server answer with `jsonschema.validate(answer, schema)`, and that
function first validates the *schema* against JSON Schema's meta-schema, on every call: a
constant, 50 ms of pure Python per call with jsonschema 4.17 (the 2020-12 meta-schema with
its dynamic references). Here the schema is checked once and its validator kept; every
answer is still validated against the same schema, with the same errors and message.
"""
from __future__ import annotations

import functools
import sys
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result


def main(argv: list[str] | None = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    if argv is not None:
        sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
