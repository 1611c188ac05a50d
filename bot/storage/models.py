"""The data model: what the product records about an assessment and who looked at it.

Answers are append-only: a correction adds a row that points at the one it replaces,
so the history a supervisor reviews is never overwritten.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

from bot.clock import utcnow

Base = declarative_base()

# Swedish status words are stored as they are shown: they are the domain's own terms.
ASSESSMENT_STATUSES = ("pågående", "pausad", "avslutad", "avbruten")
ANSWER_SOURCES = ("knapp", "fritext", "rättad", "överhoppad")
SUGGESTION_STATUSES = ("föreslagen", "vald", "avböjd", "behövs men finns inte")
ROLES = ("handläggare", "arbetsledare", "utbildare", "admin")


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(200), nullable=False)
    role = Column(String(20), nullable=False)
    unit = Column(String(100), nullable=False)
    password_hash = Column(String(255), nullable=True)
    active = Column(Boolean, nullable=False, default=True)
    # A one-time password (the first admin's, printed at the first start): signing in
    # with it allows nothing but choosing a new password.
    password_must_change = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Case(Base):
    """A client's case, known only by a pseudonymous reference (never a personnummer)."""

    __tablename__ = "cases"
    id = Column(Integer, primary_key=True)
    reference = Column(String(40), nullable=False, unique=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    assessments = relationship("Assessment", back_populates="case")


class Assessment(Base):
    __tablename__ = "assessments"
    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    case_worker_id = Column(Integer, ForeignKey("users.id"), nullable=True, index=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    status = Column(String(20), nullable=False, default="pågående")
    consent = Column(Boolean, nullable=True)
    training = Column(Boolean, nullable=False, default=False)
    started_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    finished_at = Column(DateTime(timezone=True), nullable=True)

    case = relationship("Case", back_populates="assessments")
    answers = relationship("Answer", back_populates="assessment", cascade="all, delete-orphan")
    scores = relationship("Score", cascade="all, delete-orphan")
    suggestions = relationship("Suggestion", cascade="all, delete-orphan")
    proposals = relationship("Proposal", cascade="all, delete-orphan")


class Answer(Base):
    __tablename__ = "answers"
    id = Column(Integer, primary_key=True)
    assessment_id = Column(
        Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    question_id = Column(String(64), nullable=False)
    value = Column(JSON, nullable=True)
    masked_text = Column(Text, nullable=True)
    source = Column(String(20), nullable=False)
    skip_reason = Column(String(200), nullable=True)
    answered_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    # A correction points at the row it replaces; the newest row per question is current.
    replaces_id = Column(Integer, ForeignKey("answers.id"), nullable=True)
    previous_value = Column(JSON, nullable=True)
    current = Column(Boolean, nullable=False, default=True)
    # The chat message (chat_messages.id) that gave the answer. A message the web app sends
    # again after a fault (same id) is then stored once, never applied to the next question.
    chat_message_id = Column(Integer, nullable=True, index=True)

    assessment = relationship("Assessment", back_populates="answers")


# "avböjd": shown and answered no; kept until the next turn so that the same "nej" resent
# after a fault is known as already handled, not read as the answer to the next question.
PROPOSAL_KINDS = ("menar_du", "uppfattat", "avböjd")


class Proposal(Base):
    """A reading the case worker has been shown but not yet confirmed: "Menar du …?" for
    the open question, or a fact volunteered for a later one ("Jag uppfattade också …").
    It is no answer: only a confirmation turns it into one, so nothing unconfirmed ever
    reaches the scores, the profile or the suggestions."""
    __tablename__ = "proposals"
    id = Column(Integer, primary_key=True)
    assessment_id = Column(
        Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    question_id = Column(String(64), nullable=False)
    value = Column(JSON, nullable=True)
    label = Column(String(300), nullable=False)
    kind = Column(String(20), nullable=False)
    # The clause it was read from (masked like every stored text), shown beside it.
    masked_text = Column(Text, nullable=True)
    # Nearest options offered beside "Ja" for a "Menar du …?" (their labels).
    alternatives = Column(JSON, nullable=True)
    chat_message_id = Column(Integer, nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Score(Base):
    __tablename__ = "scores"
    id = Column(Integer, primary_key=True)
    assessment_id = Column(
        Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    instrument = Column(String(20), nullable=False)
    total = Column(Float, nullable=False)
    band = Column(String(100), nullable=True)
    details = Column(JSON, nullable=True)
    computed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Suggestion(Base):
    __tablename__ = "suggestions"
    id = Column(Integer, primary_key=True)
    assessment_id = Column(
        Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    intervention_id = Column(String(64), nullable=False)
    rank = Column(Integer, nullable=False)
    reasons = Column(JSON, nullable=True)
    status = Column(String(30), nullable=False, default="föreslagen")
    decided_by_id = Column(Integer, ForeignKey("users.id"), nullable=True)
    decided_at = Column(DateTime(timezone=True), nullable=True)
    comment = Column(Text, nullable=True)


class ReviewComment(Base):
    __tablename__ = "review_comments"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    event_id = Column(Integer, nullable=True)
    author_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class ConversationReview(Base):
    """A supervisor's marks on one conversation: flagged, reviewed, tags."""

    __tablename__ = "conversation_reviews"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), nullable=False, unique=True)
    flagged = Column(Boolean, nullable=False, default=False)
    reviewed = Column(Boolean, nullable=False, default=False)
    reviewed_by_id = Column(Integer, ForeignKey("users.id"), nullable=True)
    reviewed_at = Column(DateTime(timezone=True), nullable=True)


class ConversationTag(Base):
    __tablename__ = "conversation_tags"
    __table_args__ = (UniqueConstraint("conversation_id", "tag"),)
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), nullable=False, index=True)
    tag = Column(String(64), nullable=False)


class Conversation(Base):
    """Binds a conversation id issued by the web app to the case worker who owns it."""

    __tablename__ = "conversations"
    id = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=True, index=True)
    training = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    # The buttons of the bot's latest turn: the only payloads the web app will forward.
    # Kept here, not in memory, so a restarted or second web-app process agrees.
    offered_buttons = Column(JSON, nullable=True)


class ChatMessage(Base):
    """One message of the chat as the case worker saw it, in order.

    The widget's history after a reload comes from here, and so will the supervisor's
    transcript. Text is stored masked (no personnummer). A user message carries the
    browser's client_message_id so that a retried request is answered from here and never
    reaches the bot twice.
    """

    __tablename__ = "chat_messages"
    __table_args__ = (UniqueConstraint("conversation_id", "client_message_id"),)
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False,
                             index=True)
    sender = Column(String(8), nullable=False)  # "user" or "bot"
    text = Column(Text, nullable=False, default="")
    # For a user message: the payload of the button pressed, if one was.
    payload = Column(String(500), nullable=True)
    buttons = Column(JSON, nullable=True)
    progress = Column(JSON, nullable=True)
    client_message_id = Column(String(64), nullable=True)
    # "väntar" while the bot works on a user message, then "klar"; "avbrutet" when a fault
    # stopped the turn (it is sent to the bot again when the browser retries).
    status = Column(String(8), nullable=False, default="klar")
    reply_to_id = Column(Integer, ForeignKey("chat_messages.id"), nullable=True, index=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AccessLog(Base):
    __tablename__ = "access_log"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=True, index=True)
    username = Column(String(64), nullable=True)
    action = Column(String(40), nullable=False)
    target = Column(String(200), nullable=False)
    detail = Column(JSON, nullable=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)


class WebSession(Base):
    """A signed-in browser. Kept server-side so sessions can expire and be revoked, and so
    several web-app processes share them. Only a hash of the cookie value is stored."""

    __tablename__ = "web_sessions"
    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    last_seen_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)


class LoginAttempt(Base):
    """Failed logins, for rate limiting and lockout across processes."""

    __tablename__ = "login_attempts"
    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    remote = Column(String(64), nullable=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
