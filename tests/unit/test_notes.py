"""Notes mode: pasted notes are masked, read with the chat's reader, and wait as
*uppfattat* readings with their sentences; nothing is an answer until the case worker's yes."""
from __future__ import annotations

from sqlalchemy import select

from bot.assessment.notes import read_notes
from bot.assessment.question_bank import load_bank
from bot.storage.answers import current_answers, record_answer
from bot.storage.assessments import start_assessment
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import Proposal, User
from tests.unit.test_web_chat import login, run_with_app

BANK = load_bank()
INTRO = {"client_sex": "kvinna", "seen_alone": True,
         "modules_chosen": ["ekonomi", "boende", "alkohol"]}
NOTES = ("Möte 2 december. Hon får försörjningsstöd sedan i våras, personnummer "
         "19121212-1212. Hon har skulder hos Kronofogden och skulderna växer.\n\n"
         "Hon bor i andrahand. Hon har inga hyresskulder.")


def test_notes_give_readings_with_their_sentences_and_skip_what_is_answered():
    reading = read_notes(BANK, INTRO | {"debts": True}, NOTES, [])
    got = {p.question_id: (p.value, p.phrase) for p in reading.new}
    assert got["housing"] == ("andrahand", "Hon bor i andrahand")
    assert got["rent_arrears"][0] is False  # "inga hyresskulder" is a statement of its own
    assert got["kronofogden"][0] is True
    assert "debts" not in got  # answered already: not proposed again
    assert all(p.kind == "uppfattat" for p in reading.new)
    # A reading already waiting keeps its place; the notes do not overwrite it.
    waiting = read_notes(BANK, INTRO, NOTES, reading.new[:1])
    assert waiting.proposals[0] == reading.new[0] and reading.new[0] not in waiting.new


def test_a_contradiction_of_a_stored_answer_is_pointed_out_not_proposed():
    reading = read_notes(BANK, INTRO | {"housing": "forstahand"}, "Hon bor i andrahand.", [])
    assert not [p for p in reading.new if p.question_id == "housing"]
    assert any("ändra svaret om boende" in c for c in reading.conflicts)


def _seed(db_url) -> tuple[str, int]:
    with session_scope(db_url) as s:
        anna = s.execute(select(User).where(User.username == "anna.berg")).scalar_one()
        cid = open_conversation(s, anna.id).id
        a = start_assessment(s, "ÄR-2026-2399", cid, consent=True, case_worker="anna.berg")
        for qid, value in INTRO.items():
            record_answer(s, a.id, qid, value, source="knapp")
        return cid, a.id


def test_notes_route_masks_stores_only_readings_and_answers_nothing(users):
    cid, aid = _seed(users)

    async def scenario(client, _rasa):
        csrf = {"X-CSRF-Token": await login(client)}
        resp = await client.post(f"/api/conversations/{cid}/notes", json={"text": NOTES},
                                 headers=csrf)
        body = await resp.json()
        assert resp.status == 200, body
        assert body["masked"] == 1 and body["found"] >= 5
        record = await (await client.get(f"/api/conversations/{cid}/record")).json()
        assert {p["question_id"] for p in record["pending"]} >= {"housing", "kronofogden"}
        assert record["confirm"]["yes"] == "Ja, det stämmer"
        # One struck: the rest still wait.
        drop = await client.post(f"/api/conversations/{cid}/proposals/drop",
                                 json={"question_id": "housing"}, headers=csrf)
        assert drop.status == 200
        record = await (await client.get(f"/api/conversations/{cid}/record")).json()
        assert "housing" not in {p["question_id"] for p in record["pending"]}
        too_long = await client.post(f"/api/conversations/{cid}/notes",
                                     json={"text": "x" * 6001}, headers=csrf)
        assert too_long.status == 400 and "högst 6000" in (await too_long.json())["error"]
        other = await client.post("/api/conversations/nope/notes", json={"text": "hej"},
                                  headers=csrf)
        assert other.status == 404

    run_with_app(scenario)
    with session_scope(users) as s:
        assert current_answers(s, aid) == INTRO  # nothing is an answer before the yes
        phrases = [p.masked_text or "" for p in s.execute(select(Proposal)).scalars()]
    assert phrases and not any("19121212" in p for p in phrases)


def test_notes_need_an_ongoing_assessment(users):
    with session_scope(users) as s:
        anna = s.execute(select(User).where(User.username == "anna.berg")).scalar_one()
        cid = open_conversation(s, anna.id).id

    async def scenario(client, _rasa):
        csrf = {"X-CSRF-Token": await login(client)}
        resp = await client.post(f"/api/conversations/{cid}/notes", json={"text": NOTES},
                                 headers=csrf)
        assert resp.status == 409 and "pågående bedömning" in (await resp.json())["error"]

    run_with_app(scenario)
