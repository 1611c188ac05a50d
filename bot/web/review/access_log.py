"""The admins' access log, page by page and filtered by user, action and Swedish days;
reading it is itself logged."""
from __future__ import annotations

from aiohttp import web

from bot import local_time
from bot.storage.access_log import access_log_page, log_access
from bot.web.auth import require_user
from bot.web.db_access import in_db
from bot.web.review.common import bad, date_param

# Far beyond any real log; larger offsets overflow the database's integer.
MAX_PAGE = 100_000


async def access_log(request: web.Request) -> web.Response:
    user = require_user(request, "admin")
    q = request.query
    date_from, date_to = date_param(q.get("from"), "Från"), date_param(q.get("to"), "Till")
    try:
        page = max(1, int(q.get("page") or 1))
    except ValueError:
        raise bad("Sidnumret måste vara ett heltal.") from None
    if page > MAX_PAGE:
        raise bad(f"Sidnumret får vara högst {MAX_PAGE}.")
    # Swedish days, as the reader means them.
    since = local_time.day_window(date_from, date_from)[0] if date_from else None
    before = local_time.day_window(date_to, date_to)[1] if date_to else None

    def read(session):
        result = access_log_page(session, page=page, username=q.get("user"),
                                 action=q.get("action"), since=since, before=before)
        log_access(session, action="åtkomstlogg", target="åtkomstloggen",
                   user_id=user.user_id, username=user.username, detail=dict(q))
        return result

    return web.json_response(await in_db(read))
