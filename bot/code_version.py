"""Which code produced a report: the commit, and whether the working tree differed from it.
A measurement without it cannot be told apart from one made on other code."""
from __future__ import annotations

import subprocess

from bot.settings import PROJECT_ROOT


def code_version() -> str:
    """ "a3b3350" or "a3b3350 med ändringar som inte är incheckade"; "okänd" outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, text=True,
                                capture_output=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=PROJECT_ROOT, text=True, capture_output=True, timeout=10,
                               check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "okänd"
    return f"{commit} med ändringar som inte är incheckade" if dirty else commit
