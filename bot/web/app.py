"""The aiohttp application: assembled here, served by `python -m bot web`."""
from __future__ import annotations

import argparse
import logging

from aiohttp import web

from bot.settings import Settings, load_settings
from bot.supervision import StateReader
from bot.web import chat, health
from bot.web.auth import setup_auth
from bot.web.conversations import setup_conversations
from bot.web.errors import answer_protocol_errors_in_swedish, error_middleware, security_headers
from bot.web.export import setup_export
from bot.web.keys import INTERRUPTED_TURNS, RASA, SETTINGS, SUPERVISOR
from bot.web.pages import setup_pages
from bot.web.practice import setup_practice
from bot.web.rasa_client import RasaClient
from bot.web.record import setup_record
from bot.web.review import setup_review

# Room for a 2000-character message and its JSON, not for uploads.
MAX_REQUEST_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, rasa: RasaClient | None = None) -> web.Application:
    settings = settings or load_settings()
    answer_protocol_errors_in_swedish()
    app = web.Application(
        middlewares=[security_headers, error_middleware], client_max_size=MAX_REQUEST_BYTES
    )
    app[SETTINGS] = settings
    app[RASA] = rasa or RasaClient(settings.rasa_urls)
    app[INTERRUPTED_TURNS] = set()
    app[SUPERVISOR] = StateReader(settings.data_dir)
    setup_auth(app)
    app.router.add_post("/api/chat", chat.post_chat)
    app.router.add_get("/health", health.get_health)
    app.router.add_get("/health/ready", health.get_health)
    app.router.add_get("/health/live", health.get_live)
    setup_export(app)
    setup_record(app)
    setup_conversations(app)
    setup_practice(app)
    setup_review(app)
    setup_pages(app)

    async def start_client(app: web.Application) -> None:
        await app[RASA].start()

    async def close_client(app: web.Application) -> None:
        await app[RASA].close()

    app.on_startup.append(start_client)
    app.on_startup.append(chat.abandon_orphaned_turns)
    app.on_cleanup.append(close_client)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot web")
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    web.run_app(create_app(settings), host=settings.web_host,
                port=args.port or settings.web_port, print=None, access_log=None,
                # Scale-out: several web-app processes listen on the same port.
                reuse_port=settings.web_processes > 1 or None)
    return 0
