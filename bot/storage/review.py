"""What a supervisor reviews: the conversations a reader may see, summarised and filtered,
and one conversation's transcript with what each turn did beside it.

Who may see what is decided by bot.auth.permissions for every conversation, the same rule
as the export API. Derived facts (scores, triage, skipped questions) are computed from the
stored answers when read, so the list can never disagree with the transcript.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.question_bank import load_bank, load_factors, questions_by_id
from bot.auth.permissions import Owner, Reader, can_read_assessment
from bot.clock import as_utc
from bot.local_time import day_window
from bot.profile.build import build_profile
from bot.storage import chat_log
from bot.storage.export import assessment_document
from bot.storage.models import (
    Answer,
    Assessment,
    Conversation,
    ReviewComment,
    Score,
    Suggestion,
    User,
)
from bot.storage.review_marks import review_row, tags_of

SORTS = ("nyast", "äldst", "handläggare", "referens")
PER_PAGE = 20
# Risk bands a supervisor filters on, from the screening results of the stored answers.
RISK_BANDS = {
    "audit_positiv": "AUDIT på eller över gränsvärdet",
    "audit_negativ": "AUDIT under gränsvärdet",
    "dudit_positiv": "DUDIT på eller över gränsvärdet",
    "dudit_beroende": "DUDIT trolig beroende",
    "dudit_negativ": "DUDIT under gränsvärdet",
}
SAFETY_MARK = "⚠"


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    case_worker: str | None = None
    module: str | None = None
    risk_band: str | None = None
    triage_group: int | None = None
    flagged: bool | None = None
    reviewed: bool | None = None
    skipped: bool | None = None
    suggestion_status: str | None = None
    text: str | None = None
    sort: str = "nyast"
    page: int = 1


@dataclass
class Row:
    conversation_id: str
    started_at: datetime
    case_worker: str
    case_worker_name: str
    unit: str
    training: bool
    case_reference: str | None = None
    status: str | None = None
    modules: list[str] = field(default_factory=list)
    risk_bands: list[str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)
    triage: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    suggestion_statuses: list[str] = field(default_factory=list)
    flagged: bool = False
    reviewed: bool = False
    tags: list[str] = field(default_factory=list)
    messages: int = 0

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["started_at"] = as_utc(self.started_at).isoformat(timespec="seconds")
        return out


def reader_of(user) -> Reader:
    return Reader(user.user_id, user.role, user.unit)


def visible(session: Session, reader: Reader) -> list[tuple[Conversation, User]]:
    """Every conversation this reader may open, with its case worker."""
    query = select(Conversation, User).join(User, User.id == Conversation.user_id)
    if reader.role == "handläggare":
        query = query.where(Conversation.user_id == reader.user_id)
    elif reader.role == "arbetsledare":
        query = query.where(User.unit == reader.unit)
    elif reader.role == "utbildare":
        query = query.where(Conversation.training.is_(True))
    else:
        return []
    rows = session.execute(query).all()
    # The rule itself decides; the query above only narrows what is read.
    return [(c, u) for c, u in rows
            if can_read_assessment(reader, Owner(c.user_id, u.unit, bool(c.training)))]


def may_read(session: Session, reader: Reader, conversation_id: str):
    row = session.execute(
        select(Conversation, User).join(User, User.id == Conversation.user_id)
        .where(Conversation.id == conversation_id)
    ).first()
    if row is None:
        return None
    conversation, owner = row
    allowed = can_read_assessment(
        reader, Owner(conversation.user_id, owner.unit, bool(conversation.training)))
    return (conversation, owner) if allowed else None


def newest_assessment(session: Session, conversation_id: str) -> Assessment | None:
    return session.execute(
        select(Assessment).where(Assessment.conversation_id == conversation_id)
        .order_by(Assessment.id.desc()).limit(1)
    ).scalar_one_or_none()


def summarise(session: Session, conversation: Conversation, owner: User) -> Row:
    row = Row(conversation.id, conversation.created_at, owner.username, owner.display_name,
              owner.unit, bool(conversation.training))
    review = review_row(session, conversation.id)
    if review is not None:
        row.flagged, row.reviewed = bool(review.flagged), bool(review.reviewed)
    row.tags = tags_of(session, conversation.id)
    row.messages = len(chat_log.history(session, conversation.id))
    assessment = newest_assessment(session, conversation.id)
    if assessment is None:
        return row
    row.case_reference, row.status = assessment.case.reference, assessment.status
    current = session.execute(select(Answer).where(
        Answer.assessment_id == assessment.id, Answer.current.is_(True))).scalars().all()
    answers = {a.question_id: a.value for a in current}
    row.skipped = sorted(a.question_id for a in current if a.source == "överhoppad")
    row.modules = list(answers.get("modules_chosen") or [])
    profile = build_profile(load_bank(), answers, load_factors())
    for result in profile.screenings:
        if result.total is None:
            continue
        key = result.instrument.lower()
        row.scores[key] = {"total": result.total, "band": result.band,
                           "positive": result.positive}
        row.risk_bands.append(f"{key}_{'positiv' if result.positive else 'negativ'}")
        if getattr(result, "dependence", None):
            row.risk_bands.append(f"{key}_beroende")
    row.triage = {a.area: a.triage_group for a in profile.areas.values()
                  if a.triage_group is not None}
    row.suggestion_statuses = sorted(set(session.execute(select(Suggestion.status).where(
        Suggestion.assessment_id == assessment.id)).scalars()))
    return row


def _matches(row: Row, f: Filters, texts: str, since: datetime | None,
             before: datetime | None) -> bool:
    started = as_utc(row.started_at)
    checks = [
        since is None or started >= since,
        before is None or started < before,
        f.case_worker is None or row.case_worker == f.case_worker,
        f.module is None or f.module in row.modules,
        f.risk_band is None or f.risk_band in row.risk_bands,
        f.triage_group is None or f.triage_group in row.triage.values(),
        f.flagged is None or row.flagged == f.flagged,
        f.reviewed is None or row.reviewed == f.reviewed,
        f.skipped is None or bool(row.skipped) == f.skipped,
        f.suggestion_status is None or f.suggestion_status in row.suggestion_statuses,
        not f.text or f.text.casefold() in texts,
    ]
    return all(checks)


def _sort_key(sort: str):
    if sort == "äldst":
        return lambda r: as_utc(r.started_at)
    if sort == "handläggare":
        return lambda r: (r.case_worker_name.casefold(), -as_utc(r.started_at).timestamp())
    if sort == "referens":
        return lambda r: ((r.case_reference or "~").casefold(), r.conversation_id)
    return lambda r: -as_utc(r.started_at).timestamp()


def conversation_list(session: Session, reader: Reader, f: Filters) -> dict[str, Any]:
    # Swedish days: "from 1 December" includes a conversation begun 00:30 Swedish time.
    since = day_window(f.date_from, f.date_from)[0] if f.date_from else None
    before = day_window(f.date_to, f.date_to)[1] if f.date_to else None
    rows = []
    for conversation, owner in visible(session, reader):
        row = summarise(session, conversation, owner)
        texts = ""
        if f.text:
            texts = " ".join([row.case_reference or "", *row.tags] + [
                m["text"] for m in chat_log.history(session, conversation.id)]).casefold()
        if _matches(row, f, texts, since, before):
            rows.append(row)
    rows.sort(key=_sort_key(f.sort))
    total = len(rows)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, f.page), pages)
    shown = rows[(page - 1) * PER_PAGE: page * PER_PAGE]
    return {"total": total, "page": page, "pages": pages, "per_page": PER_PAGE,
            "conversations": [r.as_dict() for r in shown]}


def _iso(value) -> str | None:
    return as_utc(value).isoformat(timespec="seconds") if value is not None else None


def transcript(session: Session, conversation: Conversation, owner: User) -> dict[str, Any]:
    """The chat in order; beside each user turn the answers it recorded, and the scores,
    suggestions and decisions that fell within it; comments on single messages."""
    messages = chat_log.history(session, conversation.id)
    assessment = newest_assessment(session, conversation.id)
    by_id = questions_by_id()
    events: list[tuple[datetime, str, dict]] = []
    if assessment is not None:
        for answer in session.execute(select(Answer).where(
                Answer.assessment_id == assessment.id).order_by(Answer.id)).scalars():
            question = by_id.get(answer.question_id)
            events.append((as_utc(answer.answered_at), "svar", {
                "question_id": answer.question_id,
                "question": question.text if question else answer.question_id,
                "value": answer.value, "previous_value": answer.previous_value,
                "source": answer.source, "skip_reason": answer.skip_reason,
                "corrects_earlier": answer.replaces_id is not None,
                "current": bool(answer.current)}))
        for score in session.execute(select(Score).where(
                Score.assessment_id == assessment.id)).scalars():
            events.append((as_utc(score.computed_at), "poäng", {
                "instrument": score.instrument, "total": score.total, "band": score.band}))
        for suggestion in session.execute(select(Suggestion).where(
                Suggestion.assessment_id == assessment.id).order_by(Suggestion.rank)).scalars():
            if suggestion.decided_at is not None:
                events.append((as_utc(suggestion.decided_at), "beslut", {
                    "rank": suggestion.rank, "intervention_id": suggestion.intervention_id,
                    "status": suggestion.status, "comment": suggestion.comment}))
    _attach(messages, events)
    comments = session.execute(select(ReviewComment, User).join(
        User, User.id == ReviewComment.author_id).where(
        ReviewComment.conversation_id == conversation.id).order_by(ReviewComment.id)).all()
    for message in messages:
        message["safety_prompt"] = message["sender"] == "bot" and \
            message["text"].startswith(SAFETY_MARK)
        message["comments"] = [
            {"id": c.id, "author": u.display_name, "text": c.text, "at": _iso(c.created_at)}
            for c, u in comments if c.event_id == message["seq"]]
    summary = summarise(session, conversation, owner)
    return {"conversation": summary.as_dict(), "messages": messages,
            "assessment_id": assessment.id if assessment is not None else None}


def transcript_with_assessment(session: Session, conversation: Conversation,
                               owner: User) -> dict[str, Any]:
    """The transcript and, beside it, the newest assessment as the export API gives it:
    what a reader sees and what an export of the conversation holds."""
    view = transcript(session, conversation, owner)
    assessment = newest_assessment(session, conversation.id)
    view["assessment"] = (assessment_document(session, assessment)
                          if assessment is not None else None)
    return view


def _attach(messages: list[dict], events: list[tuple[datetime, str, dict]]) -> None:
    """Each stored event goes with the latest user message sent at or before it."""
    for message in messages:
        message["did"] = []
    user_turns = [m for m in messages if m["sender"] == "user"]
    for at, kind, detail in sorted(events, key=lambda e: e[0]):
        owner = None
        for message in user_turns:
            if datetime.fromisoformat(message["at"]) <= at:
                owner = message
            else:
                break
        if owner is not None:
            owner["did"].append({"kind": kind, **detail, "at": at.isoformat(timespec="seconds")})
