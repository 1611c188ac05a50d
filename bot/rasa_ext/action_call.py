"""The action server's call carries the events of the recent messages only.

Every call to the action server carried the conversation's every event (about 650 at the
end of an assessment), serialised by Rasa and parsed by the action server, two or three
times per message. Our actions read the events only to recognise a message resent after a
fault (actions/context.py), and Rasa SDK's forms only back to the last action; here the
call carries the events of the last RECENT_USER_TURNS messages. Everything else in the
call (slots, latest message, active form, domain) is Rasa's own.
"""
from __future__ import annotations

from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.replacement import Replacement

# The events sent to the action server start this many user messages back. A resent
# message (actions/context.py) follows its original at once, so the original is the
# previous user message; four leaves room. Ten made each call 47 KB of JSON mid-assessment.
RECENT_USER_TURNS = 4


def recent_events(tracker: DialogueStateTracker, user_turns: int = RECENT_USER_TURNS) -> list:
    """The tracker's events from its `user_turns`-th last user message on (all if fewer)."""
    tail: list[Event] = []
    seen = 0
    for event in reversed(tracker.events):
        tail.append(event)
        if isinstance(event, UserUttered):
            seen += 1
            if seen == user_turns:
                break
    tail.reverse()
    return tail


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker,
                       domain: Any) -> dict[str, Any]:
    """RemoteAction._action_call_format with only the recent events in the tracker."""
    import rasa

    state = tracker.current_state()  # EventVerbosity.NONE: everything but the events
    state["events"] = [e.as_dict() for e in recent_events(tracker)]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
              "version": rasa.__version__}
    if (not self._is_selective_domain_enabled()
            or domain.does_custom_action_explicitly_need_domain(self.name())):
        result["domain"] = domain.as_dict()
    return result


REPLACEMENT = Replacement(RemoteAction, "_action_call_format", action_call_format,
                          "428795b944f22edb")
