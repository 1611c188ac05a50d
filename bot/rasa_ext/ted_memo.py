"""TED answers a dialogue-state window it has already predicted from its kept prediction.

TED took the largest share of the Rasa process's CPU once action_result and applied_events
were in place: every prediction (two or more per message) runs it, though in a form the
rules decide almost every turn. Its answer depends only on the last few dialogue states
(max_history), which repeat from question to question, so a prediction is kept per state
window. Models whose TED reads message text (end-to-end stories) are never served from
it: their input is more than the states.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

from bot.rasa_ext.replacement import Replacement

RASAS = TEDPolicy.predict_action_probabilities
# Distinct state windows kept per TED policy: a whole assessment has a few hundred.
TED_KEPT_WINDOWS = 4096


def ted_predict(self: TEDPolicy, tracker: DialogueStateTracker, domain: Any,
                rule_only_data: dict[str, Any] | None = None,
                precomputations: Any = None, **kwargs: Any) -> PolicyPrediction:
    """TEDPolicy.predict_action_probabilities, answered from earlier predictions for the
    same dialogue states."""
    if self.model is None or TEXT in self.fake_features or self.only_e2e:
        return RASAS(self, tracker, domain, rule_only_data, precomputations, **kwargs)
    ml_only = self.supported_data() == SupportedData.ML_DATA
    # The same states TED featurises (Policy._featurize_for_prediction).
    states = self.featurizer.prediction_states(
        [tracker], domain, use_text_for_last_user_input=False,
        ignore_rule_only_turns=ml_only, rule_only_data=rule_only_data,
        ignore_action_unlikely_intent=ml_only)[0]
    key = repr(states)
    kept: OrderedDict[str, PolicyPrediction] = self.__dict__.setdefault(
        "_tidigt_predictions", OrderedDict())
    prediction = kept.get(key)
    if prediction is None:
        prediction = RASAS(self, tracker, domain, rule_only_data, precomputations, **kwargs)
        kept[key] = prediction
        while len(kept) > TED_KEPT_WINDOWS:
            kept.popitem(last=False)
    else:
        kept.move_to_end(key)
    return fresh_copy(prediction)


def fresh_copy(prediction: PolicyPrediction) -> PolicyPrediction:
    """A new object with the kept one's values: the ensemble zeroes a rejected action's
    probability in place. By keyword, so a reordered signature cannot shift a value."""
    return PolicyPrediction(
        probabilities=list(prediction.probabilities),
        policy_name=prediction.policy_name,
        policy_priority=prediction.policy_priority,
        events=list(prediction.events),
        optional_events=list(prediction.optional_events),
        is_end_to_end_prediction=prediction.is_end_to_end_prediction,
        is_no_user_prediction=prediction.is_no_user_prediction,
        diagnostic_data=prediction.diagnostic_data,
        hide_rule_turn=prediction.hide_rule_turn,
        action_metadata=prediction.action_metadata)


REPLACEMENT = Replacement(TEDPolicy, "predict_action_probabilities", ted_predict,
                          "4a5d484262f5d132")
