"""Sign-in for the web app: session cookie, CSRF check on every state-changing request.

The session lives in the database (bot.storage.web_sessions), so any web-app process can serve
any request. The cookie is HttpOnly and SameSite=Strict; Secure, and named with the
`__Host-` prefix (no Domain, path /, only over https: a sibling host cannot plant it),
unless turned off for plain-http development (TIDIGT_SECURE_COOKIES=0). Every login, its
failures and refusals are access-logged with the client's address.
"""
from __future__ import annotations

import json
import os
import secrets

from aiohttp import web

from bot.auth.passwords import verify_password
from bot.first_run import awaiting_first_sign_in, change_password
from bot.storage.access_log import log_access
from bot.storage.models import User
from bot.storage.web_sessions import (
    LoginRefused,
    SignedIn,
    authenticate,
    end_session,
    resolve_session,
    trusted_user,
)
from bot.storage.web_sessions import start_session as open_session
from bot.web.client_address import client_address
from bot.web.db_access import in_db
from bot.web.json_body import json_object
from bot.web.keys import SETTINGS

PLAIN_SESSION_COOKIE = "tidigt_session"
SECURE_SESSION_COOKIE = "__Host-tidigt_session"
CSRF_HEADER = "X-CSRF-Token"
# The single-sign-on proxy proves itself with the shared secret in this header. A browser
# cannot forge it: it does not know the secret, and the proxy overwrites both headers.
SSO_SECRET_HEADER = "X-Tidigt-Proxy-Secret"
SSO_REFUSED = "Inloggningen via kommunens enkla inloggning kunde inte verifieras."
SSO_UNKNOWN = ("Du är inloggad i kommunens system men har inget konto i Tidigt. "
               "Be en administratör lägga till dig.")
SSO_AMBIGUOUS = "Inloggningen via kommunens enkla inloggning är tvetydig och avvisas."
PASSWORD_LOGIN_OFF = ("Inloggning med lösenord är avstängd här. Logga in via kommunens "
                      "inloggning.")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Signing in is the one unsafe request made before a session (and its token) exists.
CSRF_EXEMPT = {"/api/login"}


def json_error(status: type[web.HTTPException], message: str) -> web.HTTPException:
    kwargs = {"text": json.dumps({"error": message}, ensure_ascii=False),
              "content_type": "application/json"}
    if status is web.HTTPRequestEntityTooLarge:
        # aiohttp's 413 wants the sizes; our own limit is in characters, so they stay 0.
        return status(max_size=0, actual_size=0, **kwargs)
    return status(**kwargs)


def _header_bytes(value: str) -> bytes:
    """A header as bytes for compare_digest, which refuses non-ASCII text; aiohttp keeps
    undecodable bytes as surrogates, which must compare as unequal, not crash."""
    return value.encode("utf-8", "surrogateescape")


def secure_cookies() -> bool:
    return os.environ.get("TIDIGT_SECURE_COOKIES", "1") not in ("0", "false", "nej")


def session_cookie() -> str:
    # Browsers refuse a __Host- cookie without Secure, so plain-http development keeps
    # the plain name.
    return SECURE_SESSION_COOKIE if secure_cookies() else PLAIN_SESSION_COOKIE


async def _sso_sign_in(request: web.Request) -> str | None:
    """A new session token when the proxy names a user other than the cookie's."""
    settings = request.app[SETTINGS]
    names = request.headers.getall(settings.sso_header, []) if settings.sso_enabled else []
    if not names:
        return None
    secrets_sent = request.headers.getall(SSO_SECRET_HEADER, [])
    if len(names) > 1 or len(secrets_sent) > 1:
        # A proxy that appends its header to the client's instead of replacing it would
        # pass on both; which one is the proxy's cannot be known, so neither is believed.
        await _log_refusal(request, None, "två eller fler rubriker för enkel inloggning")
        raise json_error(web.HTTPForbidden, SSO_AMBIGUOUS)
    name, sent = names[0], (secrets_sent or [""])[0]
    if not secrets.compare_digest(_header_bytes(sent), settings.sso_secret.encode()):
        await _log_refusal(request, None, "fel hemlighet för enkel inloggning")
        raise json_error(web.HTTPForbidden, SSO_REFUSED)
    current: SignedIn | None = request["user"]
    if current is not None and current.username == name.strip().lower():
        return None
    remote = client_address(request)
    old_token = request.cookies.get(session_cookie())

    def sign_in(session):
        user = trusted_user(session, name)
        if user is None:
            return None
        end_session(session, old_token)  # another user now: the old session ends
        token = open_session(session, user)
        log_access(session, action="inloggning", target=f"användare {user.username}",
                   user_id=user.id, username=user.username,
                   detail={"sätt": "enkel inloggning", "adress": remote})
        return token

    token = await in_db(sign_in)
    if token is None:
        raise json_error(web.HTTPForbidden, SSO_UNKNOWN)
    request["user"] = await in_db(resolve_session, token)
    return token


def _set_session_cookie(response: web.StreamResponse, token: str) -> None:
    response.set_cookie(session_cookie(), token, httponly=True, samesite="Strict",
                        secure=secure_cookies(), path="/")


async def _log_refusal(request: web.Request, username: str | None, reason: str) -> None:
    """A failed or refused sign-in, with the client's address, in the access log."""
    remote = client_address(request)

    def write(session):
        log_access(session, action="inloggning nekad",
                   target=f"användare {username}" if username else "enkel inloggning",
                   username=(username or None) and username[:64],
                   detail={"adress": remote, "skäl": reason})

    try:
        await in_db(write)
    except web.HTTPException:
        pass  # the refusal itself must still reach the client


@web.middleware
async def auth_middleware(request: web.Request, handler):
    token = request.cookies.get(session_cookie())
    request["user"] = await in_db(resolve_session, token) if token else None
    new_token = await _sso_sign_in(request)
    try:
        await _check_csrf(request)
        response = await handler(request)
    except web.HTTPException as exc:
        if new_token is not None:
            _set_session_cookie(exc, new_token)
        raise
    if new_token is not None:
        _set_session_cookie(response, new_token)
    return response


async def _check_csrf(request: web.Request) -> None:
    if request.method not in UNSAFE_METHODS or request.path in CSRF_EXEMPT:
        return
    user: SignedIn | None = request["user"]
    if user is None:
        return  # the handler refuses it: nobody is signed in
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.content_type == "application/x-www-form-urlencoded":
        try:
            sent = (await request.post()).get("csrf_token", "")
        except (LookupError, ValueError):
            # An unknown charset or bytes it cannot decode: no token could be read.
            sent = ""
    if not secrets.compare_digest(_header_bytes(str(sent)), user.csrf_token.encode()):
        raise json_error(web.HTTPForbidden, "Ogiltig eller saknad CSRF-token.")


MUST_CHANGE = "Välj ett nytt lösenord först: det du loggade in med gällde bara en gång."


def require_user(request: web.Request, *roles: str, one_time_ok: bool = False) -> SignedIn:
    user: SignedIn | None = request.get("user")
    if user is None:
        raise json_error(web.HTTPUnauthorized, "Du behöver logga in.")
    if user.must_change_password and not one_time_ok:
        raise json_error(web.HTTPForbidden, MUST_CHANGE)
    if roles and user.role not in roles:
        raise json_error(web.HTTPForbidden, "Din roll har inte behörighet till detta.")
    return user


async def login(request: web.Request) -> web.Response:
    if not request.app[SETTINGS].password_login:
        await _log_refusal(request, None, "lösenordsinloggning avstängd")
        raise json_error(web.HTTPForbidden, PASSWORD_LOGIN_OFF)
    body = await json_object(request)
    if not all(
        isinstance(body.get(k), str) for k in ("username", "password")
    ):
        raise json_error(web.HTTPBadRequest, "Ange användarnamn och lösenord som text.")
    remote = client_address(request)
    old_token = request.cookies.get(session_cookie())

    def sign_in(session):
        try:
            user = authenticate(session, body["username"], body["password"], remote)
        except LoginRefused as refused:
            name = body["username"].strip().lower().replace("\x00", "")[:64]
            log_access(session, action="inloggning nekad", target=f"användare {name}",
                       username=name or None,
                       detail={"adress": remote,
                               "skäl": "spärrad" if refused.locked else "fel lösenord"})
            return None, str(refused)
        # A login over an old session ends it: one browser, one session.
        end_session(session, old_token)
        token = open_session(session, user)
        log_access(session, action="inloggning", target=f"användare {user.username}",
                   user_id=user.id, username=user.username, detail={"adress": remote})
        return token, None

    token, refusal = await in_db(sign_in)
    if refusal:
        raise json_error(web.HTTPUnauthorized, refusal)
    user = await in_db(resolve_session, token)
    response = web.json_response(_described(user))
    _set_session_cookie(response, token)
    return response


def _described(user: SignedIn) -> dict:
    return {"username": user.username, "name": user.display_name, "role": user.role,
            "unit": user.unit, "csrf_token": user.csrf_token,
            "must_change_password": user.must_change_password}


async def logout(request: web.Request) -> web.Response:
    require_user(request, one_time_ok=True)
    await in_db(end_session, request.cookies.get(session_cookie()))
    response = web.json_response({"status": "utloggad"})
    response.del_cookie(session_cookie(), path="/", secure=secure_cookies(), httponly=True,
                        samesite="Strict")
    return response


async def whoami(request: web.Request) -> web.Response:
    return web.json_response(_described(require_user(request, one_time_ok=True)))


async def set_password(request: web.Request) -> web.Response:
    """`POST /api/password` with {"current_password", "new_password"}: the way out of a
    one-time password, and an ordinary password change for everyone else."""
    user = require_user(request, one_time_ok=True)
    body = await json_object(request)
    current, new = body.get("current_password"), body.get("new_password")
    if not isinstance(current, str) or not isinstance(new, str):
        raise json_error(web.HTTPBadRequest, "Ange nuvarande och nytt lösenord som text.")
    if new == current:
        raise json_error(web.HTTPBadRequest, "Det nya lösenordet måste skilja sig från det gamla.")

    def change(session):
        row = session.get(User, user.user_id)
        if row is None or not verify_password(row.password_hash, current):
            return "Det nuvarande lösenordet stämmer inte."
        try:
            change_password(session, user.user_id, new)
        except ValueError as err:
            return str(err)
        log_access(session, action="lösenordsbyte", target=f"användare {user.username}",
                   user_id=user.user_id, username=user.username)
        return None

    refusal = await in_db(change)
    if refusal:
        raise json_error(web.HTTPBadRequest, refusal)
    return web.json_response({"status": "lösenordet är bytt"})


async def first_run_state(request: web.Request) -> web.Response:
    """For the login page, before anyone is signed in: is this a new installation whose
    first administrator still holds the one-time password printed at the first start?"""
    return web.json_response({"first_run": await in_db(awaiting_first_sign_in)})


def setup_auth(app: web.Application) -> None:
    app.middlewares.append(auth_middleware)
    app.router.add_post("/api/login", login)
    app.router.add_post("/api/logout", logout)
    app.router.add_get("/api/me", whoami)
    app.router.add_post("/api/password", set_password)
    app.router.add_get("/api/first-run", first_run_state)
