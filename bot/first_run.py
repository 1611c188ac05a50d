"""The first start of a new installation: an administrator with a one-time password.

A database without any user cannot be signed in to, and a password written into the code
would be the same on every installation. So, as Jenkins and Grafana do, the first start
of an empty database creates one administrator with a generated password, which the
supervisor prints once, with the address and how to add case workers. Signing in with it
allows nothing but choosing a new password (`users.password_must_change`). A database
that already has a user, such as every test database, is left exactly as it is.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.auth.passwords import hash_password
from bot.storage.models import User
from bot.storage.users import add_user

FIRST_ADMIN = "admin"
FIRST_ADMIN_NAME = "Administratör"
FIRST_ADMIN_UNIT = "Administration"
ADD_CASE_WORKER = ('.venv/bin/python -m bot users add "Anna Berg" '
                   '--role handläggare --unit "EB Nord"')


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    password: str


def ensure_first_admin(session: Session) -> FirstAdmin | None:
    """Creates the first administrator when the database has no user at all; None otherwise."""
    if session.execute(select(func.count(User.id))).scalar_one():
        return None
    # 18 random bytes: 24 characters of A-Za-z0-9_- (no default, nothing to guess).
    password = secrets.token_urlsafe(18)
    user = add_user(session, FIRST_ADMIN_NAME, role="admin", unit=FIRST_ADMIN_UNIT,
                    password=password, username=FIRST_ADMIN)
    user.password_must_change = True
    session.flush()
    return FirstAdmin(user.username, password)


def awaiting_first_sign_in(session: Session) -> bool:
    """Whether this is a new installation whose only accounts are administrators still
    holding their one-time password: the login page then says what to do."""
    users = session.execute(select(User.role, User.password_must_change)
                            .where(User.active.is_(True))).all()
    return bool(users) and all(role == "admin" and must for role, must in users)


def change_password(session: Session, user_id: int, new_password: str) -> None:
    """Sets a new password (at least MIN_LENGTH characters, ValueError in Swedish
    otherwise) and ends the one-time state."""
    session.execute(update(User).where(User.id == user_id).values(
        password_hash=hash_password(new_password), password_must_change=False))


def first_run_message(admin: FirstAdmin, url: str) -> str:
    """What the supervisor prints once, in Swedish: who, where, and what next."""
    return "\n".join([
        "",
        "Första start: databasen hade inga användare, så ett administratörskonto har skapats.",
        f"  Adress:          {url}",
        f"  Användarnamn:    {admin.username}",
        f"  Engångslösenord: {admin.password}",
        "Lösenordet visas bara nu. Vid första inloggningen väljer du ett eget lösenord.",
        "Lägg sedan till handläggare (och arbetsledare, utbildare) med till exempel:",
        f"  {ADD_CASE_WORKER}",
        "Kommandot skriver ut ett genererat lösenord som du ger till personen.",
        "",
    ])
