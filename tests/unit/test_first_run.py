"""First run: an empty database gets one administrator with a generated one-time password,
printed with the address and how to add case workers; a database with users is untouched."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from sqlalchemy import func, select

from bot import first_run
from bot.first_run import awaiting_first_sign_in, ensure_first_admin, first_run_message
from bot.runner import first_start
from bot.settings import load_settings
from bot.storage.db import session_scope
from bot.storage.models import AccessLog, User
from bot.storage.users import add_user
from tests.conftest import WEB_PASSWORD
from tests.unit.test_web_chat import run_with_app

NEW_PASSWORD = "mitt-eget-långa-lösenord"


def test_empty_database_gets_one_admin_with_a_fresh_one_time_password(db_url):
    with session_scope(db_url) as s:
        admin = ensure_first_admin(s)
    assert admin.username == "admin"
    assert len(admin.password) >= 20
    with session_scope(db_url) as s:
        user = s.execute(select(User)).scalar_one()
        assert (user.role, user.password_must_change) == ("admin", True)
        assert admin.password not in user.password_hash
        assert awaiting_first_sign_in(s)
        # Started again: a user exists, so nothing is created and nothing printed.
        assert ensure_first_admin(s) is None
        assert s.execute(select(func.count(User.id))).scalar_one() == 1


def test_two_installations_never_share_a_password(tmp_path):
    passwords = set()
    for n in range(2):
        url = f"sqlite:///{tmp_path / f'db{n}.db'}"
        settings = dataclasses.replace(load_settings(), database_url=url)
        passwords.add(first_start(settings).password)  # migrates the new file first
    assert len(passwords) == 2


def test_a_database_with_users_is_left_alone(users):
    with session_scope(users) as s:
        assert ensure_first_admin(s) is None
        assert not awaiting_first_sign_in(s)
        assert s.execute(select(func.count(User.id)).where(User.role == "admin")).scalar_one() == 0


def test_no_password_is_written_into_the_code():
    source = Path(first_run.__file__).read_text(encoding="utf-8")
    assert not re.search(r"password\s*=\s*['\"]", source)


def test_message_names_address_login_password_and_how_to_add_case_workers():
    text = first_run_message(first_run.FirstAdmin("admin", "Xy3-abc_DEF456ghi789jkl0"),
                             "http://localhost:8080/")
    assert "http://localhost:8080/" in text
    assert "Användarnamn:    admin" in text
    assert "Engångslösenord: Xy3-abc_DEF456ghi789jkl0" in text
    assert "python -m bot users add" in text and "--role handläggare" in text


def test_one_time_password_allows_only_choosing_a_new_one(db_url, monkeypatch):
    monkeypatch.setenv("TIDIGT_SECURE_COOKIES", "0")
    with session_scope(db_url) as s:
        admin = ensure_first_admin(s)

    async def scenario(client, _rasa):
        state = await (await client.get("/api/first-run")).json()
        assert state == {"first_run": True}
        resp = await client.post("/api/login", json={"username": "admin",
                                                     "password": admin.password})
        me = await resp.json()
        assert me["must_change_password"] is True
        csrf = {"X-CSRF-Token": me["csrf_token"]}
        refused = await client.get("/api/admin/access-log")
        assert refused.status == 403
        assert "nytt lösenord" in (await refused.json())["error"]
        short = await client.post("/api/password", headers=csrf, json={
            "current_password": admin.password, "new_password": "kort"})
        assert short.status == 400 and "minst 10" in (await short.json())["error"]
        wrong = await client.post("/api/password", headers=csrf, json={
            "current_password": "inte-det-här", "new_password": NEW_PASSWORD})
        assert wrong.status == 400 and "stämmer inte" in (await wrong.json())["error"]
        changed = await client.post("/api/password", headers=csrf, json={
            "current_password": admin.password, "new_password": NEW_PASSWORD})
        assert changed.status == 200, await changed.text()
        assert (await client.get("/api/admin/access-log")).status == 200
        assert (await (await client.get("/api/me")).json())["must_change_password"] is False
        assert await (await client.get("/api/first-run")).json() == {"first_run": False}
        await client.post("/api/logout", headers=csrf)
        again = await client.post("/api/login", json={"username": "admin",
                                                      "password": admin.password})
        assert again.status == 401  # the one-time password is gone
        assert (await client.post("/api/login", json={
            "username": "admin", "password": NEW_PASSWORD})).status == 200

    run_with_app(scenario)
    with session_scope(db_url) as s:
        actions = s.execute(select(AccessLog.action)).scalars().all()
    assert "lösenordsbyte" in actions


def test_ordinary_users_are_never_asked_to_change(users, monkeypatch):
    async def scenario(client, _rasa):
        me = await (await client.post("/api/login", json={
            "username": "anna.berg", "password": WEB_PASSWORD})).json()
        assert me["must_change_password"] is False
        assert await (await client.get("/api/first-run")).json() == {"first_run": False}

    run_with_app(scenario)


def test_first_admin_alongside_others_is_no_first_run(db_url):
    with session_scope(db_url) as s:
        ensure_first_admin(s)
        add_user(s, "Anna Berg", role="handläggare", unit="EB Nord", password=WEB_PASSWORD)
        assert not awaiting_first_sign_in(s)


def test_the_supervisor_prints_it_once_after_the_start(tmp_path, monkeypatch, capsys):
    from bot import runner

    url = f"sqlite:///{tmp_path / 'ny.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TIDIGT_DATA_DIR", str(tmp_path))
    banners = []

    def fake_run(self, timeout, banner=""):
        banners.append(banner)
        return 0

    monkeypatch.setattr(runner.Supervisor, "run", fake_run)
    monkeypatch.setattr(runner, "product_services", lambda settings, port: [])
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    monkeypatch.setattr(runner, "load_settings",
                        lambda: dataclasses.replace(load_settings(), model_path=model))
    assert runner.main(["--port", "8099"]) == 0
    assert runner.main(["--port", "8099"]) == 0
    first, second = banners
    assert "Engångslösenord:" in first and "http://localhost:8099/" in first
    assert "Engångslösenord:" not in second and "http://localhost:8099/" in second
