"""A simulated case worker: signs in and does whole assessments through the public chat
API, as a person at the widget would: presses the buttons the bot offered or types the
answer in Swedish, and answers the question the bot actually asked (read from its reply,
matched against the question bank), so the script follows the real dialogue.
"""
from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.cases import Case
from bench.stats import RunRecorder
from bot.assessment.question_bank import Question, load_bank

SAVE_TITLE_START = "Ja, spara"
CONFIRM_YES = "Ja, det stämmer"
# What the bot says while a reading waits for a yes (bot.assessment.turn.confirmation).
WAITING = ("Jag uppfattade också", "Menar du ")
DONE_MARK = "Sammanfattning för dig"
MAX_TURNS = 200  # a whole assessment takes well under this; more means the script is stuck


class Stuck(Exception):
    """The bot said something the script has no answer for."""


def _questions() -> list[Question]:
    return [q for m in load_bank() for q in m.questions]


QUESTIONS = _questions()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def asked_question(reply: str) -> Question | None:
    """The question the bot asks at the end of its reply (the latest one quoted)."""
    said = _norm(reply)
    best, where = None, -1
    for question in QUESTIONS:
        at = said.rfind(_norm(question.text))
        if at > where:
            best, where = question, at
    return best


@dataclass
class Message:
    text: str | None = None
    payload: str | None = None

    def body(self, conversation_id: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {"conversation_id": conversation_id,
                                "client_message_id": uuid.uuid4().hex[:20]}
        if self.payload is not None:
            body["payload"] = self.payload
        else:
            body["text"] = self.text
        return body


def _button(offered: list[dict], title: str) -> str | None:
    return next((b["payload"] for b in offered if b["title"] == title), None)


def one_answer(question: Question, value: Any, offered: list[dict], rng: random.Random) -> Message:
    """One fact: the answer to this question alone, pressed or typed like a person would."""
    press = rng.random() < 0.6
    if question.type == "modules":
        payload = _button(offered, "Alla områden")
        return Message(payload=payload) if payload else Message(text="alla")
    if question.type == "choice":
        option = question.option_for(value)
        if option is None:
            raise Stuck(f"{question.id}: the case has no option {value!r}")
        payload = _button(offered, option.label)
        if press and payload:
            return Message(payload=payload)
        return Message(text=option.synonyms[0] if option.synonyms else option.label.lower())
    if question.type == "yes_no":
        title = "Ja" if value else "Nej"
        payload = _button(offered, title)
        if press and payload:
            return Message(payload=payload)
        return Message(text=title.lower())
    if question.type == "number":
        return Message(text=str(value))
    if question.type == "duration":
        return Message(text=f"{value} månader")
    if question.type == "numbers":
        return Message(text=" och ".join(str(v) for v in value))
    return Message(text=str(value))


def default_answer(question: Question) -> Any:
    """For a question the case does not mention (the bank grows): the plainest answer."""
    if question.type == "yes_no":
        return False
    if question.type == "choice":
        return question.options[0].value
    if question.type in ("number", "duration"):
        return int(question.value_range[0]) if question.value_range else 0
    if question.type == "numbers":
        return [int(question.value_range[0]) if question.value_range else 1]
    if question.type == "modules":
        return "alla"
    return "Inget särskilt."


@dataclass
class Assessment:
    """What one whole assessment took."""

    case: str
    multi_fact: bool
    turns: int = 0
    sent: list[Message] = field(default_factory=list)
    completed: bool = False
    conversation_id: str | None = None


class CaseWorker:
    def __init__(self, base: str, username: str, password: str, recorder: RunRecorder,
                 *, pace: float = 0.0, seed: int = 0, timeout: float = 120.0) -> None:
        self.base = base.rstrip("/")
        self.username, self.password = username, password
        self.recorder = recorder
        self.pace = pace
        self.rng = random.Random(seed)
        self.timeout = timeout
        self.http: aiohttp.ClientSession | None = None
        self.csrf = ""
        self._last_send = 0.0

    async def __aenter__(self) -> CaseWorker:
        # unsafe=True: the bench talks to 127.0.0.1, and aiohttp keeps no cookies for bare
        # IP addresses otherwise.
        self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout),
                                          cookie_jar=aiohttp.CookieJar(unsafe=True))
        return self

    async def __aexit__(self, *exc) -> None:
        await self.http.close()

    async def sign_in(self) -> None:
        async with self.http.post(f"{self.base}/api/login",
                                  json={"username": self.username,
                                        "password": self.password}) as resp:
            if resp.status != 200:
                raise RuntimeError(f"sign-in of {self.username}: HTTP {resp.status}")
            self.csrf = (await resp.json())["csrf_token"]

    async def _wait_for_pace(self) -> None:
        if self.pace <= 0:
            return
        # A person answers every `pace` seconds, give or take a fifth.
        due = self._last_send + self.pace * self.rng.uniform(0.8, 1.2)
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)

    async def send(self, conversation_id: str | None, message: Message) -> dict:
        await self._wait_for_pace()
        self._last_send = started = time.monotonic()
        try:
            async with self.http.post(f"{self.base}/api/chat", json=message.body(conversation_id),
                                      headers={"X-CSRF-Token": self.csrf}) as resp:
                body = await resp.json(content_type=None)
                status = resp.status
        except asyncio.TimeoutError:
            self.recorder.error("timeout")
            raise
        except aiohttp.ClientError as err:
            self.recorder.error(type(err).__name__)
            raise
        if status != 200:
            self.recorder.error(f"HTTP {status}")
            raise RuntimeError(f"HTTP {status}: {body}")
        self.recorder.ok(time.monotonic() - started)
        return body

    async def assessment(self, case: Case, reference: str, *, multi_fact: bool,
                         deadline: float | None = None, notes_first: bool = False) -> Assessment:
        """One whole assessment, from "ny bedömning" to the client's summary. With
        `notes_first` the case worker pastes the case's notes once the areas are
        chosen (one turn), then answers what is still asked one fact per message."""
        done = Assessment(case.name, multi_fact)
        conversation_id = None
        told: set[str] = set()
        pasted = False
        message = Message(text="ny bedömning")
        while done.turns < MAX_TURNS:
            if deadline is not None and time.monotonic() >= deadline:
                return done
            body = await self.send(conversation_id, message)
            conversation_id = done.conversation_id = body["conversation_id"]
            done.turns += 1
            done.sent.append(message)
            reply = " ".join(m.get("text") or "" for m in body["messages"])
            offered = body.get("offered_buttons") or []
            if DONE_MARK in reply:
                done.completed = True
                return done
            question = asked_question(reply)
            if notes_first and not pasted and question is not None \
                    and question.module != "inledning" and case.story:
                pasted = True
                await self.paste_notes(conversation_id,
                                       case.notes or " ".join(case.story.values()))
                done.turns += 1
                reply += " " + WAITING[0]  # the notes' readings now wait for a yes
            if any(mark in reply for mark in WAITING):
                decided = await self.decide_readings(conversation_id, case)
                if decided is not None:
                    message = decided
                    continue
            message = self._next(case, reference, reply, offered, multi_fact and not notes_first,
                                 told)
        raise Stuck(f"{case.name}: no end after {MAX_TURNS} turns")

    async def paste_notes(self, conversation_id: str, notes: str) -> dict:
        async with self.http.post(f"{self.base}/api/conversations/{conversation_id}/notes",
                                  json={"text": notes},
                                  headers={"X-CSRF-Token": self.csrf}) as resp:
            body = await resp.json(content_type=None)
            if resp.status != 200:
                raise RuntimeError(f"notes: HTTP {resp.status}: {body}")
            return body

    async def decide_readings(self, conversation_id: str, case: Case) -> Message | None:
        """What a careful case worker says to readings waiting for a yes, seen in the record
        panel: yes only when every one of them is what the case says, otherwise no (the
        questions are then asked in their turn)."""
        async with self.http.get(
                f"{self.base}/api/conversations/{conversation_id}/record") as resp:
            record = await resp.json(content_type=None)
        confirm = record.get("confirm")
        pending = record.get("pending") or []
        if confirm is None:
            return None  # nothing waits (the notes stated nothing still open)
        shown = [p for p in pending if p["kind"] == confirm["kind"]]
        if confirm["kind"] == "menar_du":
            shown = shown[:1]
        right = all(p["value"] == case.answers.get(p["question_id"], object()) for p in shown)
        return Message(text=confirm["yes"] if right else confirm["no"])

    def _next(self, case: Case, reference: str, reply: str, offered: list[dict],
              multi_fact: bool, told: set[str]) -> Message:
        save = next((b for b in offered if b["title"].startswith(SAVE_TITLE_START)), None)
        if save is not None:
            return Message(payload=save["payload"])
        klar = _button(offered, "Klar")
        if klar is not None:
            return Message(payload=klar)
        if "ärendereferens" in reply and "samtyck" not in reply:
            return Message(text=reference)
        if "samtyck" in reply:
            return Message(text="ja, klienten samtycker")
        question = asked_question(reply)
        if question is not None:
            if multi_fact and question.id in case.story and question.id not in told:
                told.add(question.id)
                return Message(text=case.story[question.id])
            value = case.answers.get(question.id, default_answer(question))
            return one_answer(question, value, offered, self.rng)
        raise Stuck(f"{case.name}: no question found in {reply[-200:]!r}")
