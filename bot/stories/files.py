"""Test story files as a trainer sees them: which files, which stories, which steps, where.

Rasa reads test stories only from files whose names start with `test_` (RasaHQ/rasa#7677),
so that is the rule here too. Steps keep their line numbers, so a report can point a
trainer at the line in the file where the bot went another way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

STEP_KINDS = ("user", "intent", "action", "slot_was_set", "active_loop", "checkpoint", "or",
              "bot")


@dataclass(frozen=True)
class Step:
    number: int          # 1-based, as a trainer counts the steps of one story
    kind: str            # "user" (with its intent), "action", "slot_was_set", "active_loop", ...
    value: str           # the action's name, the user's text, the slot, ...
    intent: str | None   # for a user step: the intent the story expects
    line: int            # 1-based line in the file


@dataclass(frozen=True)
class Story:
    name: str
    file: Path
    line: int
    comment: str                       # the comment lines just above the story, if any
    steps: list[Step] = field(default_factory=list)


def story_files(paths: list[str] | None = None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return sorted((PROJECT_ROOT / "tests").glob("test_*.yml"))


def _scalar(node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip()
    if isinstance(node, yaml.SequenceNode):
        return ", ".join(_scalar(n) for n in node.value)
    if isinstance(node, yaml.MappingNode):
        return ", ".join(f"{_scalar(k)}: {_scalar(v)}" for k, v in node.value)
    return ""


def _step(number: int, node: yaml.MappingNode) -> Step:
    pairs = {_scalar(k): v for k, v in node.value}
    line = node.start_mark.line + 1
    if "user" in pairs or "intent" in pairs:
        intent = _scalar(pairs["intent"]) if "intent" in pairs else None
        text = _scalar(pairs["user"]) if "user" in pairs else f"/{intent}"
        return Step(number, "user", text, intent, line)
    for kind in STEP_KINDS:
        if kind in pairs:
            return Step(number, kind, _scalar(pairs[kind]), None, line)
    return Step(number, "okänt", _scalar(node), None, line)


def _comment_above(lines: list[str], index: int) -> str:
    """The `#` lines right above line `index` (0-based), which name the situation."""
    out: list[str] = []
    i = index - 1
    while i >= 0 and lines[i].lstrip().startswith("#"):
        out.append(lines[i].lstrip()[1:].strip())
        i -= 1
    return " ".join(reversed(out))


def load_stories(path: Path) -> list[Story]:
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    lines = text.splitlines()
    stories: list[Story] = []
    for key, value in root.value:
        if _scalar(key) != "stories" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            pairs = {_scalar(k): v for k, v in item.value}
            steps_node = pairs.get("steps")
            steps = [_step(n, s) for n, s in enumerate(
                steps_node.value if isinstance(steps_node, yaml.SequenceNode) else [], 1)
                if isinstance(s, yaml.MappingNode)]
            start = item.start_mark.line
            stories.append(Story(
                name=_scalar(pairs.get("story")) if "story" in pairs else "(namnlös)",
                file=path, line=start + 1, comment=_comment_above(lines, start), steps=steps))
    return stories


def count_stories(files: list[Path]) -> int:
    total = 0
    for f in files:
        doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        total += len(doc.get("stories") or [])
    return total
