"""Play a training case through the public API, as a trainer would in Övningsläge.

Used by the regression tests (tests/integration/test_vignettes.py) and by the recorder
that turns the played conversations into test stories (`python -m bot stories record`).
It talks only HTTP to the web app, so it tests what a person uses: sign-in, practice
start, the chat API, the assessment document and the review export.

The checks are pure functions (`check_step`, `check_outcome`) returning Swedish
descriptions of what differed, so a failure reads like a trainer's note.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from typing import Any

from bot.practice.cases import Vignette


class PlayError(RuntimeError):
    pass


class Client:
    """A signed-in user of the web app (cookie session + CSRF header)."""

    def __init__(self, base: str, username: str, password: str, timeout: float = 120):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.csrf = ""
        status, body = self.request("POST", "/api/login",
                                    {"username": username, "password": password})
        if status != 200:
            raise PlayError(f"Inloggningen misslyckades ({status}): {body}")
        self.csrf = body["csrf_token"]

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                raw, status, ctype = resp.read(), resp.status, resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            raw, status, ctype = err.read(), err.code, err.headers.get("Content-Type", "")
        text = raw.decode("utf-8", errors="replace")
        return status, (json.loads(text) if "json" in ctype and text else text)


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


@dataclass
class Played:
    vignette: Vignette | None
    conversation_id: str
    problems: list[str] = field(default_factory=list)
    document: dict[str, Any] | None = None
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (who, text)


def play_steps(client: Client, cid: str, steps: list[dict[str, Any]], played: Played) -> bool:
    """Each step through the chat API, its reply checked; False if the API refused one."""
    for number, step in enumerate(steps, 1):
        if "say" in step:
            body = {"conversation_id": cid, "text": str(step["say"])}
        else:
            body = {"conversation_id": cid, "payload": str(step["press"])}
        status, reply = client.request("POST", "/api/chat", body)
        shown = step.get("say") or step.get("press")
        if status != 200:
            played.problems.append(f"steg {number} (”{shown}”): svaret var {status}: {reply}")
            return False
        played.transcript.append(("handläggare", reply["user_message"]["text"]))
        played.transcript += [("bot", m["text"]) for m in reply["messages"]]
        played.problems += [f"steg {number} (”{shown}”): {p}"
                            for p in check_step(step, reply["messages"])]
    return True


def _outcome(client: Client, played: Played, expect: dict[str, Any]) -> Played:
    status, document = client.request("GET", f"/api/conversations/{played.conversation_id}/assessment")
    if status != 200:
        played.problems.append(f"bedömningen kunde inte läsas ({status}): {document}")
        return played
    played.document = document
    played.problems += check_outcome(expect, document)
    return played


def play(client: Client, vignette: Vignette) -> Played:
    """Start the case in Övningsläge, play its steps, check each reply and the outcome."""
    status, view = client.request("POST", "/api/practice/conversations", {"case": vignette.id})
    if status != 201:
        raise PlayError(f"Övningsfallet {vignette.id} kunde inte startas ({status}): {view}")
    played = Played(vignette, view["conversation"]["id"])
    played.transcript += [("bot", m["text"]) for m in view["messages"] if m["sender"] == "bot"]
    if not play_steps(client, played.conversation_id, vignette.steps, played):
        return played
    return _outcome(client, played, vignette.expect)


def play_script(client: Client, script: dict[str, Any]) -> Played:
    """A conversation script of tests/conversations/, played as free practice (a training
    conversation without a case card; the script starts with "ny bedömning" itself)."""
    status, view = client.request("POST", "/api/conversations",
                                  {"start": False, "training": True})
    if status != 201:
        raise PlayError(f"Samtalet kunde inte öppnas ({status}): {view}")
    played = Played(None, view["conversation"]["id"])
    if play_steps(client, played.conversation_id, script["steps"], played):
        # The scripts state their expectations at the top level (answers, status).
        _outcome(client, played, {k: script[k] for k in ("status", "answers") if k in script})
    return played
