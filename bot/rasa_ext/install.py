"""Puts the replacements of Rasa's methods in place, and only on the Rasa they were written
for: the version, and the source of each original they replace (a fingerprint). A Rasa
upgrade that changes one of them must be read before our replacement runs again, so
install() refuses to start, naming what changed.
"""
from __future__ import annotations

import hashlib
import inspect
from typing import Any

from bot.rasa_ext import action_call, action_result, applied_events, kept_session, ted_memo
from bot.rasa_ext.replacement import Replacement

RASA_VERSION = "3.6.21"
REPLACEMENTS: list[Replacement] = [module.REPLACEMENT for module in (
    action_result, action_call, applied_events, ted_memo, kept_session)] + [
    kept_session.CLOSE_REPLACEMENT]
# Rasa's own attributes, taken before anything is installed, for the check and uninstall().
_RASAS = {(r.owner, r.name): r.owner.__dict__[r.name] for r in REPLACEMENTS}


class RasaMismatch(RuntimeError):
    """Rasa is not the version, or the code, that bot.rasa_ext was written for."""


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
    for r in REPLACEMENTS:
        current = r.owner.__dict__.get(r.name)
        if current is r.ours:
            current = _RASAS[(r.owner, r.name)]  # already installed: check Rasa's own
        if current is None or fingerprint(current) != r.fingerprint:
            found.append(f"{r.label} har ändrats i Rasa (fingeravtryck "
                         f"{fingerprint(current) if current is not None else 'saknas'}, "
                         f"väntat {r.fingerprint})")
    return found


def install() -> None:
    problems = mismatches()
    if problems:
        raise RasaMismatch("Tidigt startar inte Rasa: " + "; ".join(problems) + ". Läs "
                           "ersättningen i bot/rasa_ext/ mot den nya Rasa-versionen och "
                           "uppdatera fingeravtrycket där.")
    for r in REPLACEMENTS:
        setattr(r.owner, r.name, r.ours)


def uninstall() -> None:
    """Rasa's own methods back (for tests that compare the two in one process)."""
    for (owner, name), rasas in _RASAS.items():
        setattr(owner, name, rasas)
