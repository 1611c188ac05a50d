"""Test stories: files, the runner around `rasa test core`, and its readable report."""
from __future__ import annotations

from bot.stories.files import count_stories, load_stories, story_files
from bot.stories.runner import run


def verify(paths: list[str] | None = None) -> int:
    """The check CI runs: the stories against the model as it is (no training here;
    `make` has trained it), with the same report as `run`."""
    return run(paths, train=False)


__all__ = ["count_stories", "load_stories", "run", "story_files", "verify"]
