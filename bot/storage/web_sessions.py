"""Sign-in and server-side sessions.

Sessions end after a period without activity and after an absolute lifetime, whichever
comes first. Failed logins are counted in the database (so every web-app process sees the
same count) per user name *and* client address: five from one address lock that name for
that address only, for 15 minutes, doubling with every five more (back-off, at most a
day); another person signing in as someone else, or as the same user from elsewhere, is
not locked out. Twenty failures from one address, whatever the names, stop that address.
The address is the real client's (bot.web.client_address), not the reverse proxy's.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.auth.passwords import dummy_verify, verify_password
from bot.clock import as_utc, utcnow
from bot.storage.models import LoginAttempt, User, WebSession

IDLE_TIMEOUT = timedelta(minutes=30)
# How often a request renews the idle timer. Not on every request: that made every chat
# message write (and, on SQLite, fsync) the session row once more; a minute late on a
# 30-minute idle limit is nothing.
LAST_SEEN_STEP = timedelta(minutes=1)
ABSOLUTE_LIFETIME = timedelta(hours=10)
MAX_FAILURES = 5
# One address trying many user names is guessing, whatever the names: slow it down too.
MAX_FAILURES_PER_ADDRESS = 20
LOCKOUT_WINDOW = timedelta(minutes=15)
# Failures are remembered this long for the back-off (bot.storage.retention removes older).
BACKOFF_WINDOW = timedelta(hours=24)
USERNAME_MAX = 64  # users.username and login_attempts.username


class LoginRefused(Exception):
    """Carries the Swedish reason shown to the person signing in; `locked` when the
    attempt was not even tried (a lockout), as opposed to a wrong password."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    username: str
    display_name: str
    role: str
    unit: str
    csrf_token: str
    # Signed in with a one-time password: nothing is allowed but choosing a new one.
    must_change_password: bool = False


def _hash(token: str) -> str:
    # A cookie with undecodable bytes arrives with surrogates: it matches nothing.
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def failures_from(session: Session, remote: str, now: datetime | None = None) -> int:
    since = (now or utcnow()) - LOCKOUT_WINDOW
    return session.execute(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.remote == remote, LoginAttempt.at >= since
        )
    ).scalar_one()


def _pair(username: str, remote: str | None):
    return (LoginAttempt.username == username,
            LoginAttempt.remote == remote if remote else LoginAttempt.remote.is_(None))


def locked_until(session: Session, username: str, remote: str | None,
                 now: datetime | None = None) -> datetime | None:
    """Until when this user name is locked for this address, or None."""
    now = now or utcnow()
    times = session.execute(
        select(LoginAttempt.at).where(*_pair(username, remote),
                                      LoginAttempt.at >= now - BACKOFF_WINDOW)
        .order_by(LoginAttempt.at.desc())
    ).scalars().all()
    if len(times) < MAX_FAILURES:
        return None
    lock = min(LOCKOUT_WINDOW * 2 ** ((len(times) - MAX_FAILURES) // MAX_FAILURES),
               BACKOFF_WINDOW)
    until = as_utc(times[0]) + lock
    return until if until > now else None


def _minutes(until: datetime, now: datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))


def authenticate(session: Session, username: str, password: str, remote: str | None = None) -> User:
    username = (username or "").strip().lower()
    now = utcnow()
    # No account has a name longer than the column or with a NUL (which PostgreSQL cannot
    # even compare): count it as a failure under a name that fits, and look nothing up.
    impossible = len(username) > USERNAME_MAX or "\x00" in username
    if impossible:
        username = username.replace("\x00", "")[:USERNAME_MAX]
    if remote and failures_from(session, remote, now) >= MAX_FAILURES_PER_ADDRESS:
        raise LoginRefused(
            "För många misslyckade inloggningar från den här datorn. Försök igen om 15 minuter.",
            locked=True)
    until = locked_until(session, username, remote, now)
    if until is not None:
        raise LoginRefused(
            "För många misslyckade inloggningar. Kontot är spärrat från den här datorn i "
            f"{_minutes(until, now)} minuter till.", locked=True)
    user = None if impossible else session.execute(
        select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        # As slow as a wrong password, so the time taken says nothing about the name.
        dummy_verify(password)
    if user is None or not user.active or not verify_password(user.password_hash, password):
        session.add(LoginAttempt(username=username, remote=remote, at=now))
        session.flush()
        raise LoginRefused("Fel användarnamn eller lösenord.")
    # This address's count for this name starts again; others' failures stay counted.
    session.execute(delete(LoginAttempt).where(*_pair(username, remote)))
    return user


def trusted_user(session: Session, username: str) -> User | None:
    """The active user a single-sign-on proxy vouched for; no password involved."""
    username = (username or "").strip().lower()
    # A header with bytes that are not UTF-8 arrives with surrogates, which no database
    # driver can send; like a NUL or an overlong name, it names nobody.
    if len(username) > USERNAME_MAX or "\x00" in username or not username.isprintable() \
            or any("\ud800" <= ch <= "\udfff" for ch in username):
        return None
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    return user if user is not None and user.active else None


def start_session(session: Session, user: User, now: datetime | None = None) -> str:
    """Returns the cookie value; only its hash is stored."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
            created_at=now, last_seen_at=now, expires_at=now + ABSOLUTE_LIFETIME,
        )
    )
    session.flush()
    return token


def resolve_session(session: Session, token: str | None, now: datetime | None = None) -> SignedIn | None:
    if not token:
        return None
    now = now or utcnow()
    row = session.execute(
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == _hash(token))
    ).first()
    if row is None:
        return None
    web_session, user = row
    expired = (
        as_utc(web_session.expires_at) <= now
        or as_utc(web_session.last_seen_at) + IDLE_TIMEOUT <= now
        or not user.active
    )
    if expired:
        session.delete(web_session)
        return None
    if now - as_utc(web_session.last_seen_at) >= LAST_SEEN_STEP:
        web_session.last_seen_at = now
    return SignedIn(user.id, user.username, user.display_name, user.role, user.unit,
                    web_session.csrf_token, bool(user.password_must_change))


def end_session(session: Session, token: str | None) -> None:
    """Ends the session of that cookie value (logout, and a new login over an old one)."""
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))
