"""A conversation through the chat API leaves exactly the expected rows, on SQLite and on
a real PostgreSQL, with Rasa's tracker store in the same database."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.storage.models import AccessLog, Answer, Assessment, Case, Conversation, User
from tests.integration.conftest import Product, new_database
from tests.integration.test_chat_api import Chat, texts

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_shell_conversation_rows(tmp_path, request, backend):
    url = None
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_server").create_database("integration")
    product = Product(tmp_path, new_database(tmp_path, url)).start()
    try:
        chat = Chat(product.base)
        chat.say("hej")
        chat.say("starta en ny bedömning")
        chat.say("19121212-1212")
        chat.say("ÄR-2026-0555")
        assert "startad" in texts(chat.say("ja"))
        assert "pausad" in texts(chat.say("pausa"))
    finally:
        product.stop()

    engine = create_engine(product.database_url, future=True)
    with engine.connect() as conn:
        count = lambda model: conn.execute(select(func.count()).select_from(model)).scalar_one()  # noqa: E731
        assert conn.execute(select(Case.reference)).scalars().all() == ["ÄR-2026-0555"]
        rows = conn.execute(
            select(Assessment.status, Assessment.consent, Assessment.conversation_id, User.username)
            .join(User, User.id == Assessment.case_worker_id)
        ).all()
        assert [tuple(r) for r in rows] == [("pausad", True, chat.conversation_id, "anna.berg")]
        assert count(Conversation) == 1
        assert count(Answer) == 0
        assert conn.execute(select(AccessLog.action)).scalars().all() == ["inloggning"]
        events = conn.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :c"), {"c": chat.conversation_id}
        ).scalar_one()
        leaked = conn.execute(
            text("SELECT count(*) FROM events WHERE data LIKE '%1212-1212%' OR data LIKE '%121212121%'")
        ).scalar_one()
    engine.dispose()
    assert events > 10
    assert leaked == 0
