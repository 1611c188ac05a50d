"""Gallring: remove finished assessments and their transcripts past the retention time.

Only finished (avslutad) or cancelled (avbruten) assessments are removed; an ongoing or
paused one is someone's open work. Every removal is written to the access log.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import column, delete, inspect, select, table
from sqlalchemy.orm import Session

from bot.clock import as_utc
from bot.storage.access_log import log_access
from bot.storage.models import (
    Assessment,
    Case,
    ChatMessage,
    Conversation,
    ConversationReview,
    ConversationTag,
    LoginAttempt,
    ReviewComment,
    WebSession,
)
from bot.storage.web_sessions import BACKOFF_WINDOW, IDLE_TIMEOUT

FINISHED = ("avslutad", "avbruten")
# Rasa's SQLTrackerStore table: one row per event, keyed by conversation (sender_id).
_EVENTS = table("events", column("sender_id"))


@dataclass(frozen=True)
class Removal:
    assessment_id: int
    case_reference: str
    conversation_id: str
    finished_at: datetime


def expired(session: Session, older_than_days: int, now: datetime | None = None) -> list[Removal]:
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
    rows = session.execute(
        select(Assessment, Case.reference)
        .join(Case)
        .where(Assessment.status.in_(FINISHED), Assessment.finished_at.is_not(None))
        .order_by(Assessment.id)
    ).all()
    return [
        Removal(a.id, ref, a.conversation_id, as_utc(a.finished_at))
        for a, ref in rows
        if as_utc(a.finished_at) < cutoff
    ]


def remove_expired(
    session: Session, older_than_days: int, *, dry_run: bool = False,
    now: datetime | None = None, username: str = "gallring",
) -> list[Removal]:
    removals = expired(session, older_than_days, now)
    if not dry_run:
        forget_sign_in_traces(session, now)
    if dry_run or not removals:
        return removals
    has_events = inspect(session.connection()).has_table("events")
    removed_ids = {r.assessment_id for r in removals}
    for r in removals:
        session.delete(session.get(Assessment, r.assessment_id))
        # A transcript goes only when no retained assessment still points at it.
        still_used = session.execute(
            select(Assessment.id).where(
                Assessment.conversation_id == r.conversation_id,
                Assessment.id.not_in(removed_ids),
            )
        ).first()
        if still_used is None:
            if has_events:
                session.execute(delete(_EVENTS).where(_EVENTS.c.sender_id == r.conversation_id))
            # Replies point at the message they answer: remove them first.
            for sender in ("bot", "user"):
                session.execute(delete(ChatMessage).where(
                    ChatMessage.conversation_id == r.conversation_id,
                    ChatMessage.sender == sender))
            # A supervisor's comments quote the conversation; tags and marks describe it.
            for model in (ReviewComment, ConversationTag, ConversationReview):
                session.execute(delete(model).where(
                    model.conversation_id == r.conversation_id))
            session.execute(delete(Conversation).where(Conversation.id == r.conversation_id))
        log_access(
            session, action="gallring", target=f"bedömning {r.assessment_id}",
            username=username,
            detail={"ärende": r.case_reference, "avslutad": r.finished_at.isoformat(),
                    "äldre_än_dagar": older_than_days},
        )
    session.flush()
    # Cases left with no assessment carry nothing worth keeping.
    orphan_cases = select(Case.id).where(~Case.assessments.any())
    session.execute(
        delete(Case).where(Case.id.in_(orphan_cases)).execution_options(synchronize_session=False)
    )
    return removals


def forget_sign_in_traces(session: Session, now: datetime | None = None) -> None:
    """Sessions that can no longer be used and failed sign-ins older than the lockout
    window: they hold user names and addresses and serve no purpose any more."""
    now = now or datetime.now(timezone.utc)
    session.execute(delete(WebSession).where(
        (WebSession.expires_at <= now) | (WebSession.last_seen_at <= now - IDLE_TIMEOUT)
    ).execution_options(synchronize_session=False))
    session.execute(delete(LoginAttempt).where(
        LoginAttempt.at < now - BACKOFF_WINDOW).execution_options(synchronize_session=False))
