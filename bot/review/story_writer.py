"""Writes one test story with Rasa's own story writer, in Rasa's environment.

`python -m bot.review.story_writer` reads {"events", "story_name", "comment"} as JSON on
stdin (made by bot.review.test_story.story_request, already masked) and prints the test
story's YAML. The web app, which has no Rasa, runs this with Rasa's interpreter.
"""
from __future__ import annotations

import json
import sys
from typing import Any

from bot.settings import PROJECT_ROOT


def test_story_yaml(events: list[dict[str, Any]], *, story_name: str, comment: str) -> str:
    """The events as a test story file, named and commented for a trainer."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.core.training_data.story_writer.yaml_story_writer import YAMLStoryWriter

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    tracker = DialogueStateTracker.from_dict("export", events, domain.slots)
    story = tracker.as_story(include_source=False)
    steps = story.story_steps
    if steps:
        steps[0].block_name = story_name
    body = YAMLStoryWriter().dumps(steps, is_test_story=True)
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    return header + body


def main() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.write(test_story_yaml(request["events"], story_name=request["story_name"],
                                     comment=request["comment"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
