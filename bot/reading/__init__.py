"""Reading Swedish as case workers type it: clauses, phrases, vocabulary, quantities.

Pure functions only (no Rasa, no web, no database): bot/assessment calls them to read an
answer, bot/nlu wraps some of them for Rasa.
"""
