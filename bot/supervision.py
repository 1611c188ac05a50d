"""What the supervisor (`python -m bot run`) tells the web app about its other children.

The supervisor writes one small JSON file in the data directory whenever a child's state
changes (starting, ready, restarting); the web app reads it for `/health` and to tell a
case worker "Tidigt startar om en del" instead of a bare error while Rasa reloads. A file
is trusted only when the process that wrote it is the reader's parent, so a file left by
an earlier run, or a web app started on its own, is never misled by it.

Standard library only: the web app may run in a venv of its own.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

STATE_FILE = "supervisor.json"

STARTING, READY, RESTARTING, STOPPED = "starting", "ready", "restarting", "stopped"

# The supervisor's names for its children (bot.runner) → the components /health reports.
COMPONENTS = {"Rasa": "rasa", "actionservern": "actions", "webbappen": "web", "Redis": "redis"}


def component_of(name: str) -> tuple[str, int]:
    """'Rasa 2' → ('rasa', 1); 'actionservern' → ('actions', 0)."""
    head, _, number = name.partition(" ")
    return COMPONENTS.get(head, head.lower()), int(number) - 1 if number.isdigit() else 0


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_FILE


def write_state(path: Path, children: list[dict[str, Any]]) -> None:
    """Atomically: a reader sees the old state or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"supervisor_pid": os.getpid(), "updated_at": time.time(),
                               "children": children}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class StateReader:
    """The supervisor's latest word, re-read only when the file changed."""

    def __init__(self, data_dir: Path, parent_pid: int | None = None) -> None:
        self.path = state_path(data_dir)
        self.parent_pid = parent_pid
        self._stamp: tuple[int, int] | None = None
        self._children: list[dict[str, Any]] = []

    def children(self) -> list[dict[str, Any]]:
        try:
            st = self.path.stat()
        except OSError:
            return []
        stamp = (st.st_mtime_ns, st.st_ino)
        if stamp != self._stamp:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._children  # mid-replace or unreadable: keep the last good word
            expected = self.parent_pid if self.parent_pid is not None else os.getppid()
            ok = isinstance(data, dict) and data.get("supervisor_pid") == expected
            self._children = list(data.get("children") or []) if ok else []
            self._stamp = stamp
        return self._children

    def not_ready(self, *components: str, index: int | None = None) -> list[dict[str, Any]]:
        """Those children of the given components that the supervisor is (re)starting."""
        return [c for c in self.children() if c.get("component") in components
                and (index is None or c.get("index") == index) and c.get("state") != READY]
