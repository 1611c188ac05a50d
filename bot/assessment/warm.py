"""The reading's caches filled when a process starts, not on its first case workers' time.

The first message about a question compiles that question's phrases (about 1 800 regular
expressions for the whole bank) and builds the indexes the readers share, all kept for
the process's life. In a fresh action server that was 1.6 s of CPU spread over the first
messages, and 0.8 s more to read the bank; in scale-out every action server paid it
again, so a short benchmark run right after a start measured 2.9 × the single process's
CPU per message in the action servers. warm_up() reads each question once with a short
and a longer answer, through the same pure turn handling the actions use.
"""
from __future__ import annotations

import logging
import time

from bot.assessment.flow import Step, decide
from bot.assessment.question_bank import load_bank, questions_by_id
from bot.assessment.turn import handle_turn
from bot.reading.names import known_words

log = logging.getLogger(__name__)

WARM_ANSWERS = ("ja", "Hon har skulder hos Kronofogden, bor i andrahand och dricker varje dag.")


def warm_up() -> float:
    """Fill the caches; the CPU seconds it took. Never fails a start: a question that
    cannot be read this way is simply left to its first real message."""
    started = time.process_time()
    bank = load_bank()
    questions_by_id()
    known_words()  # the Swedish word table behind "Jonas tar …" (bot/reading/names.py)
    first = decide(bank, {})
    for module in bank:
        for question in module.questions:
            step = Step(question, first.progress, first.answers_digest)
            for text in WARM_ANSWERS:
                try:
                    handle_turn(bank, {}, text, current=step)
                except Exception:  # noqa: BLE001 - a warm-up, not a check
                    log.debug("warm-up: %s not read", question.id, exc_info=True)
    took = time.process_time() - started
    log.info("reading warmed up in %.1f s of CPU", took)
    return took
