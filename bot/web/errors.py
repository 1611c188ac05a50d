"""Every error leaves as JSON with a Swedish reason; a stack trace never leaves the server."""
from __future__ import annotations

import json
import logging

from aiohttp import web

log = logging.getLogger(__name__)

_REASONS = {
    400: "Begäran är felaktig.",
    401: "Du behöver logga in.",
    403: "Du har inte behörighet till detta.",
    404: "Sidan eller resursen finns inte.",
    405: "Metoden är inte tillåten för den här adressen.",
    413: "Begäran är för stor.",
    415: "Innehållstypen stöds inte.",
}


def _json(status: int, message: str) -> web.Response:
    return web.Response(
        status=status, text=json.dumps({"error": message}, ensure_ascii=False),
        content_type="application/json",
    )


@web.middleware
async def error_middleware(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json" or exc.status < 400:
            raise
        return _json(exc.status, _REASONS.get(exc.status, "Begäran kunde inte behandlas."))
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _json(500, "Ett oväntat fel uppstod. Inget av det du redan sparat har gått förlorat; "
                          "försök igen.")


@web.middleware
async def security_headers(request: web.Request, handler):
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
        _add_headers(response)
        raise
    _add_headers(response)
    return response


def _add_headers(response: web.StreamResponse) -> None:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if "Content-Security-Policy" not in response.headers:
        # A page with its own policy (the widget's /embed) chooses who may frame it.
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'self'",
    )
    response.headers.setdefault("Cache-Control", "no-store")
