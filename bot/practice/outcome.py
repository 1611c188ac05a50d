"""A played case against what it must lead to: pure functions, Swedish descriptions.

Used by the regression tests and the recorder (through bot.practice.player) and by
Övningsläge's "Jämför med facit", so a trainee sees the same differences a test would.
"""
from __future__ import annotations

import json
from typing import Any

from bot.catalogue.catalogue import load_catalogue
from bot.practice.cases import Vignette


def said(messages: list[dict[str, Any]]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def offered(messages: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def check_step(step: dict[str, Any], messages: list[dict[str, Any]]) -> list[str]:
    """What the bot's reply to one step lacked or had too much of."""
    problems = []
    text = said(messages)
    for expected in step.get("expect", []):
        if expected not in text:
            problems.append(f"boten sa inte ”{expected}”")
    for unexpected in step.get("expect_not", []):
        if unexpected in text:
            problems.append(f"boten sa ”{unexpected}”, vilket den inte skulle")
    buttons = offered(messages)
    for button in step.get("buttons", []):
        if button not in buttons:
            problems.append(f"knappen ”{button}” erbjöds inte (erbjudna: {buttons})")
    return problems


def check_outcome(expect: dict[str, Any], document: dict[str, Any]) -> list[str]:
    """The stored assessment against the case's expected answers, scores and suggestions."""
    problems = []
    if "status" in expect and document.get("status") != expect["status"]:
        problems.append(f"status är ”{document.get('status')}”, väntat ”{expect['status']}”")
    answers = document.get("answers") or {}
    for qid, value in (expect.get("answers") or {}).items():
        got = (answers.get(qid) or {}).get("value", "(inget svar)")
        if got != value:
            problems.append(f"svaret på {qid} är {got!r}, väntat {value!r}")
    for qid in expect.get("not_answered", []):
        if (answers.get(qid) or {}).get("value") is not None:
            problems.append(f"{qid} besvarades, men skulle vänta (till exempel till ett "
                            "enskilt samtal)")
    scores = {s["instrument"]: s for s in document.get("scores") or []}
    for instrument, wanted in (expect.get("scores") or {}).items():
        score = scores.get(instrument)
        if score is None:
            problems.append(f"ingen poäng för {instrument}")
            continue
        for key, value in wanted.items():
            if score.get(key) != value:
                problems.append(f"{instrument} {key} är {score.get(key)!r}, väntat {value!r}")
    suggested = [s["intervention_id"] for s in sorted(document.get("suggestions") or [],
                                                       key=lambda s: s["rank"])]
    for intervention in expect.get("suggested", []):
        if intervention not in suggested:
            problems.append(f"{intervention} föreslogs inte (föreslagna: {suggested})")
    top = expect.get("top")
    if top:
        first = suggested[: len(top)]
        if sorted(first) != sorted(top):
            problems.append(f"de {len(top)} första förslagen är {first}, väntat {top}")
    for intervention in expect.get("not_suggested", []):
        if intervention in suggested:
            problems.append(f"{intervention} föreslogs men skulle inte")
    flags = " ".join(json.dumps(document.get("profile") or {}, ensure_ascii=False).split())
    for signal in expect.get("profile_mentions", []):
        if signal not in flags:
            problems.append(f"profilen nämner inte ”{signal}”")
    return problems




def facit(vignette: Vignette, document: dict[str, Any] | None) -> dict[str, Any]:
    """The case's expected outcome beside the trainee's assessment, for Övningsläge."""
    names = {e.id: e.name for e in load_catalogue()}
    expect = vignette.expect
    expected = {
        "scores": [f"{instrument}: {', '.join(f'{k} {v}' for k, v in want.items())}"
                   for instrument, want in (expect.get("scores") or {}).items()],
        # `suggested` is what must be among the five shown (the expert cases' must-haves).
        "first_suggestions": [names.get(i, i) for i in expect.get("top") or expect.get("suggested", [])],
        "suggestions": [names.get(i, i) for i in expect.get("suggested", [])],
        "not_suggested": [names.get(i, i) for i in expect.get("not_suggested", [])],
        "warnings": list(expect.get("profile_mentions", [])),
        "waiting": list(expect.get("not_answered", [])),
    }
    if document is None:
        return {"case": vignette.card(), "finished": False, "expected": expected,
                "differences": ["Ingen bedömning är påbörjad i det här samtalet ännu."]}
    # Answers are the trainee's own reading of the case: compared only for what the
    # case's outcome depends on (scores, suggestions, warnings), not word for word.
    outcome = {k: v for k, v in expect.items() if k != "answers"}
    return {"case": vignette.card(), "finished": document.get("status") == "avslutad",
            "expected": expected, "differences": check_outcome(outcome, document)}
