"""A starting action server fills the reading's caches before it listens, and the data
files read with libyaml are the data files read with PyYAML's own parser."""
from __future__ import annotations

import yaml

from bot.assessment import warm
from bot.assessment.question_bank import QUESTIONS_DIR, questions_by_id
from bot.reading.vocabulary import VOCABULARY_FILE
from bot.settings import PROJECT_ROOT
from bot.yaml_files import read_yaml


def test_the_warm_up_reads_every_question_of_the_bank(monkeypatch):
    seen = []
    real = warm.handle_turn

    def spy(bank, answers, text, **kwargs):
        seen.append(kwargs["current"].question.id)
        return real(bank, answers, text, **kwargs)

    monkeypatch.setattr(warm, "handle_turn", spy)
    assert warm.warm_up() >= 0
    assert set(seen) == set(questions_by_id())


def test_a_question_the_warm_up_cannot_read_does_not_stop_the_start(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("oläsbar")

    monkeypatch.setattr(warm, "handle_turn", broken)
    assert warm.warm_up() >= 0


def test_libyaml_reads_the_data_files_as_pyyaml_does():
    paths = [*sorted(QUESTIONS_DIR.glob("*.yml")), VOCABULARY_FILE,
             *sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))]
    for path in paths:
        assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path
