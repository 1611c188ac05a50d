"""Rasa's REST channel, refusing messages without this start's internal secret.

Same name ("rest") and so the same URL (/webhooks/rest/webhook) as Rasa's own; the
supervisor's credentials file names this class (bot.runner). See bot.internal_auth.
"""
from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from sanic import response

from bot import internal_auth


class InternalRestInput(RestInput):
    def blueprint(self, on_new_message: Any):
        bp = super().blueprint(on_new_message)

        @bp.middleware("request")
        async def require_secret(request):
            if request.path.rstrip("/").endswith("/webhook") and not internal_auth.accepted(
                    request.headers.get(internal_auth.HEADER)):
                return response.json({"error": internal_auth.REFUSED}, status=401)
            return None

        return bp
