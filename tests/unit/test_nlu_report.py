"""The NLU quality report reads Rasa's cross-validation reports and fails below the threshold.

The fixtures are shaped like what Rasa 3.6 writes (sklearn's classification report with
`confused_with`), for a model that mixes up "pausa" and "avbryt".
"""
import json

import pytest

from bot import nlu_report
from bot.nlu_report import (
    ReportMissing,
    format_table,
    read_results,
    threshold_failures,
    to_markdown,
)


def _label(p, r, f1, n, confused=None):
    return {"precision": p, "recall": r, "f1-score": f1, "support": n,
            "confused_with": confused or {}}


def _write_reports(out, macro_f1=0.85, entity_micro=0.96):
    out.mkdir(parents=True, exist_ok=True)
    (out / "intent_report.json").write_text(json.dumps({
        "pause": _label(0.80, 0.70, 0.747, 40, {"cancel": 9, "goodbye": 3}),
        "cancel": _label(0.75, 0.85, 0.797, 40, {"pause": 6}),
        "ask_why": _label(1.0, 1.0, 1.0, 60),
        "accuracy": 0.86,
        "macro avg": _label(0.85, 0.85, macro_f1, 140),
        "weighted avg": _label(0.86, 0.86, 0.86, 140),
    }), encoding="utf-8")
    (out / "SwedishQuantityExtractor_report.json").write_text(json.dumps({
        "frequency": _label(1.0, 1.0, 1.0, 12),
        "number": _label(0.80, 1.0, 0.889, 8),
        "micro avg": _label(0.91, 1.0, entity_micro, 20),
        "macro avg": _label(0.9, 1.0, 0.944, 20),
        "weighted avg": _label(0.92, 1.0, 0.955, 20),
        # Token accuracy, with every non-entity token a hit: not the figure to check.
        "accuracy": 0.99,
    }), encoding="utf-8")
    (out / "intent_errors.json").write_text(json.dumps([
        {"text": "vi får ta resten en annan dag", "intent": "pause",
         "intent_prediction": {"name": "cancel", "confidence": 0.61}},
    ]), encoding="utf-8")


def test_reads_intents_worst_first_with_their_confusion(tmp_path):
    _write_reports(tmp_path)
    results = read_results(tmp_path)
    assert [s.label for s in results.intents.labels] == ["pause", "cancel", "ask_why"]
    assert results.intents.macro_f1 == pytest.approx(0.85)
    assert results.intents.micro_f1 == pytest.approx(0.86)
    table = format_table(results.intents)
    assert "cancel (9)" in table.splitlines()[3]  # pause's row: its most common mix-up
    assert "macro-F1 0.850" in table


def test_entity_report_is_found_by_extractor_name(tmp_path):
    _write_reports(tmp_path)
    [entities] = read_results(tmp_path).entities
    assert "SwedishQuantityExtractor" in entities.name
    assert {s.label for s in entities.labels} == {"frequency", "number"}
    assert entities.micro_f1 == pytest.approx(0.96)


def test_passes_at_or_above_the_thresholds(tmp_path):
    _write_reports(tmp_path, macro_f1=0.93, entity_micro=0.96)
    assert threshold_failures(read_results(tmp_path), 0.92, 0.95) == []


def test_fails_below_the_intent_threshold(tmp_path):
    _write_reports(tmp_path, macro_f1=0.85)
    [failure] = threshold_failures(read_results(tmp_path), 0.92, 0.95)
    assert "0.850" in failure and "0.920" in failure


def test_fails_below_the_entity_threshold_or_without_an_entity_report(tmp_path):
    _write_reports(tmp_path, macro_f1=0.95, entity_micro=0.90)
    [failure] = threshold_failures(read_results(tmp_path), 0.92, 0.95)
    assert "SwedishQuantityExtractor" in failure
    (tmp_path / "SwedishQuantityExtractor_report.json").unlink()
    [failure] = threshold_failures(read_results(tmp_path), 0.92, 0.95)
    assert "ingen entitetsrapport" in failure


def test_markdown_lists_labels_and_misclassified_examples(tmp_path):
    _write_reports(tmp_path)
    results = read_results(tmp_path)
    failures = threshold_failures(results, 0.92, None)
    md = to_markdown(results, {"metod": "test"}, failures)
    assert "UNDER GRÄNSEN" in md
    assert "| pause | 0.80 | 0.70 | 0.75 | 40 | cancel (9) |" in md
    assert "| vi får ta resten en annan dag | pause | cancel | 0.61 |" in md


def test_main_exits_non_zero_below_threshold_and_writes_the_report(tmp_path, capsys):
    _write_reports(tmp_path, macro_f1=0.85)
    assert nlu_report.main(out_dir=tmp_path, run=False, min_intent_f1=0.92,
                           min_entity_f1=0.95) == 1
    assert "under gränsen" in capsys.readouterr().err
    assert (tmp_path / "report.md").exists()
    assert nlu_report.main(out_dir=tmp_path, run=False, min_intent_f1=0.80,
                           min_entity_f1=0.95) == 0


def test_missing_reports_are_a_failure_not_a_pass(tmp_path, capsys):
    with pytest.raises(ReportMissing):
        read_results(tmp_path)
    assert nlu_report.main(out_dir=tmp_path, run=False) == 1
    assert "saknas" in capsys.readouterr().err


def test_reread_report_describes_the_run_that_made_it(tmp_path):
    _write_reports(tmp_path, macro_f1=0.93)
    (tmp_path / "run.json").write_text('{"folds": 10, "seed": 7, "seconds": 312}',
                                       encoding="utf-8")
    assert nlu_report.main(out_dir=tmp_path, run=False, folds=5, seed=42) == 0
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "korsvalidering i 10 delar (frö 7)" in md and "312 s" in md
