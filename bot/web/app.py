"""The aiohttp application: assembled here, served by `python -m bot web`."""
from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from sqlalchemy.engine import make_url

from bot.settings import Settings, load_settings
from bot.storage.db import sqlite_file
from bot.supervision import StateReader
from bot.web import chat, health
from bot.web.auth import setup_auth
from bot.web.client_address import client_address
from bot.web.conversations import setup_conversations
from bot.web.errors import answer_protocol_errors_in_swedish, error_middleware, security_headers
from bot.web.export import setup_export
from bot.web.guard import MAX_REQUEST_BYTES, request_guard
from bot.web.keys import INTERRUPTED_TURNS, RASA, SETTINGS, SUPERVISOR
from bot.web.pages import setup_pages
from bot.web.practice import setup_practice
from bot.web.rasa_client import RasaClient
from bot.web.record import setup_record
from bot.web.review import setup_review


def create_app(settings: Settings | None = None, rasa: RasaClient | None = None) -> web.Application:
    settings = settings or load_settings()
    answer_protocol_errors_in_swedish()
    app = web.Application(
        middlewares=[security_headers, error_middleware, request_guard],
        client_max_size=MAX_REQUEST_BYTES
    )
    app[SETTINGS] = settings
    app[RASA] = rasa or RasaClient(settings.rasa_urls, affinity=settings.rasa_affinity)
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

    app.on_response_prepare.append(_plain_server_header)
    app.on_startup.append(start_client)
    app.on_startup.append(chat.abandon_orphaned_turns)
    app.on_cleanup.append(close_client)
    return app


def private_database_file(url: str) -> None:
    """A SQLite file (and so its -wal and -shm, which SQLite creates with the database
    file's mode) readable by this account only, even if an older version made it 0644."""
    os.umask(0o077)
    if sqlite_file(url):
        for path in Path(make_url(url).database).parent.glob(Path(make_url(url).database).name + "*"):
            path.chmod(0o600)


async def _plain_server_header(request: web.Request, response: web.StreamResponse) -> None:
    # aiohttp would name itself and its version ("Python/3.11 aiohttp/3.14.5"): a map of
    # which advisories to try. It fills the header in only when it is missing.
    response.headers["Server"] = "Tidigt"


class AccessLogger(AbstractAccessLogger):
    """One line per request: address, method, path without the query string (review
    searches and dates are in the query), status, size, time. The address is the
    client's (bot.web.client_address), not the proxy's."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        remote = client_address(request) if isinstance(request, web.Request) else request.remote
        self.logger.info("%s %s %s %s %s %.1fms", remote, request.method, request.path,
                         response.status, response.body_length, time * 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot web")
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    private_database_file(settings.database_url)
    web.run_app(create_app(settings), host=settings.web_host,
                port=args.port or settings.web_port, print=None,
                access_log=logging.getLogger("tidigt.access"), access_log_class=AccessLogger,
                # Scale-out: several web-app processes listen on the same port.
                reuse_port=settings.web_processes > 1 or None)
    return 0
