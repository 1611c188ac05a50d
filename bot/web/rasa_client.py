"""Client for the Rasa server's REST channel, which only ever listens on localhost."""
from __future__ import annotations

import asyncio
from typing import Any

import aiohttp


class RasaUnavailable(Exception):
    """Rasa did not answer usefully; the user's message was not taken in."""


class RasaClient:
    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout)
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("RasaClient.start() was not awaited")
        return self._session

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict]:
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            async with self.session.post(
                f"{self.base_url}/webhooks/rest/webhook", json=body
            ) as resp:
                if resp.status != 200:
                    raise RasaUnavailable(f"HTTP {resp.status}")
                answer = await resp.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as err:
            raise RasaUnavailable(str(err) or type(err).__name__) from err
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
