"""What reviewers write on a conversation: comments on single messages, the flagged and
reviewed marks, and tags. Who may write them is the web app's to check (bot.web.review)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import utcnow
from bot.storage.models import ConversationReview, ConversationTag, ReviewComment


def add_comment(session: Session, conversation_id: str, message_seq: int, author_id: int,
                text: str) -> ReviewComment:
    comment = ReviewComment(conversation_id=conversation_id, event_id=message_seq,
                            author_id=author_id, text=text)
    session.add(comment)
    session.flush()
    return comment


def review_row(session: Session, conversation_id: str) -> ConversationReview | None:
    return session.execute(select(ConversationReview).where(
        ConversationReview.conversation_id == conversation_id)).scalar_one_or_none()


def set_marks(session: Session, conversation_id: str, by_user_id: int, *,
              flagged: bool | None = None, reviewed: bool | None = None) -> ConversationReview:
    """Flag and reviewed, each left as it is when None; reviewed says who and when."""
    row = review_row(session, conversation_id)
    if row is None:
        row = ConversationReview(conversation_id=conversation_id, flagged=False, reviewed=False)
        session.add(row)
    if flagged is not None:
        row.flagged = flagged
    if reviewed is not None:
        row.reviewed = reviewed
        row.reviewed_by_id = by_user_id if reviewed else None
        row.reviewed_at = utcnow() if reviewed else None
    session.flush()
    return row


def tags_of(session: Session, conversation_id: str) -> list[str]:
    return sorted(session.execute(select(ConversationTag.tag).where(
        ConversationTag.conversation_id == conversation_id)).scalars())


def add_tag(session: Session, conversation_id: str, tag: str) -> list[str]:
    """The tag once, however often it is added; the conversation's tags after it."""
    exists = session.execute(select(ConversationTag).where(
        ConversationTag.conversation_id == conversation_id, ConversationTag.tag == tag)).first()
    if exists is None:
        session.add(ConversationTag(conversation_id=conversation_id, tag=tag))
    session.flush()
    return tags_of(session, conversation_id)


def remove_tag(session: Session, conversation_id: str, tag: str) -> list[str]:
    for row in session.execute(select(ConversationTag).where(
            ConversationTag.conversation_id == conversation_id,
            ConversationTag.tag == tag)).scalars():
        session.delete(row)
    session.flush()
    return tags_of(session, conversation_id)
