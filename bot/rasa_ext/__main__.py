"""`python -m bot.rasa_ext run …`: Rasa's own command line with Tidigt's replacements
installed first (install.py); the supervisor starts Rasa this way (bot.runner), and
`make stories` tests through it, so stories test the Rasa case workers get."""
from __future__ import annotations

import sys

from bot.rasa_ext.install import install


def main(argv: list[str] | None = None) -> None:
    install()
    from rasa.__main__ import main as rasa_main

    if argv is not None:
        sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main()
