"""GET /health: each component's state, 200 only when all of them are ok."""
from __future__ import annotations

import asyncio

from aiohttp import web

from bot.storage.db import ping
from bot.web.keys import RASA, SETTINGS


async def _database(url: str) -> str:
    try:
        await asyncio.wait_for(asyncio.to_thread(ping, url), timeout=2.0)
        return "ok"
    except Exception as err:  # any failure is reported, never raised
        return f"fel: {type(err).__name__}"


async def get_health(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    rasa = request.app[RASA]
    rasa_state, actions_state, db_state = await asyncio.gather(
        rasa.probe(f"{settings.rasa_url}/"),
        rasa.probe(f"{settings.actions_url}/health"),
        _database(settings.database_url),
    )
    components = {"web": "ok", "rasa": rasa_state, "actions": actions_state, "database": db_state}
    healthy = all(v == "ok" for v in components.values())
    return web.json_response(
        {"status": "ok" if healthy else "degraded", "components": components},
        status=200 if healthy else 503,
    )
