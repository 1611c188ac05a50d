"""The chat pages and the embeddable widget: static files, no build step.

`/` is the full-page chat; `/embed` is the same page for the widget's iframe, which the
configured intranet origins (TIDIGT_FRAME_ANCESTORS) may frame; `/widget.js` is the one
tag an intranet page includes.
"""
from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web

from bot.web.keys import SETTINGS

STATIC = Path(__file__).resolve().parent / "static"
# Only plain origins reach the Content-Security-Policy header: nothing can be smuggled in.
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
BASE_CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors {ancestors}")


def allowed_ancestors(configured: tuple[str, ...]) -> str:
    return " ".join(["'self'", *(o for o in configured if _ORIGIN.match(o))])


async def full_page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "index.html",
                            headers={"Content-Type": "text/html; charset=utf-8"})


async def embedded_page(request: web.Request) -> web.StreamResponse:
    ancestors = allowed_ancestors(request.app[SETTINGS].frame_ancestors)
    return web.FileResponse(STATIC / "index.html", headers={
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": BASE_CSP.format(ancestors=ancestors),
    })


async def review_page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "review.html",
                            headers={"Content-Type": "text/html; charset=utf-8"})


async def statistics_page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "statistik.html",
                            headers={"Content-Type": "text/html; charset=utf-8"})


async def widget_script(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC / "widget.js",
                            headers={"Content-Type": "text/javascript; charset=utf-8"})


class _StaticFiles(web.StaticResource):
    """aiohttp's static resource, but a file that is not there is an HTTPNotFound the error
    middleware turns into Swedish JSON. Since aiohttp 3.10 the file response itself sets
    404 while it is being sent, past every middleware, with an empty body."""

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["filename"]
        try:
            path = (STATIC / name).resolve()
            found = path.is_relative_to(STATIC) and path.is_file()
        except (OSError, ValueError, RuntimeError):  # a NUL, a loop of links
            found = False
        if not found:
            raise web.HTTPNotFound()
        return await super()._handle(request)


def setup_pages(app: web.Application) -> None:
    app.router.add_get("/", full_page)
    app.router.add_get("/embed", embedded_page)
    app.router.add_get("/widget.js", widget_script)
    # One page for the list and the transcript (?samtal=<id>): no server-side templating.
    app.router.add_get("/granskning", review_page)
    app.router.add_get("/statistik", statistics_page)
    app.router.register_resource(
        _StaticFiles("/static", STATIC, show_index=False, follow_symlinks=False))
