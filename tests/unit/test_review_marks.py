"""What a reviewer writes on a conversation and the admins' access log, in storage: a tag
kept once however often it is added, the reviewed mark saying who and when (and nothing
once it is taken back), and the log read newest first, page by page, between two instants."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.storage import review_marks
from bot.storage.access_log import PER_PAGE, access_log_page, log_access
from bot.storage.conversations import open_conversation
from bot.storage.db import session_scope
from bot.storage.models import AccessLog
from bot.storage.users import add_user


def _conversation(db_url):
    with session_scope(db_url) as s:
        lena = add_user(s, "Lena Lind", role="arbetsledare", unit="EB Nord", password="x" * 12)
        anna = add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password="x" * 12)
        return open_conversation(s, anna.id).id, lena.id


def test_a_tag_added_twice_is_kept_once_and_removed_once(db_url):
    cid, _ = _conversation(db_url)
    with session_scope(db_url) as s:
        review_marks.add_tag(s, cid, "våld")
        assert review_marks.add_tag(s, cid, "våld") == ["våld"]
        assert review_marks.add_tag(s, cid, "akut") == ["akut", "våld"]
        assert review_marks.remove_tag(s, cid, "våld") == ["akut"]
        assert review_marks.tags_of(s, cid) == ["akut"]


def test_reviewed_says_who_and_when_and_taking_it_back_clears_both(db_url):
    cid, lena = _conversation(db_url)
    with session_scope(db_url) as s:
        row = review_marks.set_marks(s, cid, lena, flagged=True)
        assert (row.flagged, row.reviewed, row.reviewed_by_id) == (True, False, None)
        row = review_marks.set_marks(s, cid, lena, reviewed=True)
        assert row.flagged and row.reviewed_by_id == lena and row.reviewed_at is not None
        row = review_marks.set_marks(s, cid, lena, reviewed=False)
        assert row.flagged and (row.reviewed_by_id, row.reviewed_at) == (None, None)


def test_the_access_log_is_read_newest_first_a_page_at_a_time_between_two_instants(db_url):
    day = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
    with session_scope(db_url) as s:
        for n in range(PER_PAGE + 3):
            log_access(s, action="transkript", target=f"samtal {n}", username="lena")
        log_access(s, action="export_pdf", target="samtal x", username="anna")
        for row in s.query(AccessLog):
            row.at = day + timedelta(minutes=row.id)
    with session_scope(db_url) as s:
        first = access_log_page(s, page=1, username="lena")
        second = access_log_page(s, page=2, username="lena", action="transkript")
        assert first["total"] == second["total"] == PER_PAGE + 3
        assert first["rows"][0]["target"] == f"samtal {PER_PAGE + 2}"
        assert [r["target"] for r in second["rows"]] == ["samtal 2", "samtal 1", "samtal 0"]
        window = access_log_page(s, page=1, since=day + timedelta(minutes=2),
                                 before=day + timedelta(minutes=4))
        assert [r["id"] for r in window["rows"]] == [3, 2]
