"""Answers keep their history; exports show it; retention removes only what is past the limit."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.scoring.instruments import InvalidItemScore
from bot.storage import assessments as repo
from bot.storage.answers import answer_history, record_answer
from bot.storage.db import session_scope
from bot.storage.export import assessment_document
from bot.storage.models import AccessLog, Answer, Assessment, Case
from bot.storage.retention import remove_expired


def start(url, reference="ÄR-2026-0142", conversation="conv-1"):
    with session_scope(url) as s:
        return repo.start_assessment(s, reference, conversation, consent=True).id


def test_a_correction_keeps_the_old_value_and_the_export_shows_both(any_db_url):
    aid = start(any_db_url)
    with session_scope(any_db_url) as s:
        record_answer(s, aid, "audit_1", 3, source="fritext", masked_text="två gånger i veckan")
    with session_scope(any_db_url) as s:
        record_answer(s, aid, "audit_1", 2, source="knapp")
    with session_scope(any_db_url) as s:
        history = answer_history(s, aid, "audit_1")
        assert [(a.value, a.source, a.current) for a in history] == [
            (3, "fritext", False),
            (2, "rättad", True),
        ]
        assert history[1].previous_value == 3 and history[1].replaces_id == history[0].id
        doc = assessment_document(s, s.get(Assessment, aid))
    assert doc["case_reference"] == "ÄR-2026-0142"
    assert doc["answers"]["audit_1"]["value"] == 2
    assert doc["answers"]["audit_1"]["source"] == "rättad"
    assert [h["value"] for h in doc["answers"]["audit_1"]["history"]] == [3, 2]
    assert doc["answers"]["audit_1"]["history"][0]["text"] == "två gånger i veckan"


def test_a_skip_is_recorded_with_its_reason(any_db_url):
    aid = start(any_db_url)
    with session_scope(any_db_url) as s:
        record_answer(s, aid, "audit_9", None, source="överhoppad", skip_reason="vill inte svara")
        doc = assessment_document(s, s.get(Assessment, aid))
    assert doc["answers"]["audit_9"]["source"] == "överhoppad"
    assert doc["answers"]["audit_9"]["skip_reason"] == "vill inte svara"


def test_unknown_answer_source_is_rejected(any_db_url):
    aid = start(any_db_url)
    with session_scope(any_db_url) as s, pytest.raises(ValueError):
        record_answer(s, aid, "audit_1", 1, source="gissad")


@pytest.mark.parametrize("item, value", [("audit_9", 3), ("audit_10", 1), ("dudit_1", 5), ("audit_2", -1)])
def test_an_invalid_instrument_item_value_is_refused_and_not_stored(any_db_url, item, value):
    aid = start(any_db_url)
    with pytest.raises(InvalidItemScore):
        with session_scope(any_db_url) as s:
            record_answer(s, aid, item, value, source="fritext")
    with session_scope(any_db_url) as s:
        assert s.execute(select(func.count()).select_from(Answer)).scalar() == 0


def test_retention_removes_only_finished_assessments_past_the_limit(any_db_url):
    now = datetime(2026, 11, 22, tzinfo=timezone.utc)
    old_done, old_open, recent_done = (
        start(any_db_url, "ÄR-GAMMAL", "c-old"),
        start(any_db_url, "ÄR-PAUSAD", "c-open"),
        start(any_db_url, "ÄR-NY", "c-new"),
    )
    with session_scope(any_db_url) as s:
        record_answer(s, old_done, "audit_1", 4, source="knapp")
        for aid, status, days_ago in [
            (old_done, "avslutad", 400), (old_open, "pausad", 400), (recent_done, "avslutad", 10)
        ]:
            a = s.get(Assessment, aid)
            a.status = status
            a.started_at = now - timedelta(days=days_ago + 1)
            a.finished_at = now - timedelta(days=days_ago) if status == "avslutad" else None

    # Rasa's tracker store table, as SQLTrackerStore creates it in the same database.
    engine = create_engine(any_db_url, future=True)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255))"))
        conn.execute(text("INSERT INTO events (id, sender_id) VALUES (1, 'c-old'), (2, 'c-new')"))

    with session_scope(any_db_url) as s:
        planned = remove_expired(s, 365, dry_run=True, now=now)
    assert [r.assessment_id for r in planned] == [old_done]
    with session_scope(any_db_url) as s:
        assert s.execute(select(func.count(Assessment.id))).scalar_one() == 3

    with session_scope(any_db_url) as s:
        removed = remove_expired(s, 365, now=now)
    assert [r.case_reference for r in removed] == ["ÄR-GAMMAL"]
    with session_scope(any_db_url) as s:
        left = s.execute(select(Assessment.id).order_by(Assessment.id)).scalars().all()
        assert left == [old_open, recent_done]
        assert s.execute(select(func.count(Answer.id))).scalar_one() == 0
        assert s.execute(select(Case.reference).order_by(Case.reference)).scalars().all() == [
            "ÄR-NY", "ÄR-PAUSAD"
        ]
        log = s.execute(select(AccessLog)).scalars().all()
        assert [(row.action, row.target) for row in log] == [("gallring", f"bedömning {old_done}")]
    with engine.connect() as conn:
        senders = conn.execute(text("SELECT sender_id FROM events")).scalars().all()
    engine.dispose()
    assert senders == ["c-new"]


def test_retention_also_removes_what_supervisors_wrote_and_stale_sign_ins(any_db_url):
    """Comments quote the conversation and tags describe it: they go with the transcript.
    Expired sessions and old failed sign-ins (user names, addresses) go at every run."""
    from bot.storage import chat_log
    from bot.storage.conversations import open_conversation
    from bot.storage.models import (
        ChatMessage,
        Conversation,
        ConversationReview,
        ConversationTag,
        LoginAttempt,
        ReviewComment,
        WebSession,
    )
    from bot.storage.users import add_user

    now = datetime(2026, 11, 22, tzinfo=timezone.utc)
    with session_scope(any_db_url) as s:
        lena = add_user(s, "Lena Lind", role="arbetsledare", unit="EB Nord", password="x" * 12)
        kept = {}
        for name in ("old", "new"):
            cid = open_conversation(s, lena.id).id
            claim = chat_log.claim_user_message(s, cid, None, "skulder hos Kronofogden")
            chat_log.complete_turn(s, claim.message_id, [{"text": "Noterat.", "buttons": []}])
            s.add_all([ReviewComment(conversation_id=cid, event_id=claim.message_id,
                                     author_id=lena.id, text="Fråga om mängd här."),
                       ConversationTag(conversation_id=cid, tag="utbildningsbehov"),
                       ConversationReview(conversation_id=cid, flagged=True, reviewed=False)])
            a = repo.start_assessment(s, f"ÄR-{name}", cid, consent=True)
            a.status = "avslutad"
            a.finished_at = now - timedelta(days=400 if name == "old" else 10)
            kept[name] = cid
        s.add_all([
            WebSession(token_hash="a" * 64, user_id=lena.id, csrf_token="t", created_at=now,
                       last_seen_at=now - timedelta(hours=2), expires_at=now + timedelta(hours=8)),
            WebSession(token_hash="b" * 64, user_id=lena.id, csrf_token="t", created_at=now,
                       last_seen_at=now, expires_at=now + timedelta(hours=8)),
            LoginAttempt(username="lena.lind", remote="127.0.0.1", at=now - timedelta(days=2)),
            LoginAttempt(username="lena.lind", remote="127.0.0.1", at=now - timedelta(minutes=1)),
        ])

    with session_scope(any_db_url) as s:
        remove_expired(s, 365, now=now)
    with session_scope(any_db_url) as s:
        for model in (ReviewComment, ConversationTag, ConversationReview, ChatMessage):
            left = s.execute(select(model.conversation_id)).scalars().all()
            assert set(left) == {kept["new"]}, model.__name__
        assert s.execute(select(Conversation.id)).scalars().all() == [kept["new"]]
        assert s.execute(select(WebSession.token_hash)).scalars().all() == ["b" * 64]
        assert len(s.execute(select(LoginAttempt.id)).scalars().all()) == 1
