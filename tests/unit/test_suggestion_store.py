"""The stored suggestion list follows the ranking when answers change after it was stored
(an assessment reopened for a deferred question), and no decision is lost on the way."""
from sqlalchemy import select

from bot.storage import assessments as repo
from bot.storage.db import session_scope
from bot.storage.models import Suggestion
from bot.storage.suggestions import decide, store_suggestions, suggestions_by_rank

A, B, C, D = "eb-a", "eb-b", "eb-c", "eb-d"


def _rows(s, assessment):
    rows = s.execute(select(Suggestion).where(Suggestion.assessment_id == assessment)
                     .order_by(Suggestion.rank)).scalars()
    return [(r.rank, r.intervention_id, r.status, r.comment) for r in rows]


def test_storing_the_same_list_again_changes_nothing(db_url):
    with session_scope(db_url) as s:
        a = repo.start_assessment(s, "ÄR-1", "c", consent=True).id
        assert store_suggestions(s, a, [(A, 1, {"x": 1}), (B, 2, {})]) == 2
        decide(s, a, 2, "vald", None)
        assert store_suggestions(s, a, [(A, 1, {"x": 1}), (B, 2, {})]) == 0
        assert _rows(s, a) == [(1, A, "föreslagen", None), (2, B, "vald", None)]


def test_a_new_ranking_keeps_decisions_under_the_new_numbers(db_url):
    with session_scope(db_url) as s:
        a = repo.start_assessment(s, "ÄR-2", "c", consent=True).id
        store_suggestions(s, a, [(A, 1, {}), (B, 2, {}), (C, 3, {}), (D, 4, {})])
        decide(s, a, 2, "vald", None)
        decide(s, a, 3, "avböjd", None, comment="har redan kontakt")
        # New answers: D moves first, A and C drop out, a new one (eb-e) comes in.
        assert store_suggestions(s, a, [(D, 1, {}), (B, 2, {}), ("eb-e", 3, {})]) > 0
        assert _rows(s, a) == [
            (1, D, "föreslagen", None), (2, B, "vald", None), (3, "eb-e", "föreslagen", None),
            (4, C, "avböjd", "har redan kontakt"),  # decided on, so kept after the list
        ]
        # A decision by number now reaches the intervention shown under that number.
        decide(s, a, 1, "vald", None)
        assert suggestions_by_rank(s, a)[1].intervention_id == D
        assert suggestions_by_rank(s, a)[1].status == "vald"
