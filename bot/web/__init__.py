"""The web app: the single public entry (chat API, health, export; later widget and review)."""
