"""Run blocking database work off the event loop, with a clear Swedish error if it fails."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy.exc import DataError, SQLAlchemyError

from bot.storage.db import session_scope

log = logging.getLogger(__name__)
T = TypeVar("T")

DB_UNAVAILABLE = "Databasen svarar inte just nu. Försök igen om en stund."
VALUE_REFUSED = "Ett värde i begäran är ogiltigt eller för långt."


async def in_db(work: Callable[..., T], *args, **kwargs) -> T:
    """`work(session, *args)` in a worker thread, inside one committed unit of work."""

    def run() -> T:
        with session_scope() as session:
            return work(session, *args, **kwargs)

    try:
        return await asyncio.to_thread(run)
    except DataError as err:
        # The database refused a value (too long, out of range): the request's fault, and
        # the database is fine. The handlers check input first; this is the safety net.
        log.warning("value refused by the database: %s", err.orig)
        raise web.HTTPBadRequest(
            text=f'{{"error": "{VALUE_REFUSED}"}}', content_type="application/json"
        ) from err
    except SQLAlchemyError as err:
        log.exception("database error")
        raise web.HTTPServiceUnavailable(
            text=f'{{"error": "{DB_UNAVAILABLE}"}}', content_type="application/json"
        ) from err
