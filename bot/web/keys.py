"""Typed keys for what the web app keeps on its Application object."""
from aiohttp import web

from bot.settings import Settings
from bot.web.rasa_client import RasaClient

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa", RasaClient)
