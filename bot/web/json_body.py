"""A request body as one JSON object, or a 400 with a Swedish reason.

Python's json module raises more than JSONDecodeError on hostile input: RecursionError on
deep nesting, a plain ValueError on integers past 4300 digits, and it accepts NaN,
Infinity and lone surrogates (which no database driver can store). All of those end
here, so no handler has to remember them.
"""
from __future__ import annotations

import json
from typing import Any

from aiohttp import web

NOT_JSON = "Begäran måste vara giltig JSON i UTF-8."
NOT_JSON_TYPE = "Begäran måste skickas som application/json."
NOT_OBJECT = "Begäran måste vara ett JSON-objekt."
BAD_CHARACTERS = "Begäran innehåller ogiltiga tecken."


def _bad(message: str) -> web.HTTPException:
    return web.HTTPBadRequest(text=json.dumps({"error": message}, ensure_ascii=False),
                              content_type="application/json")


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def parse_object(raw: bytes) -> dict[str, Any]:
    """JSON is UTF-8 (RFC 8259), whatever charset a client claims."""
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(NOT_JSON) from None
    if not isinstance(body, dict):
        raise _bad(NOT_OBJECT)
    try:
        surrogate = _has_surrogate(body)
    except RecursionError:
        raise _bad(NOT_JSON) from None
    if surrogate:
        raise _bad(BAD_CHARACTERS)
    return body


async def json_object(request: web.Request, *, empty: dict | None = None) -> dict[str, Any]:
    """The body as an object; `empty` (when given) stands for a missing body.

    Only `application/json` is read: a cross-site HTML form can send text/plain or
    form-encoded bodies without a CORS preflight, never application/json, so this closes
    login CSRF for browsers that send no `Origin` (bot.web.guard handles those that do)."""
    raw = await request.read()
    if empty is not None and not raw.strip():
        return dict(empty)
    if raw.strip() and request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType(
            text=json.dumps({"error": NOT_JSON_TYPE}, ensure_ascii=False),
            content_type="application/json")
    return parse_object(raw)
