"""Sign-in: Argon2 hashes, expiring sessions and lockout after repeated failures."""
from datetime import datetime, timedelta, timezone

import pytest

from bot.storage.db import session_scope
from bot.storage.models import User
from bot.storage.users import add_user
from bot.storage.web_sessions import (
    IDLE_TIMEOUT,
    LAST_SEEN_STEP,
    MAX_FAILURES,
    MAX_FAILURES_PER_ADDRESS,
    LoginRefused,
    authenticate,
    end_session,
    resolve_session,
    start_session,
)

PASSWORD = "korrekt-häst-batteri"


@pytest.fixture
def anna(db_url):
    with session_scope(db_url) as s:
        add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD)
    return db_url


def test_password_is_stored_as_argon2_hash(anna):
    with session_scope(anna) as s:
        user = s.query(User).one()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_login_and_session_round_trip(anna):
    with session_scope(anna) as s:
        token = start_session(s, authenticate(s, "anna.berg", PASSWORD))
    with session_scope(anna) as s:
        who = resolve_session(s, token)
    assert (who.username, who.role, who.unit) == ("anna.berg", "handläggare", "EB Nord")
    with session_scope(anna) as s:
        end_session(s, token)
    with session_scope(anna) as s:
        assert resolve_session(s, token) is None


START = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def _signed_in(db_url) -> str:
    with session_scope(db_url) as s:
        return start_session(s, authenticate(s, "anna.berg", PASSWORD), now=START)


def _seen(db_url, token: str, after):
    """Who the session is a request `after` the sign-in (each in its own unit of work)."""
    with session_scope(db_url) as s:
        return resolve_session(s, token, now=START + after)


def test_session_expires_after_inactivity(anna):
    token = _signed_in(anna)
    assert _seen(anna, token, IDLE_TIMEOUT / 2) is not None
    assert _seen(anna, token, IDLE_TIMEOUT / 2 + IDLE_TIMEOUT) is None


def test_activity_renews_the_idle_timer_at_most_once_a_minute(anna):
    # Requests within the minute write nothing, so the timer still runs from the start...
    token = _signed_in(anna)
    assert _seen(anna, token, LAST_SEEN_STEP / 2) is not None
    assert _seen(anna, token, IDLE_TIMEOUT) is None
    # ...while a request after the minute renews it.
    token = _signed_in(anna)
    assert _seen(anna, token, LAST_SEEN_STEP) is not None
    assert _seen(anna, token, IDLE_TIMEOUT) is not None


def test_wrong_password_and_unknown_user_give_the_same_answer(anna):
    with session_scope(anna) as s:
        with pytest.raises(LoginRefused) as wrong:
            authenticate(s, "anna.berg", "fel-lösenord")
        with pytest.raises(LoginRefused) as unknown:
            authenticate(s, "ingen.alls", PASSWORD)
    assert str(wrong.value) == str(unknown.value)


def test_lockout_after_repeated_failures_even_with_the_right_password(anna):
    for _ in range(MAX_FAILURES):
        with session_scope(anna) as s, pytest.raises(LoginRefused):
            authenticate(s, "anna.berg", "fel-lösenord")
    with session_scope(anna) as s, pytest.raises(LoginRefused) as locked:
        authenticate(s, "anna.berg", PASSWORD)
    assert "spärrat" in str(locked.value)


def test_one_address_guessing_many_names_is_slowed_down(anna):
    for n in range(MAX_FAILURES_PER_ADDRESS):
        with session_scope(anna) as s, pytest.raises(LoginRefused):
            authenticate(s, f"gissning.{n}", "fel-lösenord", remote="10.0.0.9")
    with session_scope(anna) as s, pytest.raises(LoginRefused) as limited:
        authenticate(s, "anna.berg", PASSWORD, remote="10.0.0.9")
    assert "den här datorn" in str(limited.value)
    # Another address is not affected.
    with session_scope(anna) as s:
        assert authenticate(s, "anna.berg", PASSWORD, remote="10.0.0.10").username == "anna.berg"


def test_unknown_role_is_refused(db_url):
    with session_scope(db_url) as s, pytest.raises(ValueError):
        add_user(s, "Bo Ek", role="chef", unit="X", password=PASSWORD)


def test_session_lifetime_is_bounded(anna):
    start = datetime(2026, 11, 22, 8, 0, tzinfo=timezone.utc)
    with session_scope(anna) as s:
        token = start_session(s, authenticate(s, "anna.berg", PASSWORD), now=start)
    t = start
    # Active all day: every 20 minutes, still ends at the absolute lifetime.
    while t < start + timedelta(hours=9, minutes=50):
        t += timedelta(minutes=20)
        with session_scope(anna) as s:
            alive = resolve_session(s, token, now=t)
        if t < start + timedelta(hours=10):
            assert alive is not None
    with session_scope(anna) as s:
        assert resolve_session(s, token, now=start + timedelta(hours=10, minutes=1)) is None
