"""A secret shared by the processes of one running Tidigt, made anew at every start.

The web app passes the signed-in user and the practice flag to the actions in the message
metadata (`metadata.user`, `metadata.training`), through Rasa's REST channel, and Rasa
calls the action server. Both listen on 127.0.0.1, but any local process could otherwise
post a message as any user, or call an action directly. The supervisor (bot.runner) puts
a random secret in every child's environment (never on a command line, which other
accounts can read in `ps`); the web app sends it to Rasa's channel (bot.rasa_ext.rest_channel),
Rasa sends it to the action server (the endpoints file names the environment variable,
not the value), and both refuse a request without it.

No imports beyond the standard library: all three environments use this.
"""
from __future__ import annotations

import os
import secrets

HEADER = "X-Tidigt-Internal-Secret"
ENV = "TIDIGT_INTERNAL_SECRET"
REFUSED = "Anropet saknar Tidigts interna nyckel."


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def current() -> str:
    return os.environ.get(ENV, "")


def accepted(sent: str | None) -> bool:
    """Whether a request carries this start's secret. Without one configured nothing is
    accepted: a process started outside the supervisor answers nobody."""
    expected = current()
    if not expected or not sent:
        return False
    return secrets.compare_digest(sent.encode("utf-8", "surrogateescape"), expected.encode())
