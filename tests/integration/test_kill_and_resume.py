"""Write-through: an acknowledged step survives `kill -9` of a process, and the
conversation resumes after a restart."""
from __future__ import annotations

import signal
import time

import psutil
import pytest

from tests.integration.conftest import MODEL, Product, new_database
from tests.integration.test_chat_api import Chat, answer_rows, assessments, texts

pytestmark = pytest.mark.integration


def child(product: Product, needle: str) -> psutil.Process:
    for proc in psutil.Process(product.proc.pid).children(recursive=True):
        if needle in " ".join(proc.cmdline()):
            return proc
    raise AssertionError(f"no child process matching {needle!r}")


@pytest.mark.parametrize("victim", ["rasa_sdk", "rasa run", "bot web"])
def test_kill_9_after_acknowledgement_loses_nothing(tmp_path, victim):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    product = Product(tmp_path, new_database(tmp_path)).start()
    try:
        chat = Chat(product.base)
        chat.say("ny bedömning")
        chat.say("ÄR-2026-0900")
        started = chat.say("ja")
        assert "startad" in texts(started) and "Inledning (område 1 av 9)" in texts(started)
        chat.press("Kvinna")
        chat.press("Ja")
        first = chat.say("bara alkohol")
        assert "Alkohol (område 2 av 2), fråga 1 av 10" in texts(first)
        answered = chat.say("varje dag")
        assert "Noterat" in texts(answered)  # acknowledged to the case worker

        child(product, victim).send_signal(signal.SIGKILL)
        # The supervisor notices, stops the rest and says why (exit 1).
        deadline = time.monotonic() + 30
        while product.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert product.proc.returncode == 1
        assert "avslutades oväntat" in (tmp_path / "supervisor.log").read_text()
    finally:
        product.stop()

    assert assessments(product.database_url) == [
        ("ÄR-2026-0900", "pågående", chat.conversation_id)
    ]
    assert answer_rows(product.database_url) == [
        ("client_sex", "kvinna", "knapp"), ("seen_alone", True, "knapp"),
        ("modules_chosen", ["alkohol"], "fritext"), ("audit_1", 4, "fritext"),
    ]
    restarted = Product(tmp_path, product.database_url).start()
    try:
        # The same signed-in session and conversation carry on: both live in the database.
        chat.base = restarted.base
        chat.say("återuppta")
        resumed = chat.say("ÄR-2026-0900")
        assert "fortsätter" in texts(resumed)
        assert "fråga 2 av 10" in texts(resumed)  # the next question, nothing asked twice
        assert assessments(product.database_url) == [
            ("ÄR-2026-0900", "pågående", chat.conversation_id)
        ]
    finally:
        restarted.stop()
