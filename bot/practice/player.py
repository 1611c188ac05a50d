"""Play a training case through the public API, as a trainer would in Övningsläge.

Used by the regression tests (tests/integration/test_vignettes.py) and by the recorder
that turns the played conversations into test stories (`python -m bot stories record`).
It talks only HTTP to the web app, so it tests what a person uses: sign-in, practice
start, the chat API, the assessment document and the review export.

The checks are pure functions in bot.practice.outcome.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from typing import Any

from bot.practice.cases import Vignette
from bot.practice.outcome import check_outcome, check_step


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
    status, view = client.request("POST", "/api/practice/conversations",
                                  {"free": True, "start": False})
    if status != 201:
        raise PlayError(f"Samtalet kunde inte öppnas ({status}): {view}")
    played = Played(None, view["conversation"]["id"])
    if play_steps(client, played.conversation_id, script["steps"], played):
        # The scripts state their expectations at the top level (answers, status).
        _outcome(client, played, {k: script[k] for k in ("status", "answers") if k in script})
    return played
