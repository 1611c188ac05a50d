"""`python -m bench.reading`: the time bot.reading takes per message, read cold (caches
cleared before each message), all readers at once: the entities' quantities, durations,
times ago, and placement on AUDIT items 1, 2 and 3.
"""
from __future__ import annotations

import datetime as dt
import statistics
import time

from bot.assessment.question_bank import questions_by_id
from bot.reading import frequency, numbers
from bot.reading.quantities import parse_quantities
from bot.reading.scale import place_answer
from bot.reading.time import read_durations, read_months_ago

MESSAGES = [
    "Hon heter Camilla, 34 år, ensamstående med en son på 7 och en dotter som är 12, har "
    "haft försörjningsstöd i åtta månader och är arbetslös sedan ett och ett halvt år",
    "han dricker typ 3-4 ggr i veckan, mest fredagar och lördagar, och då blir det fyra öl "
    "och några shots",
    "varje fredag", "en halv flaska vin", "ungefär ett halvår", "nej",
    "syster sa det i somras men nej hon tar inga droger", "röker på varje helg sedan i våras",
    "till jul och midsommar", "inte längre, han slutade för två år sedan",
]
MEETING = dt.date(2026, 12, 3)


def read_all(text: str, questions) -> None:
    parse_quantities(text)
    read_durations(text, MEETING)
    read_months_ago(text, MEETING)
    for q in questions:
        place_answer(q, text)


def main(rounds: int = 200) -> None:
    q = questions_by_id()
    questions = [q["audit_1"], q["audit_2"], q["audit_3"]]
    times = []
    for _ in range(rounds):
        for text in MESSAGES:
            numbers._tokens.cache_clear()
            frequency._read_frequencies.cache_clear()
            start = time.process_time()  # CPU time: steady on a shared machine
            read_all(text, questions)
            times.append((time.process_time() - start) * 1000)
    times.sort()
    print(f"bot.reading, all readers, per message read cold (CPU): median "
          f"{statistics.median(times):.3f} ms, p95 {times[int(len(times) * 0.95)]:.3f} ms "
          f"({len(times)} reads)")


if __name__ == "__main__":
    main()
