"""Run Rasa's test stories and refuse a run that evaluated nothing.

`rasa test` silently passes when no file name starts with `test_` (RasaHQ/rasa#7677), so
the number of stories Rasa says it evaluated is compared with the number in the files.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

_EVALUATED = re.compile(r"Evaluating (\d+) stories")


def story_files(paths: list[str] | None = None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return sorted((PROJECT_ROOT / "tests").glob("test_*.yml"))


def count_stories(files: list[Path]) -> int:
    total = 0
    for f in files:
        doc = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        total += len(doc.get("stories") or [])
    return total


def verify(paths: list[str] | None = None) -> int:
    files = story_files(paths)
    expected = count_stories(files)
    if expected == 0:
        print("Inga teststorier hittades (filnamn måste börja med test_).", file=sys.stderr)
        return 1
    out_dir = PROJECT_ROOT / "var" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    # Rasa reads a directory recursively; pass exactly our files through a scratch dir.
    stories_arg = str(files[0]) if len(files) == 1 else str(PROJECT_ROOT / "tests")
    cmd = [
        str(Path(sys.executable).parent / "rasa"), "test", "core",
        "--model", str(PROJECT_ROOT / "models" / "current.tar.gz"),
        "--stories", stories_arg,
        "--out", str(out_dir),
        "--fail-on-prediction-errors",
    ]
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    (out_dir / "rasa_test.log").write_text(log, encoding="utf-8")
    found = _EVALUATED.findall(log)
    evaluated = int(found[-1]) if found else 0
    failed_file = out_dir / "failed_test_stories.yml"
    if proc.returncode != 0:
        print(log[-4000:])
        print(f"Teststorier: FEL (rasa test avslutades med {proc.returncode}).", file=sys.stderr)
        if failed_file.exists():
            print(failed_file.read_text(encoding="utf-8")[:6000])
        return 1
    if evaluated != expected:
        print(log[-4000:])
        print(f"Teststorier: Rasa utvärderade {evaluated} av {expected} storier.", file=sys.stderr)
        return 1
    print(f"{expected} passed, 0 failed")
    return 0
