"""The client's address: `X-Forwarded-For` only when the direct peer is a configured proxy.

Behind the reverse proxy the documentation requires, every request arrives from the
proxy's address, so limits keyed on `request.remote` lumped all users together (twenty bad
logins from anyone blocked everyone). A client can send its own `X-Forwarded-For`, so it
is believed only from the addresses in TIDIGT_TRUSTED_PROXIES, read from the right: the
proxy appends the address it saw, and the first hop from the right that is not one of our
proxies is the client.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from aiohttp import web

from bot.web.keys import SETTINGS


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple:
    networks = []
    for entry in configured:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # bot.settings checked the names; a typo trusts nobody
    return tuple(networks)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in net for net in networks)


def client_address(request: web.Request) -> str | None:
    peer = request.remote
    networks = _networks(request.app[SETTINGS].trusted_proxies)
    if not networks or not _trusted(_address(peer or ""), networks):
        return peer
    hops = [hop for value in request.headers.getall("X-Forwarded-For", [])
            for hop in value.split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # a garbled chain names nobody; the proxy is the best we know
        if not _trusted(address, networks):
            return str(address)
    return peer
