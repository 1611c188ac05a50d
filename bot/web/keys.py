"""Typed keys for what the web app keeps on its Application object."""
from aiohttp import web

from bot.settings import Settings
from bot.supervision import StateReader
from bot.web.rasa_client import RasaClient

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa", RasaClient)
# Turns this process gave up on while the database was unreachable, so it could not mark
# them abandoned: a retry sends them to the bot again at once instead of waiting.
INTERRUPTED_TURNS = web.AppKey("interrupted_turns", set)
# What the supervisor says about Rasa, the action server and Redis (bot.supervision).
SUPERVISOR = web.AppKey("supervisor", StateReader)
