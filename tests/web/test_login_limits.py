"""Lockout per (user, address) with back-off, the timing of unknown names, and which
address counts (bot.storage.web_sessions, bot.web.client_address)."""
from __future__ import annotations

import dataclasses
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from multidict import CIMultiDict

from bot.clock import utcnow
from bot.settings import load_settings
from bot.storage.db import session_scope
from bot.storage.models import LoginAttempt
from bot.storage.users import add_user
from bot.storage.web_sessions import (
    LOCKOUT_WINDOW,
    MAX_FAILURES,
    LoginRefused,
    authenticate,
    locked_until,
)
from bot.web.client_address import client_address
from bot.web.keys import SETTINGS

PASSWORD = "ett-långt-lösenord"


@pytest.fixture
def anna(db_url):
    with session_scope(db_url) as s:
        add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=PASSWORD)
    return db_url


def _fail(url, n, remote="10.0.0.1", username="anna.berg"):
    for _ in range(n):
        with session_scope(url) as s, pytest.raises(LoginRefused):
            authenticate(s, username, "fel-lösenord", remote)


def test_lock_is_per_user_and_address(anna):
    _fail(anna, MAX_FAILURES)
    with session_scope(anna) as s, pytest.raises(LoginRefused) as refused:
        authenticate(s, "anna.berg", PASSWORD, "10.0.0.1")
    assert refused.value.locked
    with session_scope(anna) as s:
        assert authenticate(s, "anna.berg", PASSWORD, "10.0.0.2").username == "anna.berg"
    # A success from elsewhere does not clear the first address's count.
    with session_scope(anna) as s:
        assert locked_until(s, "anna.berg", "10.0.0.1") is not None


def test_back_off_doubles_with_every_five_more_failures(anna):
    now = utcnow()
    with session_scope(anna) as s:
        s.add_all(LoginAttempt(username="anna.berg", remote="10.0.0.1", at=now - timedelta(hours=2))
                  for _ in range(2 * MAX_FAILURES - 1))
        s.add(LoginAttempt(username="anna.berg", remote="10.0.0.1", at=now))
    with session_scope(anna) as s:
        until = locked_until(s, "anna.berg", "10.0.0.1", now)
    assert until is not None and until - now == 2 * LOCKOUT_WINDOW
    # After the lock runs out the next failure locks again (back-off, not a free retry).
    later = now + 2 * LOCKOUT_WINDOW + timedelta(seconds=1)
    with session_scope(anna) as s:
        assert locked_until(s, "anna.berg", "10.0.0.1", later) is None


def test_unknown_name_takes_as_long_as_a_wrong_password(anna):
    def timed(username):
        best = float("inf")
        for n in range(3):
            with session_scope(anna) as s:
                started = time.perf_counter()
                with pytest.raises(LoginRefused):
                    authenticate(s, username, "fel-lösenord", f"10.9.{n}.{len(username)}")
                best = min(best, time.perf_counter() - started)
        return best

    known, unknown = timed("anna.berg"), timed("finns.inte")
    # Both are dominated by one Argon2 verification (tens of ms); before, an unknown name
    # was answered about 25 times faster.
    assert unknown > known / 3, (known, unknown)


def _request(peer, forwarded=None, proxies=("127.0.0.1",)):
    headers = CIMultiDict()
    for value in forwarded or []:
        headers.add("X-Forwarded-For", value)
    settings = dataclasses.replace(load_settings({}), trusted_proxies=proxies)
    return SimpleNamespace(remote=peer, headers=headers, app={SETTINGS: settings})


def test_forwarded_for_is_believed_only_from_a_configured_proxy():
    assert client_address(_request("127.0.0.1", ["10.1.1.1"])) == "10.1.1.1"
    # Not from a client directly, and not when no proxy is configured.
    assert client_address(_request("192.0.2.7", ["10.1.1.1"])) == "192.0.2.7"
    assert client_address(_request("127.0.0.1", ["10.1.1.1"], proxies=())) == "127.0.0.1"
    # The client's own header comes first; the proxy appends what it saw.
    assert client_address(_request("127.0.0.1", ["10.2.2.2, 10.1.1.1"])) == "10.1.1.1"
    assert client_address(_request("127.0.0.1", ["10.2.2.2", "10.1.1.1"])) == "10.1.1.1"
    # Two proxies in a row (a network), and a garbled chain.
    assert client_address(_request("10.0.0.5", ["10.1.1.1, 10.0.0.6"],
                                   proxies=("10.0.0.0/24",))) == "10.1.1.1"
    assert client_address(_request("127.0.0.1", ["inte-en-adress"])) == "127.0.0.1"


def test_a_bad_proxy_setting_is_refused_in_swedish():
    with pytest.raises(ValueError, match="ingen IP-adress"):
        load_settings({"TIDIGT_TRUSTED_PROXIES": "proxy.kommun.se"})


def test_loopback_by_default_under_sso_and_password_switch():
    assert load_settings({}).web_host == "0.0.0.0"
    sso = {"TIDIGT_SSO_HEADER": "X-Remote-User", "TIDIGT_SSO_SECRET": "s"}
    assert load_settings(sso).web_host == "127.0.0.1"
    assert load_settings({**sso, "TIDIGT_HOST": "0.0.0.0"}).web_host == "0.0.0.0"
    assert load_settings({"TIDIGT_PASSWORD_LOGIN": "0"}).password_login is False
    with pytest.raises(ValueError):
        load_settings({"TIDIGT_PASSWORD_LOGIN": "kanske"})


def test_csv_cells_that_a_spreadsheet_would_run_are_made_text():
    import io

    from bot.review.csv_cells import SafeWriter
    from bot.review.statistics import statistics_csv

    out = io.StringIO()
    SafeWriter(out).writerow(["=1+1", "+A1", "-2", "@SUM(A1)", "\t=1", "\r=1", "ok", -3, "ÄR-1"])
    assert out.getvalue().strip() == "'=1+1;'+A1;'-2;'@SUM(A1);'\t=1;\"'\r=1\";ok;-3;ÄR-1"
    # The statistics CSV uses it too: a unit or an intervention name is text from people.
    result = {"period": {"from": "=HYPERLINK(\"x\")", "to": "2026-12-31"}, "assessments": 1,
              "finished": 0, "per_month": {}, "per_module": {}, "bands": {},
              "interventions": [], "most_skipped": [{"topic": "@evil", "antal": 1}],
              "minutes_to_complete": {"median": None, "p90": None}}
    text = statistics_csv(result)
    assert "'=HYPERLINK" in text and "'@evil" in text
