"""Where a failed story went another way: read from Rasa's `failed_test_stories.yml`.

Rasa writes each failed story again, with the story's own steps, and marks a step where
its prediction differed with a YAML comment: `- action: x  # predicted: y` for the bot's
action, `intent: a  # predicted: b: text` for the understanding of a user message
(rasa/core/test.py, WronglyPredictedAction and WronglyClassifiedUserUtterance). Comments
do not survive a YAML parser, so the file is read line by line. Only the first marked step
matters to a trainer: after it, Rasa carries on with the story's own steps, so later marks
are often consequences of the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_STORY = re.compile(r"^- story:\s*(?P<name>.*?)\s*$")
# A step starts an item of the story's step list (two spaces, a dash).
_STEP = re.compile(r"^  - (?P<kind>[a-z_]+):\s*(?P<value>.*?)\s*$")
_PREDICTED = re.compile(r"#\s*predicted:\s*(?P<predicted>.*?)\s*$")
_SOURCE = re.compile(r"\s*\((?P<path>[^()]*\.ya?ml)\)$")
_INTENT_LINE = re.compile(r"^\s+intent:\s*(?P<intent>[^#\s]+)")
_USER_LINE = re.compile(r"^\s+user:\s*(?P<text>.*)$")


@dataclass(frozen=True)
class Divergence:
    story: str               # the story's name as written in the story file
    step: int                # 1-based number of the step where the bot went another way
    kind: str                # "action" (the bot did something else) or "intent" (understood differently)
    expected: str
    actual: str
    user_text: str | None    # the latest thing the user said before (or in) that step


def _story_name(raw: str) -> str:
    """Rasa appends the source file, '(path/test_x.yml)', to the name; drop it."""
    raw = raw.strip().strip('"').strip("'")
    return _SOURCE.sub("", raw).strip()


def _clean(value: str) -> str:
    return _PREDICTED.sub("", value).strip().strip('"').strip("'")


def first_divergences(failed_yaml: str) -> dict[str, Divergence]:
    """Each failed story's first marked step, by story name."""
    found: dict[str, Divergence] = {}
    name: str | None = None
    step = 0
    step_kind = ""
    step_value = ""
    last_user: str | None = None
    collecting_user = False
    for line in failed_yaml.splitlines():
        story = _STORY.match(line)
        if story:
            name, step, last_user, collecting_user = _story_name(story.group("name")), 0, None, False
            continue
        if name is None or name in found:
            continue
        item = _STEP.match(line)
        if item:
            step += 1
            step_kind, step_value = item.group("kind"), _clean(item.group("value"))
            collecting_user = step_kind == "user" and step_value in ("|", "|-", ">", ">-")
            if step_kind == "user" and not collecting_user:
                last_user = step_value
        else:
            user = _USER_LINE.match(line)
            if user:
                value = _clean(user.group("text"))
                collecting_user = value in ("|", "|-", ">", ">-")
                if not collecting_user:
                    last_user = value
            elif collecting_user and line.strip() and "#" not in line:
                # The text of a block scalar (`user: |`), one indented line.
                last_user = line.strip()
                collecting_user = False
        predicted = _PREDICTED.search(line)
        if not predicted or step == 0:
            continue
        actual = predicted.group("predicted")
        intent = _INTENT_LINE.match(line)
        if step_kind == "action" and item:
            found[name] = Divergence(name, step, "action", step_value, actual, last_user)
        elif intent or step_kind in ("intent", "user"):
            expected = intent.group("intent") if intent else step_value
            # "predicted: goodbye: hej då" -> the intent the model chose, then the text
            # (the text of this very step, which Rasa writes on the lines after it).
            chosen, _, text = actual.partition(":")
            chosen = chosen.strip()
            kind = "intent" if chosen != expected else "entities"
            found[name] = Divergence(name, step, kind, expected, chosen,
                                     text.strip() or last_user)
        else:
            found[name] = Divergence(name, step, step_kind or "action", step_value, actual,
                                     last_user)
    return found
