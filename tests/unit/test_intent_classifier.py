"""The intent classifier learns from the featurized examples and survives a model reload."""
import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.intent_classifier import TfidfLogisticRegressionClassifier, sentence_block_widths

EXAMPLES = {
    "affirm": ["ja", "ja, det stämmer", "japp", "absolut", "jo"],
    "deny": ["nej", "nej, det stämmer inte", "nä", "inte alls", "nix"],
    "pause": ["pausa", "vi tar en paus", "pausa bedömningen", "vi fortsätter senare"],
}


def _context(name):
    return ExecutionContext(GraphSchema({}), name)


def _featurizers(storage):
    """As config.yml: a block of word n-grams and one of character n-grams."""
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    words = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "max_ngram": 2,
         "strip_accents": "unicode"},
        storage, Resource("words"), _context("words"))
    chars = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb",
         "min_ngram": 2, "max_ngram": 4, "strip_accents": "unicode"},
        storage, Resource("chars"), _context("chars"))
    return tokenizer, [words, chars]


def _featurized_examples(storage):
    tokenizer, featurizers = _featurizers(storage)
    data = TrainingData([Message(data={"text": t, "intent": i})
                         for i, texts in EXAMPLES.items() for t in texts])
    tokenizer.process_training_data(data)
    for featurizer in featurizers:
        featurizer.train(data)
        featurizer.process_training_data(data)
    return tokenizer, featurizers, data


def _featurize(tokenizer, featurizers, messages):
    tokenizer.process(messages)
    for featurizer in featurizers:
        featurizer.process(messages)


def test_trained_classifier_reads_intents_after_reload(tmp_path):
    storage = LocalModelStorage(tmp_path)
    tokenizer, featurizers, data = _featurized_examples(storage)
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
    _featurize(tokenizer, featurizers, messages)
    loaded.process(messages)
    assert [m.get("intent")["name"] for m in messages] == ["deny", "pause"]
    ranking = messages[0].get("intent_ranking")
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_word_and_character_blocks_are_normalised_each_on_its_own(tmp_path):
    storage = LocalModelStorage(tmp_path)
    tokenizer, featurizers, data = _featurized_examples(storage)
    classifier = TfidfLogisticRegressionClassifier.create(
        TfidfLogisticRegressionClassifier.get_default_config(), storage, Resource("intents"),
        _context("intents"))
    classifier.train(data)

    message = Message(data={"text": "nej, det stämmer inte"})
    _featurize(tokenizer, featurizers, [message])
    words, chars = sentence_block_widths(message)
    weighted = classifier.clf.named_steps["tfidf"].transform(
        classifier._create_X([message])).toarray()[0]
    # Each block has unit length: the many character n-grams do not outweigh the words.
    assert np.linalg.norm(weighted[:words]) == pytest.approx(1.0)
    assert np.linalg.norm(weighted[words:words + chars]) == pytest.approx(1.0)
    assert len(weighted) == words + chars


def test_typed_without_diacritics_reads_the_same_words(tmp_path):
    tokenizer, featurizers, _ = _featurized_examples(LocalModelStorage(tmp_path))
    with_marks, without = Message(data={"text": "det stämmer"}), Message(data={"text": "det stammer"})
    _featurize(tokenizer, featurizers, [with_marks, without])
    assert (with_marks.get_sparse_features("text")[1].features
            != without.get_sparse_features("text")[1].features).nnz == 0
