"""Every error leaves as JSON with a Swedish reason; a stack trace never leaves the server."""
from __future__ import annotations

import json
import logging
import os

from aiohttp import web, web_protocol

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


def _nul_in_address(request: web.Request) -> bool:
    # PostgreSQL cannot hold or even compare a string with NUL; no address needs one.
    return "\x00" in request.path or any(
        "\x00" in key or "\x00" in value for key, value in request.query.items())


@web.middleware
async def error_middleware(request: web.Request, handler):
    if _nul_in_address(request):
        return _json(400, "Adressen innehåller ogiltiga tecken.")
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.content_type == "application/json" or exc.status < 400:
            raise
        return _json(exc.status, _REASONS.get(exc.status, "Begäran kunde inte behandlas."))
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _json(500, UNEXPECTED)


UNREADABLE = "Begäran kunde inte läsas: den följer inte HTTP-protokollet."
UNEXPECTED = ("Ett oväntat fel uppstod. Inget av det du redan sparat har gått förlorat; "
              "försök igen.")
_aiohttp_handle_error = web_protocol.RequestHandler.handle_error


def _protocol_error(self, request, status=500, exc=None, message=None):
    """A request aiohttp cannot even parse (a header line too long, a control character in
    a header, a broken request line) never reaches the middlewares; aiohttp would answer
    it in English plain text. Answer in Swedish JSON with the usual headers instead."""
    _aiohttp_handle_error(self, request, status, exc, message)  # logs; refuses if sent
    response = _json(status, UNEXPECTED if status >= 500 else UNREADABLE)
    _add_headers(response)
    response.force_close()
    return response


def answer_protocol_errors_in_swedish() -> None:
    # aiohttp has no hook for this; it is pinned below 3.10 by Rasa, and the unit tests
    # send such requests over a raw socket, so a change in aiohttp shows there.
    web_protocol.RequestHandler.handle_error = _protocol_error


@web.middleware
async def security_headers(request: web.Request, handler):
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
        _add_headers(response, request.path)
        raise
    _add_headers(response, request.path)
    return response


# What an intranet page on another origin loads to show the widget (see widget.js).
WIDGET_RESOURCES = {"/widget.js", "/static/widget.css"}


def _add_headers(response: web.StreamResponse, path: str = "") -> None:
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
    # No page of ours needs a camera, a microphone, a position or a payment.
    response.headers.setdefault(
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    )
    # Another site's window keeps no handle on ours, and cannot load our answers as
    # resources; only the widget's script and style are for intranet pages to include.
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault(
        "Cross-Origin-Resource-Policy",
        "cross-origin" if path in WIDGET_RESOURCES else "same-origin")
    if _https_only():
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def _https_only() -> bool:
    # The same switch as the session cookie's Secure flag: off only for plain-http
    # development and tests, where HSTS would break http://localhost for the browser.
    return os.environ.get("TIDIGT_SECURE_COOKIES", "1") not in ("0", "false", "nej")
