"""The local Swedish spaCy pipeline, built from `spacy.blank("sv")`: nothing is downloaded.

The blank pipeline gives Swedish tokenizer exceptions and number-word attributes. The
lemma variant (lookup tables from spacy-lookups-data) exists only for the measurement
in the README: it maps "skulder" to "skuldra" (shoulder), so the product does not use it.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = PROJECT_ROOT / "models" / "spacy-sv"
LEMMA_PATH = PROJECT_ROOT / "models" / "spacy-sv-lemma"


def build_pipeline(path: Path = DEFAULT_PATH) -> Path:
    nlp = spacy.blank("sv")
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def build_lemma_pipeline(path: Path = LEMMA_PATH) -> Path:
    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


@cache
def load_pipeline(path: Path = DEFAULT_PATH) -> Language:
    if (path / "meta.json").exists():
        return spacy.load(path)
    # Same pipeline, built in memory: a blank language needs no files.
    return spacy.blank("sv")
