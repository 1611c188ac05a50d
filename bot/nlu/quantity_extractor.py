"""Rasa NLU component: adds Swedish quantities as entities (duration, frequency, number).

DIET learns intents from examples, but "två gånger i veckan" must become a number of
times per week exactly, so quantities are read by rules (bot.nlu.quantities) instead.
Token boundaries are checked with the local spaCy pipeline, so an entity never starts
or ends inside a word.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.quantities import Quantity, parse_quantities
from bot.nlu.spacy_pipeline import load_pipeline

EXTRACTOR = "SwedishQuantityExtractor"


def quantity_entity(q: Quantity) -> dict[str, Any]:
    # "value" stays a plain number string, as slot mappings and the synonym mapper expect;
    # the range and unit ride along in "quantity" (Rasa 3.6 passes extra keys through
    # parsing, policies and the tracker store untouched).
    return {
        "entity": q.kind,
        "start": q.start,
        "end": q.end,
        "value": f"{q.value:g}",
        "quantity": {"value": q.value, "value_max": q.value_max, "unit": q.unit},
        "extractor": EXTRACTOR,
        "confidence_entity": 1.0,
    }


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class SwedishQuantityExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SwedishQuantityExtractor:
        return cls()

    def __init__(self) -> None:
        self._nlp = load_pipeline()

    def _on_token_boundaries(self, text: str, q: Quantity) -> bool:
        doc = self._nlp.make_doc(text)
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        # Punctuation glued to a token ("år," / "2ggr/vecka") still counts as a boundary.
        return (q.start in starts or q.start == 0) and (
            q.end in ends or q.end == len(text) or not text[q.end].isalnum()
        )

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get("text") or ""
            found = [
                quantity_entity(q)
                for q in parse_quantities(text)
                if self._on_token_boundaries(text, q)
            ]
            if found:
                message.set("entities", message.get("entities", []) + found, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
