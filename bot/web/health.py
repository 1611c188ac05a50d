"""Health: `/health` and `/health/ready` report each component and are 200 only when all
are ready; `/health/live` is 200 whenever this web app answers at all.

Ready and live differ on purpose: while the supervisor restarts Rasa (about half a minute)
the product is not ready, but the entry is alive and tells the case worker so. An
orchestrator must restart the container only when it is not *live*.
"""
from __future__ import annotations

import asyncio

from aiohttp import web

from bot.storage.db import ping
from bot.supervision import READY, RESTARTING
from bot.web.keys import RASA, SETTINGS, SUPERVISOR


async def _database(url: str) -> str:
    try:
        await asyncio.wait_for(asyncio.to_thread(ping, url), timeout=2.0)
        return "ok"
    except Exception as err:  # any failure is reported, never raised
        return f"fel: {type(err).__name__}"


def _worst(states: list[str]) -> str:
    return next((s for s in states if s != "ok"), "ok")


def _processes(request: web.Request) -> list[dict]:
    return [{key: child.get(key) for key in ("name", "state", "pid", "restarts", "last_exit")}
            for child in request.app[SUPERVISOR].children()]


def _restarting(processes: list[dict]) -> list[str]:
    return [p["name"] for p in processes if p["state"] != READY]


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
    processes = _processes(request)
    for child in request.app[SUPERVISOR].children():
        component = child.get("component")
        if component in ("rasa", "actions", "redis") and child.get("state") != READY:
            # The supervisor knows better than a refused connection why it is away.
            word = "startar om" if child.get("state") == RESTARTING else "startar"
            components[component] = f"{word} ({child.get('name')})"
    healthy = all(v == "ok" for v in components.values())
    return web.json_response(
        {"status": "ok" if healthy else "degraded", "live": True, "ready": healthy,
         "components": components, "restarting": _restarting(processes),
         "processes": processes},
        status=200 if healthy else 503,
    )


async def get_live(request: web.Request) -> web.Response:
    """Nothing but this process is asked: a Rasa restart must not make it look dead."""
    processes = _processes(request)
    return web.json_response({"status": "live", "live": True,
                              "restarting": _restarting(processes)})
