"""Cases and assessments as the shell writes them."""
from sqlalchemy import func, select

from bot.storage import assessments as repo
from bot.storage.db import session_scope
from bot.storage.models import Answer, Assessment, Case


def test_start_creates_case_once_and_an_ongoing_assessment(any_db_url):
    with session_scope(any_db_url) as s:
        first = repo.start_assessment(s, "ÄR-2026-0142", "conv-a", consent=True)
    with session_scope(any_db_url) as s:
        repo.set_status(s, first.id, "avslutad")
        second = repo.start_assessment(s, "ÄR-2026-0142", "conv-b", consent=True)
    with session_scope(any_db_url) as s:
        assert s.execute(select(func.count(Case.id))).scalar_one() == 1
        rows = s.execute(select(Assessment).order_by(Assessment.id)).scalars().all()
        assert [(a.status, a.conversation_id) for a in rows] == [
            ("avslutad", "conv-a"),
            ("pågående", "conv-b"),
        ]
        assert rows[0].finished_at is not None and rows[1].finished_at is None
        assert second.case_id == first.case_id


def test_refused_consent_is_recorded_as_cancelled_with_nothing_else(any_db_url):
    with session_scope(any_db_url) as s:
        a = repo.start_assessment(s, "EB-4711", "conv-x", consent=False)
    with session_scope(any_db_url) as s:
        stored = s.get(Assessment, a.id)
        assert stored.consent is False
        assert stored.status == "avbruten"
        assert s.execute(select(func.count(Answer.id))).scalar_one() == 0
        assert repo.find_resumable(s, "EB-4711") is None


def test_paused_assessment_is_resumable_from_a_new_conversation(any_db_url):
    with session_scope(any_db_url) as s:
        a = repo.start_assessment(s, "ÄR-1", "monday", consent=True)
        repo.set_status(s, a.id, "pausad")
    with session_scope(any_db_url) as s:
        found = repo.find_resumable(s, "ÄR-1")
        assert found is not None and found.id == a.id and found.status == "pausad"
        repo.resume(s, found, "thursday")
    with session_scope(any_db_url) as s:
        again = s.get(Assessment, a.id)
        assert (again.status, again.conversation_id) == ("pågående", "thursday")


def test_cancelled_or_finished_assessments_are_not_resumable(any_db_url):
    with session_scope(any_db_url) as s:
        a = repo.start_assessment(s, "ÄR-2", "c1", consent=True)
        repo.set_status(s, a.id, "avbruten")
        assert repo.find_resumable(s, "ÄR-2") is None
        assert repo.find_resumable(s, "ÄR-UNKNOWN") is None


def test_practice_and_real_assessments_never_resume_each_other(db_url):
    from bot.storage.users import add_user

    with session_scope(db_url) as s:
        add_user(s, "Ulla Utbildare", role="utbildare", unit="EB Nord", password="x" * 12)
        add_user(s, "Ture Trainee", role="handläggare", unit="EB Nord", password="x" * 12)
        real = repo.start_assessment(s, "ÖV-2026-0001", "c-real", consent=True)
        practice = repo.start_assessment(s, "ÖV-2026-0001", "c-practice", consent=True,
                                         case_worker="ulla.utbildare", training=True)
    with session_scope(db_url) as s:
        assert repo.find_resumable(s, "ÖV-2026-0001").id == real.id
        assert repo.find_resumable(s, "ÖV-2026-0001", training=True,
                                   case_worker="ulla.utbildare").id == practice.id
        # Another trainee practising the same case does not get Ulla's assessment.
        assert repo.find_resumable(s, "ÖV-2026-0001", training=True,
                                   case_worker="ture.trainee") is None
        assert repo.find_resumable(s, "ÖV-2026-0001", training=True) is None


def test_the_newest_finished_assessment_is_found_for_a_follow_up_meeting(db_url):
    with session_scope(db_url) as s:
        older = repo.start_assessment(s, "ÄR-7", "c-1", consent=True)
        repo.set_status(s, older.id, "avslutad")
        newer = repo.start_assessment(s, "ÄR-7", "c-2", consent=True)
        repo.start_assessment(s, "ÄR-8", "c-3", consent=False)  # refused: nothing to reopen
        practice = repo.start_assessment(s, "ÄR-7", "c-4", consent=True, training=True)
        repo.set_status(s, practice.id, "avslutad")
    with session_scope(db_url) as s:
        assert repo.find_finished(s, "ÄR-7").id == older.id  # the newer one is not finished
        repo.set_status(s, newer.id, "avslutad")
    with session_scope(db_url) as s:
        assert repo.find_finished(s, "ÄR-7").id == newer.id
        assert repo.find_finished(s, "ÄR-8") is None
        assert repo.find_resumable(s, "ÄR-8") is None
