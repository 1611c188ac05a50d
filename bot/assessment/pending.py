"""A reading shown to the case worker for confirmation, not yet an answer. Pure.

Two kinds: "menar_du" for the open question when the reading is likely but not sure
("Menar du ”2–4 gånger i månaden”?", with the nearest options beside "Ja"), and
"uppfattat" for facts volunteered for questions not yet asked ("Jag uppfattade också:
…"). Only the case worker's "ja" makes them answers (bot/assessment/turn.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MEANT, NOTICED = "menar_du", "uppfattat"


@dataclass(frozen=True)
class Pending:
    question_id: str
    value: Any
    label: str
    kind: str  # MEANT | NOTICED
    phrase: str = ""  # the clause it was read from
    alternatives: tuple[str, ...] = ()  # MEANT: the nearest options' labels, as buttons
