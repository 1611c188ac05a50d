"""Repository for users (case workers, supervisors, trainers, administrators)."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.auth.passwords import hash_password
from bot.storage.models import ROLES, User

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def username_for(name: str) -> str:
    """A login name from a display name: 'Anna Berg' -> 'anna.berg'."""
    table = str.maketrans("åäöéü", "aaoeu")
    base = ".".join(name.lower().translate(table).split())
    return re.sub(r"[^a-z0-9._-]", "", base)


def add_user(
    session: Session, name: str, *, role: str, unit: str, password: str,
    username: str | None = None,
) -> User:
    if role not in ROLES:
        raise ValueError(f"Okänd roll {role!r}. Giltiga roller: {', '.join(ROLES)}.")
    if not unit.strip():
        raise ValueError("Enhet måste anges.")
    login = username or username_for(name)
    if not _USERNAME.match(login):
        raise ValueError(f"Ogiltigt användarnamn {login!r}.")
    if session.execute(select(User.id).where(User.username == login)).first():
        raise ValueError(f"Användarnamnet {login!r} finns redan.")
    user = User(
        username=login, display_name=name.strip(), role=role, unit=unit.strip(),
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def find_by_username(session: Session, username: str) -> User | None:
    return session.execute(select(User).where(User.username == username)).scalar_one_or_none()
