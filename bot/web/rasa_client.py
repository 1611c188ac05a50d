"""Client for the Rasa server's REST channel, which only ever listens on localhost.

In scale-out mode there are several Rasa servers. Each conversation has a home server,
the same in every web-app process (a hash of its id), and its messages go there while that
one is up and not far busier than the others: Rasa keeps the tracker it has just saved for
the conversation's next message (bot.rasa_ext.tracker_store), and a message sent to another
server re-reads and replays the whole conversation from the database instead. Measured in
the bench with the messages spread over two servers, a quarter to a third of them missed
the kept tracker. Any server may still answer any conversation, and one does when the
home server is restarting or busy: the tracker is in the shared database (the kept one is
used only while the database still holds what it saved) and Rasa's Redis lock store lets
only one of them work on a conversation at a time. Without affinity (TIDIGT_RASA_AFFINITY=0)
each message goes to the server with the fewest messages in flight from this process
(round robin among equals).
"""
from __future__ import annotations

import asyncio
import itertools
import zlib
from typing import Any

import aiohttp

from bot import internal_auth


class RasaUnavailable(Exception):
    """Rasa did not answer usefully; the user's message was not taken in."""


KEEPALIVE_SECONDS = 4.0
# A conversation's home server is passed over while it has more than twice as many
# messages in flight from this process as the least busy one, plus this many.
HOME_SLACK = 4


def home_server(sender: str, servers: int) -> int:
    """The conversation's own Rasa server: the same in every process and every start
    (Python's hash() of a str differs between processes)."""
    return zlib.crc32(sender.encode("utf-8")) % servers


class RasaClient:
    def __init__(self, base_url: str | list[str], timeout: float = 30.0, *,
                 affinity: bool = True) -> None:
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
        self.base_urls = [u.rstrip("/") for u in urls]
        self.base_url = self.base_urls[0]
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._in_flight = [0] * len(self.base_urls)
        self._turn = itertools.count()
        self.affinity = affinity

    def pick(self, only: set[int] | None = None, sender: str | None = None) -> int:
        """The index of the Rasa server for the next message, among `only` if given (the
        ones the supervisor is not restarting): the conversation's home server when it is
        one of them and not far busier than the least busy, else the least busy."""
        n = len(self.base_urls)
        start = next(self._turn) % n
        candidates = [(start + k) % n for k in range(n)]
        if only:
            candidates = [i for i in candidates if i in only] or candidates
        least = min(candidates, key=lambda i: self._in_flight[i])
        if self.affinity and sender is not None and n > 1:
            home = home_server(sender, n)
            if home in candidates and \
                    self._in_flight[home] <= 2 * self._in_flight[least] + HOME_SLACK:
                return home
        return least

    async def start(self) -> None:
        # An idle connection is given up before Rasa's server (Sanic, 5 s keep-alive)
        # closes it, so a message is never sent down a connection that is being closed.
        # Rasa's channel takes messages only with this start's secret (bot.internal_auth).
        secret = internal_auth.current()
        self._session = aiohttp.ClientSession(
            headers={internal_auth.HEADER: secret} if secret else None,
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
        index = self.pick(only, sender)
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
