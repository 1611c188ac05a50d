"""Each tracker keeps its applied events and continues the fold over the events added since.

Once the schema check was gone (action_result), 32 % of the Rasa process's CPU went to
`DialogueStateTracker.applied_events`, which every policy calls for every prediction
(several per message). It folds over every event of the conversation, and for each
execution of a form it searches back to the form's first execution, so the cost of a
message grows with the square of the assessment's length (about 650 events at the end).
The fold depends only on the events before, so a tracker keeps its result.
"""
from __future__ import annotations

import itertools
from typing import Any

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

from bot.rasa_ext.replacement import Replacement

RASAS = DialogueStateTracker.applied_events
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
    done, applied, names = 0, [], None
    if self._max_event_history is None and kept is not None and kept[0] <= len(events) \
            and (not kept[0] or events[kept[0] - 1] is kept[1]):
        new = list(itertools.islice(events, kept[0], None))
        if _loop_names(new) <= kept[2]:
            # The kept names are then those of all the events: no walk over them all.
            done, applied, names = kept[0], list(kept[3]), kept[2]
    if names is None:
        names = _loop_names(events)
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


REPLACEMENT = Replacement(DialogueStateTracker, "applied_events", applied_events,
                          "764d5065ea9997d6")
