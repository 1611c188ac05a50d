"""The Rasa component puts Swedish quantities on the parsed message."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.quantity_extractor import SwedishQuantityExtractor


def extract(tmp_path, text):
    component = SwedishQuantityExtractor.create(
        {}, LocalModelStorage(tmp_path), Resource("quantities"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    (message,) = component.process([Message(data={"text": text})])
    return message.get("entities", [])


def test_frequency_and_duration_entities(tmp_path):
    text = "Han dricker två gånger i veckan och är arbetslös sedan två år"
    entities = extract(tmp_path, text)
    assert [(e["entity"], e["value"], text[e["start"]:e["end"]]) for e in entities] == [
        ("frequency", "2", "två gånger i veckan"),
        ("duration", "2", "två år"),
    ]
    assert entities[0]["quantity"] == {"value": 2, "value_max": None, "unit": "vecka"}
    assert all(e["extractor"] == "SwedishQuantityExtractor" for e in entities)


def test_range_of_glasses(tmp_path):
    (entity,) = extract(tmp_path, "5-6 glas")
    assert entity["entity"] == "number" and entity["value"] == "5"
    assert entity["quantity"] == {"value": 5.0, "value_max": 6.0, "unit": "glas"}


def test_no_entities_without_quantities(tmp_path):
    assert extract(tmp_path, "hej, jag vill starta en bedömning") == []
