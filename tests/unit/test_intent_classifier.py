"""The intent classifier learns from the featurized examples and survives a model reload."""
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.intent_classifier import TfidfLogisticRegressionClassifier

EXAMPLES = {
    "affirm": ["ja", "ja, det stämmer", "japp", "absolut", "jo"],
    "deny": ["nej", "nej, det stämmer inte", "nä", "inte alls", "nix"],
    "pause": ["pausa", "vi tar en paus", "pausa bedömningen", "vi fortsätter senare"],
}


def _context(name):
    return ExecutionContext(GraphSchema({}), name)


def _featurizers(storage):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb",
         "min_ngram": 2, "max_ngram": 4},
        storage, Resource("chars"), _context("chars"))
    return tokenizer, featurizer


def test_trained_classifier_reads_intents_after_reload(tmp_path):
    storage = LocalModelStorage(tmp_path)
    tokenizer, featurizer = _featurizers(storage)
    data = TrainingData([Message(data={"text": t, "intent": i})
                         for i, texts in EXAMPLES.items() for t in texts])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    resource = Resource("intents")
    classifier = TfidfLogisticRegressionClassifier.create(
        TfidfLogisticRegressionClassifier.get_default_config(), storage, resource,
        _context("intents"))
    classifier.train(data)

    # A reload reads what train() persisted; a refused file would leave it untrained.
    loaded = TfidfLogisticRegressionClassifier.load(
        TfidfLogisticRegressionClassifier.get_default_config(), storage, resource,
        _context("intents"))
    messages = [Message(data={"text": t}) for t in ("nej det gör han inte", "pausa nu")]
    tokenizer.process(messages)
    featurizer.process(messages)
    loaded.process(messages)
    assert [m.get("intent")["name"] for m in messages] == ["deny", "pause"]
    ranking = messages[0].get("intent_ranking")
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
