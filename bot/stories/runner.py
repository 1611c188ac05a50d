"""`python -m bot stories run [FILES]`: train if needed, run the stories, write the report.

Rasa does the evaluation (`rasa test core`, the same predictions the running bot makes);
this module makes its result readable: every story with pass or fail, and for a failure
the first step where the bot went another way (bot.stories.divergence), in a terminal
summary and an HTML page (bot.stories.report). A run that evaluated fewer stories than
the files hold is a failure, because `rasa test` passes silently on zero
(RasaHQ/rasa#7677).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT
from bot.stories.divergence import first_divergences
from bot.stories.files import Story, count_stories, load_stories, story_files
from bot.stories.report import StoryResult, html_report, terminal_summary

MODEL = PROJECT_ROOT / "models" / "current.tar.gz"
OUT_DIR = PROJECT_ROOT / "var" / "results" / "stories"
_EVALUATED = re.compile(r"Evaluating (\d+) stories")


def ensure_model() -> bool:
    """Train when the model is missing or older than its inputs. The Makefile's `train`
    target knows the inputs (one list, not two), so it decides."""
    if shutil.which("make") and (PROJECT_ROOT / "Makefile").exists():
        proc = subprocess.run(["make", "--no-print-directory", "-s", "train"], cwd=PROJECT_ROOT)
        return proc.returncode == 0 and MODEL.exists()
    return MODEL.exists()


def responses() -> dict[str, str]:
    """utter_* names with the first text a person would see, for the report."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for name, variants in (domain.get("responses") or {}).items():
        for variant in variants or []:
            if isinstance(variant, dict) and variant.get("text"):
                out[name] = " ".join(str(variant["text"]).split())
                break
    return out


def _stage(files: list[Path], stage: Path) -> None:
    """Rasa reads a folder recursively; give it exactly these files in a folder of its own."""
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    for number, f in enumerate(files, 1):
        # Keep the test_ prefix Rasa needs; the number keeps same-named files apart.
        shutil.copyfile(f, stage / f"test_{number:02d}_{f.name.removeprefix('test_')}")


def run_rasa(files: list[Path], out_dir: Path) -> tuple[int, str]:
    stage = out_dir / "input"
    _stage(files, stage)
    for old in ("failed_test_stories.yml", "stories_with_warnings.yml"):
        (out_dir / old).unlink(missing_ok=True)
    # The Rasa the product runs (bot.rasa_ext), so a story tests what case workers get.
    cmd = [sys.executable, "-m", "bot.rasa_ext", "test", "core",
           "--model", str(MODEL), "--stories", str(stage), "--out", str(out_dir)]
    # Not --e2e: it also compares entities, and our quantity extractor's entities (which
    # test stories do not list) would fail every story without saying where. How well the
    # bot understands messages is measured by `make nlu-report` instead.
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    (out_dir / "rasa_test.log").write_text(log, encoding="utf-8")
    return proc.returncode, log


def results_for(stories: list[Story], failed_yaml: str | None, rasa_failed: bool
                ) -> list[StoryResult]:
    divergences = first_divergences(failed_yaml or "")
    failed_names = set(divergences)
    if failed_yaml:
        failed_names |= {m.group(1).strip() for m in re.finditer(
            r"^- story:\s*(.*?)(?:\s*\([^()]*\.ya?ml\))?\s*$", failed_yaml, re.M)}
    out = []
    for story in stories:
        failed = story.name in failed_names
        out.append(StoryResult(story, passed=not failed, divergence=divergences.get(story.name)))
    return out


def run(paths: list[str] | None = None, *, out_dir: Path = OUT_DIR, train: bool = True) -> int:
    files = story_files(paths)
    missing = [f for f in files if not f.exists()]
    if missing:
        print(f"Filen finns inte: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    expected = count_stories(files)
    if expected == 0:
        print("Inga teststorier hittades (filnamn måste börja med test_).", file=sys.stderr)
        return 1
    if train and not ensure_model():
        print("Modellen kunde inte tränas; se utdata ovan.", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    code, log = run_rasa(files, out_dir)
    failed_file = out_dir / "failed_test_stories.yml"
    failed_yaml = failed_file.read_text(encoding="utf-8") if failed_file.exists() else None
    stories = [s for f in files for s in load_stories(f)]
    results = results_for(stories, failed_yaml, rasa_failed=code != 0)
    found = _EVALUATED.findall(log)
    evaluated = int(found[-1]) if found else 0

    texts = responses()
    report = out_dir / "rapport.html"
    report.write_text(html_report(results, texts, generated_at=datetime.now(timezone.utc),
                                  files=files, root=PROJECT_ROOT), encoding="utf-8")
    print(terminal_summary(results, texts, root=PROJECT_ROOT))
    print(f"Rapport: {report}")
    if code != 0 and all(r.passed for r in results):
        # Rasa failed for another reason (a broken file, a missing model): show why.
        print(log[-4000:])
        print(f"Teststorier: FEL (rasa test avslutades med {code}).", file=sys.stderr)
        return 1
    if evaluated != expected:
        print(log[-4000:])
        print(f"Teststorier: Rasa utvärderade {evaluated} av {expected} storier.", file=sys.stderr)
        return 1
    return 0 if code == 0 and all(r.passed for r in results) else 1
