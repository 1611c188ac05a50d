"""Repository for cases and assessments: the only place that writes their rows."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.storage.models import Assessment, Case, User

UNFINISHED = ("pågående", "pausad")


def get_or_create_case(session: Session, reference: str) -> Case:
    case = session.execute(select(Case).where(Case.reference == reference)).scalar_one_or_none()
    if case is None:
        case = Case(reference=reference)
        session.add(case)
        session.flush()
    return case


def find_user_id(session: Session, username: str | None) -> int | None:
    if not username:
        return None
    return session.execute(select(User.id).where(User.username == username)).scalar_one_or_none()


def find_resumable(session: Session, reference: str, *, training: bool = False,
                   case_worker: str | None = None) -> Assessment | None:
    """The newest unfinished assessment of a case, if there is one. A practice conversation
    only ever finds practice assessments and a real one only real ones, so a trainer
    typing a real reference in Övningsläge cannot open a client's assessment. Practice
    cases share their references, so practice finds only the same person's assessments:
    two trainees on the same case never meet."""
    return _newest(session, reference, UNFINISHED, training, case_worker)


def find_finished(session: Session, reference: str, *, training: bool = False,
                  case_worker: str | None = None) -> Assessment | None:
    """The newest assessment of a case saved as final (with the client's consent), under the
    same rules as find_resumable: it is reopened when questions in it still wait for a
    meeting with the client alone."""
    return _newest(session, reference, ("avslutad",), training, case_worker)


def _newest(session: Session, reference: str, statuses: tuple[str, ...], training: bool,
            case_worker: str | None) -> Assessment | None:
    query = select(Assessment).join(Case).where(
        Case.reference == reference, Assessment.status.in_(statuses),
        Assessment.consent.is_(True), Assessment.training.is_(training))
    if training:
        query = query.join(User, User.id == Assessment.case_worker_id).where(
            User.username == (case_worker or ""))
    return session.execute(
        query
        .order_by(Assessment.started_at.desc(), Assessment.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def start_assessment(
    session: Session,
    reference: str,
    conversation_id: str,
    *,
    consent: bool,
    case_worker: str | None = None,
    training: bool = False,
) -> Assessment:
    """Open an assessment. Without consent it is recorded as cancelled and holds nothing else."""
    case = get_or_create_case(session, reference)
    assessment = Assessment(
        case=case,
        conversation_id=conversation_id,
        case_worker_id=find_user_id(session, case_worker),
        consent=consent,
        training=training,
        status="pågående" if consent else "avbruten",
        finished_at=None if consent else utcnow(),
    )
    session.add(assessment)
    session.flush()
    return assessment


def set_status(session: Session, assessment_id: int, status: str) -> Assessment | None:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        return None
    assessment.status = status
    if status in ("avslutad", "avbruten"):
        assessment.finished_at = utcnow()
    return assessment


def resume(session: Session, assessment: Assessment, conversation_id: str) -> Assessment:
    """Continue an assessment, possibly from a new conversation (a later meeting). A final
    one reopened for a deferred question is unfinished again until it is saved anew."""
    assessment.status = "pågående"
    assessment.finished_at = None
    assessment.conversation_id = conversation_id
    return assessment
