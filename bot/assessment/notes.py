"""Notes mode ("Klistra in anteckningar"): the case worker's notes from the meeting, read
for every fact they state with the same reader as a chat message. Pure.

Nothing here becomes an answer: each fact is a pending proposal of kind "uppfattat", with
the sentence it was read from, stored only when the case worker says yes (bot.assessment.
turn decides the reply, as for facts volunteered in the chat). A fact about a question
already answered is not proposed; if it disagrees with the answer it is pointed out.
The text given here must already be masked (bot.privacy.personnummer).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.assessment.form_entry import read_form, without_forms
from bot.assessment.pending import Pending
from bot.assessment.question_bank import Module
from bot.assessment.turn import noticed_facts, safety_messages
from bot.reading.text import clauses

MAX_NOTES = 6000  # characters: a few paragraphs of notes, not a whole case file


@dataclass
class NotesReading:
    proposals: list[Pending] = field(default_factory=list)  # what waits, old and new
    new: list[Pending] = field(default_factory=list)  # what these notes added
    conflicts: list[str] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)


def read_notes(modules: tuple[Module, ...], answers: Mapping[str, Any], masked: str,
               pending: list[Pending]) -> NotesReading:
    """The notes' facts for questions not yet answered, after what already waits (a reading
    waiting for a question keeps its place; the notes do not overwrite it)."""
    # A negation in notes is a statement of its own ("inga skulder"), not beside an answer.
    # The AUDIT/DUDIT form as the client filled it in is read first and cut out, so that
    # its points are not read as counts; the form's answer wins over the notes' words.
    form = read_form(modules, answers, masked)
    noticed, conflicts = noticed_facts(modules, answers, clauses(without_forms(masked)), set(),
                                       negated_too=True)
    if form is not None and form.problem:
        conflicts.append(form.problem)
    elif form is not None:
        by_form = {p.question_id for p in form.proposals}
        noticed = [*(p for p in noticed if p.question_id not in by_form), *form.proposals]
    waiting = {p.question_id for p in pending}
    new = [p for p in noticed if p.question_id not in waiting]
    return NotesReading(proposals=[*pending, *new], new=new, conflicts=conflicts,
                        safety=safety_messages(modules, [], masked))
