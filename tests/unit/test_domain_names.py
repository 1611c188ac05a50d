"""bot/domain_names.py names exactly what domain.yml declares: an intent, slot or form
added to, renamed in or dropped from the domain without its constant (or the other way
round) fails here, not in a conversation where a slot silently never fills."""
from __future__ import annotations

import ast

import yaml

from bot.domain_names import Form, Intent, Slot
from bot.settings import PROJECT_ROOT


def _domain() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def _names(kind: type) -> set[str]:
    return {value for key, value in vars(kind).items() if key.isupper()}


def test_the_intents_are_the_domains():
    assert _names(Intent) == set(_domain()["intents"])


def test_the_slots_are_the_domains_and_rasas_requested_slot():
    assert _names(Slot) - {Slot.REQUESTED} == set(_domain()["slots"])
    assert Slot.REQUESTED == "requested_slot"


def test_the_forms_are_the_domains():
    assert _names(Form) == set(_domain()["forms"])


def _spelled(paths, names: set[str]) -> list[str]:
    """String constants that are one of `names`, or a button's payload for one ("/pause")."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.removeprefix("/") in names:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {node.value!r}")
    return found


def test_no_action_spells_a_slot_intent_or_form_name_as_a_string():
    """The constants are used: a literal name in actions/ is a copy that can drift."""
    names = _names(Intent) | _names(Slot) | _names(Form)
    assert not _spelled(sorted((PROJECT_ROOT / "actions").glob("*.py")), names)


def test_no_module_of_the_bot_spells_an_intent_or_form_name_as_a_string():
    """The core reads intents too (digressions, steering words, the story report). Slot
    names are left out here: "consent" or "case_reference" in an export or the schema
    is the name of a field there, not of the slot."""
    paths = [p for p in sorted((PROJECT_ROOT / "bot").rglob("*.py"))
             if p.name != "domain_names.py" and "migrations" not in p.parts]
    assert not _spelled(paths, _names(Intent) | _names(Form))
