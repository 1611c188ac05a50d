"""The action server (`python -m bot.action_server`, the arguments of `python -m rasa_sdk`)
with calls to /webhook refused unless they carry this start's internal secret
(bot.internal_auth); /health stays open for the supervisor and the web app's health page.
The reading's caches are filled before it listens (bot.assessment.warm)."""
from __future__ import annotations

from rasa_sdk import endpoint
from sanic import response

from bot import internal_auth

_create_app = endpoint.create_app


async def _require_secret(request):
    if request.path != "/health" and not internal_auth.accepted(
            request.headers.get(internal_auth.HEADER)):
        return response.json({"error": internal_auth.REFUSED}, status=401)
    return None


def create_app(*args, **kwargs):
    app = _create_app(*args, **kwargs)
    app.register_middleware(_require_secret, "request")
    return app


def main() -> None:
    from rasa_sdk.__main__ import main as sdk_main

    from bot.assessment.warm import warm_up

    # Before the server listens, so the supervisor counts it as starting meanwhile.
    warm_up()
    endpoint.create_app = create_app  # rasa_sdk's run() builds its app with this name
    sdk_main()


if __name__ == "__main__":
    main()
