"""Sign-in through the municipality's single-sign-on proxy: trusted only with the secret."""
from __future__ import annotations

from sqlalchemy import select

from bot.storage.db import session_scope
from bot.storage.models import AccessLog
from tests.unit.test_web_chat import run_with_app

SECRET = "delad-hemlighet-från-proxyn"
PROXY = {"X-Remote-User": "anna.berg", "X-Tidigt-Proxy-Secret": SECRET}


def sso(monkeypatch):
    monkeypatch.setenv("TIDIGT_SSO_HEADER", "X-Remote-User")
    monkeypatch.setenv("TIDIGT_SSO_SECRET", SECRET)


def test_the_proxy_signs_the_user_in_and_the_session_follows(users, monkeypatch):
    sso(monkeypatch)

    async def scenario(client, fake):
        resp = await client.get("/api/me", headers=PROXY)
        assert resp.status == 200
        me = await resp.json()
        assert me["username"] == "anna.berg" and me["role"] == "handläggare"
        assert "tidigt_session" in resp.cookies
        # A state-changing request still needs the session's CSRF token.
        resp = await client.post("/api/chat", json={"text": "hej"}, headers=PROXY)
        assert resp.status == 403 and "CSRF" in (await resp.json())["error"]
        resp = await client.post("/api/chat", json={"text": "hej"},
                                 headers={**PROXY, "X-CSRF-Token": me["csrf_token"]})
        assert resp.status == 200
        assert fake.received[-1]["metadata"]["user"] == "anna.berg"

    run_with_app(scenario)
    with session_scope(users) as session:
        logins = session.execute(
            select(AccessLog).where(AccessLog.action == "inloggning")).scalars().all()
        assert [row.detail for row in logins] == [{"sätt": "enkel inloggning",
                                                   "adress": "127.0.0.1"}]


def test_a_header_without_the_secret_is_refused(users, monkeypatch):
    sso(monkeypatch)

    async def scenario(client, fake):
        for headers in ({"X-Remote-User": "anna.berg"},
                        {"X-Remote-User": "anna.berg", "X-Tidigt-Proxy-Secret": "gissning"}):
            resp = await client.get("/api/me", headers=headers)
            assert resp.status == 403
            assert "kunde inte verifieras" in (await resp.json())["error"]
            assert "tidigt_session" not in resp.cookies

    run_with_app(scenario)


def test_an_unknown_user_gets_a_clear_refusal(users, monkeypatch):
    sso(monkeypatch)

    async def scenario(client, fake):
        resp = await client.get("/api/me", headers={**PROXY, "X-Remote-User": "okänd.person"})
        assert resp.status == 403 and "inget konto" in (await resp.json())["error"]

    run_with_app(scenario)


def test_the_header_means_nothing_when_sign_on_is_not_configured(users, monkeypatch):
    monkeypatch.delenv("TIDIGT_SSO_HEADER", raising=False)
    monkeypatch.delenv("TIDIGT_SSO_SECRET", raising=False)

    async def scenario(client, fake):
        resp = await client.get("/api/me", headers=PROXY)
        assert resp.status == 401

    run_with_app(scenario)


def test_the_proxy_naming_another_user_switches_the_session(users, monkeypatch):
    sso(monkeypatch)

    async def scenario(client, fake):
        await client.get("/api/me", headers=PROXY)
        resp = await client.get("/api/me", headers={**PROXY, "X-Remote-User": "bo.ek"})
        assert (await resp.json())["username"] == "bo.ek"

    run_with_app(scenario)
