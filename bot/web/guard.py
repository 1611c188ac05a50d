"""Requests refused before any handler runs: compressed bodies, cross-site writes.

- A body announced larger than the app's limit gets 413 before a byte of it is read.
- A `Content-Encoding` other than identity gets 415. No client of ours compresses a
  request, and a compressed body is what a decompression bomb needs (CVE-2025-69223,
  CVE-2026-54278 in aiohttp before 3.14.5; the version pin is the fix, this the second
  wall).
- A state-changing request (POST, PUT, PATCH, DELETE) that a browser marks as made by
  another site gets 403: `Sec-Fetch-Site: cross-site`, or an `Origin` that is not this
  server's own. That stops login CSRF (a cross-site form signing a case worker into
  another account), which the CSRF token cannot, since no session exists yet. Requests
  without either header (curl, our own player) are not browsers' and go on to the token.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from aiohttp import web

# Room for a 2000-character message and its JSON, not for uploads.
MAX_REQUEST_BYTES = 64 * 1024
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
COMPRESSED = "Komprimerade förfrågningar stöds inte."
TOO_LARGE = "Begäran är för stor."
CROSS_SITE = "Begäran kommer från en annan webbplats och tas inte emot."


def _refuse(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=json.dumps({"error": message}, ensure_ascii=False),
                        content_type="application/json")


def _own_origin(request: web.Request, origin: str) -> bool:
    """Whether `Origin` names the host the request was sent to. Only the host and port are
    compared: behind the TLS-terminating proxy the app itself sees plain http."""
    if origin == "null":  # sandboxed frames, file: pages, some redirects
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    host = (request.host or "").lower()
    netloc = parts.netloc.lower()
    default = {"http": ":80", "https": ":443"}[parts.scheme]
    return netloc == host or netloc + default == host or netloc == host + default


@web.middleware
async def request_guard(request: web.Request, handler):
    if (request.content_length or 0) > MAX_REQUEST_BYTES:
        return _refuse(413, TOO_LARGE)
    encoding = request.headers.getall("Content-Encoding", [])
    if any(value.strip().lower() not in ("", "identity") for value in encoding):
        return _refuse(415, COMPRESSED)
    if request.method in UNSAFE_METHODS:
        if request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
            return _refuse(403, CROSS_SITE)
        origins = request.headers.getall("Origin", [])
        if any(not _own_origin(request, origin.strip()) for origin in origins):
            return _refuse(403, CROSS_SITE)
    return await handler(request)
