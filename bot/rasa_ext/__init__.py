"""Tidigt's extensions of Rasa 3.6, in one place: a module per replaced Rasa method
(action_result, applied_events, action_call, ted_memo, kept_session), the tracker store,
the lock store, the REST channel and the endpoints file that names them.

`install.install()` puts the replacements in place and refuses a Rasa they were not written
for; `python -m bot.rasa_ext run …` is Rasa's command line with them installed. This file
imports nothing: the supervisor reads `endpoints` without loading Rasa.
"""
