"""One HTTP session, and so one TCP connection, kept for the calls to the action server.

Rasa opened a new session for every call to the action server (two or three per message).
Here the connection is kept between calls, for a little less than the action server keeps
an idle one open, so a kept connection is never one the server is closing.
"""
from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import rasa.core.run as rasa_run
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

from bot.rasa_ext.replacement import Replacement

# Idle seconds a kept connection to the action server may wait for its next call: under
# Sanic's keep-alive timeout (5 s), after which the action server closes it.
KEEPALIVE_SECONDS = 4.0
_KEPT_SESSIONS: dict[tuple, tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}


class _KeptSession:
    """What Rasa's `async with endpoint.session() as session` gets: the session kept for
    this endpoint's headers and sign-in on the running loop, left open on exit."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self._endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        endpoint = self._endpoint
        auth = (aiohttp.BasicAuth(endpoint.basic_auth["username"],
                                  endpoint.basic_auth["password"])
                if endpoint.basic_auth else None)
        key = (tuple(sorted((endpoint.headers or {}).items())), auth)
        kept = _KEPT_SESSIONS.get(key)
        if kept is not None and kept[0] is loop and not kept[1].closed:
            return kept[1]
        session = aiohttp.ClientSession(
            headers=endpoint.headers, auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS))
        _KEPT_SESSIONS[key] = (loop, session)
        return session

    async def __aexit__(self, *exc_info: Any) -> bool:
        return False


def kept_session(self: EndpointConfig) -> _KeptSession:
    return _KeptSession(self)


async def close_kept_sessions() -> None:
    """Close the kept sessions of the running loop (for tests; a server keeps them)."""
    loop = asyncio.get_running_loop()
    for key, (owner, session) in list(_KEPT_SESSIONS.items()):
        if owner is loop:
            await session.close()
            del _KEPT_SESSIONS[key]


async def close_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    """Rasa's after-server-stop listener, then the kept sessions: a stopping Rasa closes
    its connections to the action server instead of leaving them to the garbage collector
    ("Unclosed client session")."""
    try:
        await _RASA_CLOSE_RESOURCES(app, loop)
    finally:
        await close_kept_sessions()


# rasa.core.run.serve_application registers the module's close_resources when it starts
# the server, so replacing the module attribute before that is enough.
_RASA_CLOSE_RESOURCES = rasa_run.close_resources

REPLACEMENT = Replacement(EndpointConfig, "session", kept_session, "e55aa13d9d4fb4bc")
CLOSE_REPLACEMENT = Replacement(rasa_run, "close_resources", close_resources,
                                "bc3d36e8149e84cd")
