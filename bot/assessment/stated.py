"""What a message states for the questions beside the open one, and the risks it states:
read by every clause reader the same way (bot/assessment/facts.py finds the statements;
this gathers them, with children's counts set against the household's part and children
living elsewhere). Pure."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.assessment.answer_types import answer_type, describe
from bot.assessment.attribution import named_questions
from bot.assessment.conditions import value_matches
from bot.assessment.facts import (
    children_elsewhere,
    extract_facts,
    read_children,
    read_named,
    someone_else_first,
)
from bot.assessment.question_bank import Question, load_factors
from bot.assessment.question_bank import by_id as questions_of
from bot.reading.children import UNCLEAR, household_part
from bot.reading.text import fold
from bot.reading.vocabulary import folded_group


def all_facts(modules, parts, skip_ids) -> list:
    """What the message states for other questions: their statements first, then their
    own answer readers where a clause is about them, then children with their ages."""
    facts = extract_facts(modules, parts)
    have = {f.question_id for f in facts} | set(skip_ids)
    named = read_named(modules, parts,
                       lambda c: named_questions(modules, c, by_options=False), have)
    facts += named
    have |= {f.question_id for f in named}
    counted = next((f.value for f in facts if f.question_id == "children_count"), None)
    part = household_part(", ".join(c.raw for c in parts))
    if part is not None:
        # "tre barn men bara två bor hemma": the household's count is the part at home, and
        # "… varav två bor hos pappan" does not say that no child lives in the household.
        facts = [f for f in facts if not (f.question_id == "children_in_household"
                                          and f.value is False)]
        if counted is not None:
            facts = [f if f.question_id != "children_count" else
                     replace(f, value=part, label=describe(questions_of(modules)[
                         "children_count"], part, modules))
                     for f in facts if f.question_id != "children_count" or part is not UNCLEAR]
            counted = None if part is UNCLEAR else part
    facts += [f for f in read_children(parts, counted) if f.question_id not in have]
    if children_elsewhere(parts):
        # "han har två barn men de bor hos sin mamma": two children, none in the household;
        # "hon har en dotter, hon bor hos sin pappa": whether she is at home is not said;
        # and where they live is not the client's home ("de bor hos mamman" is no
        # "inneboende").
        by_id = questions_of(modules)
        facts = [f for f in facts if f.question_id not in ("children_count", "children_ages")
                 and not (f.question_id == "children_in_household" and f.value is True)
                 and not (by_id[f.question_id].about_client and _THEY_LIVE.match(fold(f.phrase)))]
    return facts


_THEY_LIVE = re.compile(r"^(?:men |och |fast )?(?:de|dom|barnen|bada|alla tre|tva av dem) (?:\w+ )?bor\b")


def is_risk(question: Question, value: Any) -> bool:
    factors = load_factors().factors
    return any(ind.factor in factors and factors[ind.factor].kind == "risk"
               and value_matches(ind.expected, value) for ind in question.indicates)


def risky_areas(modules, facts) -> set[str]:
    """The areas of which the facts state a risk ("har ångest": health)."""
    by_id = questions_of(modules)
    return {by_id[f.question_id].module for f in facts
            if not by_id[f.question_id].is_gate and is_risk(by_id[f.question_id], f.value)}


def risk_in_area(modules, gate: Question, parts) -> bool:
    """The message states a risk of the gate's own area ("har ångest" beside "mår bra");
    in a household's area also one of a partner's ("men hennes man har spelskulder")."""
    if gate.module in risky_areas(modules, all_facts(modules, parts, {gate.id})):
        return True
    if not gate.household_area:
        return False
    module = next(m for m in modules if m.id == gate.module)
    partner = folded_group("partner")
    return any(someone_else_first(c) and set(c.said.split()[:2]) & partner and is_risk(q, found[0])
               for c in parts for q in module.questions if q is not gate
               for found in [answer_type(q).statement(q, c) if q.statement_sources else None]
               if found is not None)
