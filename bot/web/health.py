"""GET /health: each component's state, 200 only when all of them are ok.

Anonymous callers (monitoring, a load balancer) learn only "ok" or "fel" per component;
the reason (an exception's class, an HTTP status) is for signed-in users, since it tells
an outsider what runs behind the app.
"""
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


def _worst(states: list[str]) -> str:
    return next((s for s in states if s != "ok"), "ok")


async def get_health(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    rasa = request.app[RASA]
    # In scale-out mode every Rasa server and action server must answer.
    n = len(rasa.base_urls)
    states = await asyncio.gather(
        *(rasa.probe(f"{url}/") for url in rasa.base_urls),
        *(rasa.probe(f"{url}/health") for url in settings.actions_urls),
        _database(settings.database_url),
    )
    rasa_state = _worst(states[:n])
    actions_state = _worst(states[n:-1])
    db_state = states[-1]
    components = {"web": "ok", "rasa": rasa_state, "actions": actions_state, "database": db_state}
    healthy = all(v == "ok" for v in components.values())
    if request.get("user") is None:
        components = {name: "ok" if state == "ok" else "fel" for name, state in components.items()}
    return web.json_response(
        {"status": "ok" if healthy else "degraded", "components": components},
        status=200 if healthy else 503,
    )
