"""NLU quality report: cross-validates the NLU pipeline and reports F1 per intent and entity.

Rasa's cross-validation writes sklearn reports as JSON (`intent_report.json`,
`<extractor>_report.json`, `intent_errors.json`); this module runs it with a fixed fold
split, reads those files, prints a table, writes `report.md` beside them and fails when
the figures fall below the thresholds, so `make test` catches a change to the training
data that makes the bot understand case workers worse.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bot.code_version import code_version
from bot.settings import PROJECT_ROOT

# Set from measurement (2026-11-30, 5-fold CV, data/nlu with 16 intents and 1 867
# examples, tf-idf logistic regression): intent macro-F1 0.906 (accuracy 0.886) with seed
# 42; seeds 7, 1 and 3 gave 0.902, 0.897 and 0.897, so the fold split alone moves it by
# about ±0.005. Issue 8 asks for 0.90. The classifier is deterministic, so the seeded run
# in CI gives the same figure each time and only a change of data or pipeline moves it;
# with ~0.006 of margin, a change that makes the bot understand case workers worse fails.
# 2026-12-03, 2 285 examples, å/ä/ö folded and the word and character blocks weighted each
# on its own: 0.923 with seed 42; 0.914, 0.914 and 0.915 with seeds 7, 1 and 3. Issue 18
# asks to raise the gate once the mean of the four seeds is at least 0.93 (min 0.925);
# it is 0.9165 (min 0.9135), so the gate stays 0.90 and seed 42 has 0.023 of margin.
# 2026-12-04, 2 697 examples (412 more on the confused borders and for the small intents;
# pipeline unchanged): 0.934 with seed 42; 0.931, 0.932 and 0.931 with seeds 7, 1 and 3
# (mean 0.932, min 0.931), so issue 18's 0.93 is reached. A gate of 0.93 itself would leave
# the worst split 0.001 above it, and a few examples move a small intent's F1 by more; 0.925
# keeps the ~0.006 of margin the first gate had below every seed (0.009 for seed 42, the
# run CI makes), so noise passes and a real loss of understanding still fails.
MIN_INTENT_MACRO_F1 = 0.925
# The quantity extractor is rule-based, so its figures do not vary between runs: micro-F1
# 0.619 on the annotated examples (same run). It is that low because "hur många frågor",
# "hur många invånare" and "någon roll" are read as quantities; frequencies and durations
# are all found. 2026-12-04: 0.857 (0.929 before): the small talk added with the intents
# has four more such readings ("några kollegor", "flera saker", "om måndagar", "nio").
MIN_ENTITY_MICRO_F1 = 0.60

DEFAULT_FOLDS = 5
DEFAULT_SEED = 42
OUT_DIR = PROJECT_ROOT / "var" / "results" / "nlu"
NLU_DATA = PROJECT_ROOT / "data" / "nlu"
CONFIG = PROJECT_ROOT / "config.yml"
DOMAIN = PROJECT_ROOT / "domain.yml"

INTENT_REPORT = "intent_report.json"
INTENT_ERRORS = "intent_errors.json"
RUN_FILE = "run.json"  # ours: how the reports beside it were made
# Rasa names an entity report after the extractor that produced the predictions.
ENTITY_REPORT_SUFFIX = "_report.json"
NOT_ENTITY_REPORTS = {INTENT_REPORT, "response_selection_report.json"}
_SUMMARY_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int
    confused_with: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassReport:
    """One of Rasa's reports: the intents, or the entities of one extractor."""

    name: str
    labels: list[LabelScore]
    macro_f1: float
    micro_f1: float | None  # accuracy for intents; micro avg for entities
    weighted_f1: float


@dataclass(frozen=True)
class NluResults:
    intents: ClassReport
    entities: list[ClassReport]
    errors: list[dict]


class ReportMissing(Exception):
    """Rasa wrote no report where one was expected (the run failed or never ran)."""


def read_class_report(path: Path, name: str) -> ClassReport:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ReportMissing(f"Rapporten {path} saknas.") from err
    labels = [
        LabelScore(
            label=label,
            precision=float(v["precision"]),
            recall=float(v["recall"]),
            f1=float(v["f1-score"]),
            support=int(v["support"]),
            confused_with={k: int(n) for k, n in (v.get("confused_with") or {}).items()},
        )
        for label, v in raw.items()
        if label not in _SUMMARY_KEYS and isinstance(v, dict)
    ]
    if "macro avg" not in raw:
        raise ReportMissing(f"Rapporten {path} saknar medelvärden (macro avg).")
    # An entity report has both: its "accuracy" counts every token that is no entity as a
    # hit, so micro-F1 over the entity labels is the figure that means something there.
    micro = raw["micro avg"]["f1-score"] if "micro avg" in raw else raw.get("accuracy")
    return ClassReport(
        name=name,
        labels=sorted(labels, key=lambda s: (s.f1, s.label)),
        macro_f1=float(raw["macro avg"]["f1-score"]),
        micro_f1=None if micro is None else float(micro),
        weighted_f1=float(raw["weighted avg"]["f1-score"]),
    )


def read_results(out_dir: Path) -> NluResults:
    intents = read_class_report(out_dir / INTENT_REPORT, "avsikter (intents)")
    entities = [
        read_class_report(p, f"entiteter ({p.name[: -len(ENTITY_REPORT_SUFFIX)]})")
        for p in sorted(out_dir.glob(f"*{ENTITY_REPORT_SUFFIX}"))
        if p.name not in NOT_ENTITY_REPORTS and p.name != RUN_FILE
    ]
    errors_file = out_dir / INTENT_ERRORS
    errors = json.loads(errors_file.read_text(encoding="utf-8")) if errors_file.exists() else []
    return NluResults(intents=intents, entities=entities, errors=errors)


def _read_run(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / RUN_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def threshold_failures(results: NluResults, min_intent_f1: float,
                       min_entity_f1: float | None) -> list[str]:
    """Swedish reasons why the results are not good enough; empty when they are."""
    failures = []
    if results.intents.macro_f1 < min_intent_f1:
        failures.append(f"Avsikter: macro-F1 {results.intents.macro_f1:.3f} är under "
                        f"gränsen {min_intent_f1:.3f}.")
    if min_entity_f1 is not None:
        if not results.entities:
            failures.append("Entiteter: ingen entitetsrapport skrevs (inga annoterade exempel?).")
        for report in results.entities:
            if report.micro_f1 is None or report.micro_f1 < min_entity_f1:
                shown = "saknas" if report.micro_f1 is None else f"{report.micro_f1:.3f}"
                failures.append(f"{report.name}: micro-F1 {shown} är under gränsen "
                                f"{min_entity_f1:.3f}.")
    return failures


def _top_confusion(score: LabelScore) -> str:
    if not score.confused_with:
        return ""
    label, count = max(score.confused_with.items(), key=lambda kv: (kv[1], kv[0]))
    return f"{label} ({count})"


_HEADERS = ("etikett", "precision", "täckning", "F1", "exempel", "förväxlas oftast med")


def _rows(report: ClassReport) -> list[tuple[str, ...]]:
    return [(s.label, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support),
             _top_confusion(s)) for s in report.labels]


def _summary(report: ClassReport) -> str:
    micro = "träffsäkerhet (accuracy)" if report.name.startswith("avsikt") else "micro-F1"
    shown = "–" if report.micro_f1 is None else f"{report.micro_f1:.3f}"
    return (f"macro-F1 {report.macro_f1:.3f}, {micro} {shown}, "
            f"viktad F1 {report.weighted_f1:.3f}")


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]


def format_table(report: ClassReport) -> str:
    rows = [_HEADERS, *_rows(report)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_HEADERS))]
    lines = [f"{_title(report.name)} (sämst först)"]
    for n, row in enumerate(rows):
        cells = [c.ljust(w) if i in (0, 5) else c.rjust(w) for i, (c, w) in
                 enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(_summary(report))
    return "\n".join(lines)


def to_markdown(results: NluResults, meta: dict[str, str], failures: list[str]) -> str:
    out = ["# NLU-kvalitet", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out += ["", "**Resultat: " + ("UNDER GRÄNSEN**" if failures else "godkänt**"), ""]
    out += [f"- {f}" for f in failures]
    for report in [results.intents, *results.entities]:
        out += ["", f"## {_title(report.name)}", "", _summary(report), "",
                "| " + " | ".join(_HEADERS) + " |",
                "|" + "|".join(["---", "--:", "--:", "--:", "--:", "---"]) + "|"]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
                for row in _rows(report)]
    if results.errors:
        out += ["", "## Felklassade exempel", "",
                "Meningar som i korsvalideringen fick fel avsikt (modellen hade inte sett dem).",
                "", "| mening | rätt | gissning | säkerhet |", "|---|---|---|--:|"]
        for e in sorted(results.errors, key=lambda e: (e.get("intent", ""), e.get("text", ""))):
            guess = e.get("intent_prediction") or {}
            out.append(f"| {e.get('text', '').replace('|', '/')} | {e.get('intent', '')} | "
                       f"{guess.get('name', '')} | {float(guess.get('confidence') or 0):.2f} |")
    return "\n".join(out) + "\n"


def run_cross_validation(out_dir: Path, folds: int, seed: int) -> None:
    """Rasa's own cross-validation (as `rasa test nlu --cross-validation`), in this process
    so the fold split can be seeded: Rasa shuffles with numpy's global generator, and an
    unseeded split moves the macro-F1 by a few hundredths from run to run."""
    import asyncio
    import logging
    import os
    import random

    # TensorFlow reads this once, at its first import; its C++ info lines are noise here.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    from rasa.model_testing import perform_nlu_cross_validation
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed message at debug level; the report is what matters here.
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    nlu_data = TrainingDataImporter.load_from_dict(
        training_data_paths=[str(NLU_DATA)], domain_path=str(DOMAIN)).get_nlu_data()
    config = TrainingDataImporter.load_from_dict(config_path=str(CONFIG)).get_config()
    out_dir.mkdir(parents=True, exist_ok=True)
    # A report left from an earlier run must not be read as this run's.
    for old in list(out_dir.glob("*.json")) + list(out_dir.glob("*.md")):
        old.unlink()
    random.seed(seed)
    np.random.seed(seed)
    asyncio.run(perform_nlu_cross_validation(
        config, nlu_data, str(out_dir),
        {"folds": folds, "errors": True, "disable_plotting": True}))


def main(folds: int = DEFAULT_FOLDS, min_intent_f1: float = MIN_INTENT_MACRO_F1,
         min_entity_f1: float | None = MIN_ENTITY_MICRO_F1, seed: int = DEFAULT_SEED,
         out_dir: Path = OUT_DIR, run: bool = True) -> int:
    if folds < 2:
        print("--folds måste vara minst 2.", file=sys.stderr)
        return 2
    started = time.monotonic()
    if run:
        run_cross_validation(out_dir, folds, seed)
        seconds = time.monotonic() - started
        (out_dir / RUN_FILE).write_text(json.dumps(
            {"folds": folds, "seed": seed, "seconds": round(seconds)}), encoding="utf-8")
    # --reuse describes the run that wrote the reports, not the flags given now.
    ran = _read_run(out_dir) if not run else {"folds": folds, "seed": seed,
                                               "seconds": round(seconds)}
    try:
        results = read_results(out_dir)
    except ReportMissing as err:
        print(f"NLU-rapport: {err} Kör utan --reuse för att korsvalidera.", file=sys.stderr)
        return 1
    failures = threshold_failures(results, min_intent_f1, min_entity_f1)
    meta = {
        "metod": f"korsvalidering i {ran.get('folds', '?')} delar (frö {ran.get('seed', '?')}) "
                 "av data/nlu med config.yml",
        "datum": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "kod": code_version(),
        "exempel": str(sum(s.support for s in results.intents.labels)),
        "gräns avsikter (macro-F1)": f"{min_intent_f1:.3f}",
        "gräns entiteter (micro-F1)": "–" if min_entity_f1 is None else f"{min_entity_f1:.3f}",
    }
    if "seconds" in ran:
        meta["tid för korsvalideringen"] = f"{ran['seconds']} s"
    markdown = out_dir / "report.md"
    markdown.write_text(to_markdown(results, meta, failures), encoding="utf-8")
    for report in [results.intents, *results.entities]:
        print(format_table(report))
        print()
    print(f"Rapport: {markdown}" + (f" (korsvalideringen tog {ran['seconds']} s)" if run else ""))
    for failure in failures:
        print(f"FEL: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(f"NLU-kvalitet godkänd: avsikter macro-F1 {results.intents.macro_f1:.3f} "
          f"(gräns {min_intent_f1:g}).")
    return 0
