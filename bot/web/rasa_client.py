"""Client for the Rasa server's REST channel, which only ever listens on localhost.

In scale-out mode there are several Rasa servers; each message goes to the one with the
fewest messages in flight from this process (round robin among equals). Any of them may
answer any conversation: the tracker is in the shared database and Rasa's Redis lock
store lets only one of them work on a conversation at a time.
"""
from __future__ import annotations

import asyncio
import itertools
from typing import Any

import aiohttp


class RasaUnavailable(Exception):
    """Rasa did not answer usefully; the user's message was not taken in."""


KEEPALIVE_SECONDS = 4.0


class RasaClient:
    def __init__(self, base_url: str | list[str], timeout: float = 30.0) -> None:
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
        self.base_urls = [u.rstrip("/") for u in urls]
        self.base_url = self.base_urls[0]
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._in_flight = [0] * len(self.base_urls)
        self._turn = itertools.count()

    def pick(self, only: set[int] | None = None) -> int:
        """The index of the Rasa server for the next message, among `only` if given (the
        ones the supervisor is not restarting)."""
        n = len(self.base_urls)
        start = next(self._turn) % n
        candidates = [(start + k) % n for k in range(n)]
        if only:
            candidates = [i for i in candidates if i in only] or candidates
        return min(candidates, key=lambda i: self._in_flight[i])

    async def start(self) -> None:
        # An idle connection is given up before Rasa's server (Sanic, 5 s keep-alive)
        # closes it, so a message is never sent down a connection that is being closed.
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not awaited")
        return self._session

    async def send(self, sender: str, text: str, metadata: dict[str, Any],
                   only: set[int] | None = None) -> list[dict]:
        index = self.pick(only)
        # Which server took the turn is kept with it in the tracker, for operations.
        body = {"sender": sender, "message": text,
                "metadata": {**metadata, "rasa_server": index + 1}}
        self._in_flight[index] += 1
        try:
            async with self.session.post(
                f"{self.base_urls[index]}/webhooks/rest/webhook", json=body
            ) as resp:
                if resp.status != 200:
                    raise RasaUnavailable(f"HTTP {resp.status}")
                answer = await resp.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            raise RasaUnavailable(str(err) or type(err).__name__) from err
        finally:
            self._in_flight[index] -= 1
        if not isinstance(answer, list):
            raise RasaUnavailable("unexpected answer")
        return answer

    async def probe(self, url: str, timeout: float = 2.0) -> str:
        """'ok' or a short Swedish reason, for the health page."""
        try:
            async with self.session.get(url, timeout=aiohttp.ClientTimeout(total=timeout)) as r:
                return "ok" if r.status == 200 else f"fel: HTTP {r.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as err:
            return f"fel: svarar inte ({type(err).__name__})"
