"""bot.rasa_ext on the trained model: every prediction along the trainers' test stories
is the one Rasa makes without it (action, policy and confidences), including when TED
answers from its kept predictions."""
from __future__ import annotations

import pytest
from rasa.core.agent import Agent
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext import install
from bot.settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "current.tar.gz"
STORIES = ["tests/test_vignettes.yml", "tests/test_alkohol.yml", "tests/test_shell.yml"]


def _story_trackers(agent: Agent) -> list[DialogueStateTracker]:
    from rasa.core.test import _create_data_generator

    trackers = []
    for path in STORIES:
        generator = _create_data_generator(str(PROJECT_ROOT / path), agent)
        # As `rasa test core` does: plain trackers on the model's domain.
        trackers += [DialogueStateTracker.from_events(story.sender_id, list(story.events),
                                                      agent.domain.slots)
                     for story in generator.generate_story_trackers()]
    return trackers


def _predictions(agent: Agent, trackers: list[DialogueStateTracker]) -> list[tuple]:
    out = []
    for story in trackers:
        for prior, _hidden in story.generate_all_prior_trackers():
            tracker = prior.copy()  # the processor clears a follow-up action in place
            prediction = agent.processor._predict_next_with_tracker(tracker)
            out.append((story.sender_id, len(prior.events), prediction.policy_name,
                        prediction.max_confidence_index,
                        [round(p, 6) for p in prediction.probabilities]))
    return out


@pytest.mark.skipif(not MODEL.exists(), reason="needs the trained model (make train)")
def test_predictions_along_the_stories_are_rasas_own():
    plain = Agent.load(str(MODEL))
    trackers = _story_trackers(plain)
    assert len(trackers) >= 5
    rasas = _predictions(plain, trackers)
    try:
        # As in the product: installed before the model is loaded (the graph's nodes
        # take their policies' methods when they are built).
        install.install()
        agent = Agent.load(str(MODEL))
        first = _predictions(agent, trackers)   # fills TED's kept predictions
        again = _predictions(agent, trackers)   # served from them
    finally:
        install.uninstall()
    assert len(rasas) > 200
    assert first == rasas
    assert again == rasas
    ted = next(node._component for node in
               agent.processor.graph_runner._instantiated_nodes.values()
               if isinstance(getattr(node, "_component", None), TEDPolicy))
    kept = ted.__dict__.get("_tidigt_predictions", {})
    # The windows repeat: far fewer distinct ones than predictions.
    print(f"{len(rasas)} predictions, {len(kept)} distinct TED windows")
    assert 0 < len(kept) < len(rasas) / 2
