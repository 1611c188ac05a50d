"""Statistics for managers: counts over assessments, never a person.

The output holds no case reference, name, conversation id or free text: only periods,
module and intervention names, bands, question topics and counts. Practice (training)
assessments are always left out. Small counts are shown as they are; the figures are for
the unit's own managers, who may already see each assessment.
"""
from __future__ import annotations

import io
import statistics as stats
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.question_bank import load_bank, questions_by_id
from bot.catalogue.catalogue import load_catalogue
from bot.clock import as_utc
from bot.local_time import day_window, local
from bot.review.csv_cells import SafeWriter
from bot.storage.models import (
    Answer,
    Assessment,
    Conversation,
    Score,
    Suggestion,
    User,
)

DECISIONS = ("föreslagen", "vald", "avböjd", "behövs men finns inte")


def _assessments(session: Session, date_from: date, date_to: date,
                 unit: str | None) -> list[Assessment]:
    start, end = day_window(date_from, date_to)  # Swedish days, not UTC days
    query = (select(Assessment).outerjoin(User, User.id == Assessment.case_worker_id)
             .outerjoin(Conversation, Conversation.id == Assessment.conversation_id)
             .where(Assessment.training.is_(False), Assessment.consent.is_(True),
                    Assessment.started_at >= start, Assessment.started_at < end)
             .where((Conversation.training.is_(None)) | (Conversation.training.is_(False))))
    if unit is not None:
        query = query.where(User.unit == unit)
    return list(session.execute(query).scalars())


def statistics(session: Session, *, date_from: date, date_to: date,
               unit: str | None = None) -> dict[str, Any]:
    assessments = _assessments(session, date_from, date_to, unit)
    ids = [a.id for a in assessments]
    modules = {m.id: m.name for m in load_bank()}
    catalogue = {e.id: e.name for e in load_catalogue()}
    by_question = questions_by_id()

    per_month = Counter(local(a.started_at).strftime("%Y-%m") for a in assessments)
    current = session.execute(select(Answer).where(
        Answer.assessment_id.in_(ids), Answer.current.is_(True))).scalars().all() if ids else []
    per_module: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for answer in current:
        if answer.question_id == "modules_chosen" and isinstance(answer.value, list):
            per_module.update(modules.get(m, m) for m in answer.value)
        if answer.source == "överhoppad":
            skipped[answer.question_id] += 1

    bands: dict[str, Counter[str]] = {"AUDIT": Counter(), "DUDIT": Counter()}
    scores = session.execute(select(Score).where(Score.assessment_id.in_(ids))).scalars() \
        if ids else []
    newest: dict[tuple[int, str], Score] = {}
    for score in scores:  # a recomputed score replaces the earlier one
        newest[(score.assessment_id, score.instrument.upper())] = score
    for (_, instrument), score in newest.items():
        bands.setdefault(instrument, Counter())[score.band or "okänt"] += 1

    decisions: dict[str, Counter[str]] = {}
    suggestions = session.execute(select(Suggestion).where(
        Suggestion.assessment_id.in_(ids))).scalars() if ids else []
    for suggestion in suggestions:
        counts = decisions.setdefault(suggestion.intervention_id, Counter())
        counts["föreslagen"] += 1  # only shown suggestions are stored (actions/suggestions_form.py)
        if suggestion.status != "föreslagen":
            counts[suggestion.status] += 1

    minutes = sorted(
        (as_utc(a.finished_at) - as_utc(a.started_at)).total_seconds() / 60
        for a in assessments if a.status == "avslutad" and a.finished_at is not None)
    return {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "unit": unit,
        "assessments": len(assessments),
        "finished": len(minutes),
        "per_month": dict(sorted(per_month.items())),
        "per_module": dict(per_module.most_common()),
        "bands": {k: dict(v.most_common()) for k, v in bands.items()},
        "interventions": sorted(
            ({"id": iid, "name": catalogue.get(iid, iid),
              **{d: counts.get(d, 0) for d in DECISIONS}}
             for iid, counts in decisions.items()),
            key=lambda row: (-row["föreslagen"], row["name"])),
        "gaps": sorted(
            ({"id": iid, "name": catalogue.get(iid, iid), "antal": counts["behövs men finns inte"]}
             for iid, counts in decisions.items() if counts.get("behövs men finns inte")),
            key=lambda row: (-row["antal"], row["name"])),
        "most_skipped": [
            {"question_id": qid, "topic": (by_question[qid].topic or by_question[qid].text)
             if qid in by_question else qid, "antal": n}
            for qid, n in skipped.most_common(10)],
        "minutes_to_complete": {
            "median": round(stats.median(minutes), 1) if minutes else None,
            "p90": round(minutes[min(len(minutes) - 1, int(0.9 * len(minutes)))], 1)
            if minutes else None,
        },
    }


def statistics_csv(result: dict[str, Any]) -> str:
    """Every table of the statistics in one file, `;`-separated as Swedish Excel expects."""
    out = io.StringIO()
    w = SafeWriter(out)
    w.writerow(["Period", result["period"]["from"], result["period"]["to"]])
    w.writerow(["Bedömningar", result["assessments"], "varav avslutade", result["finished"]])
    w.writerow([])
    w.writerow(["Månad", "Bedömningar"])
    w.writerows(result["per_month"].items())
    w.writerow([])
    w.writerow(["Område", "Bedömningar"])
    w.writerows(result["per_module"].items())
    w.writerow([])
    w.writerow(["Instrument", "Band", "Antal"])
    for instrument, counts in result["bands"].items():
        w.writerows([instrument, band, n] for band, n in counts.items())
    w.writerow([])
    w.writerow(["Insats", *(d.capitalize() for d in DECISIONS)])
    w.writerows([row["name"], *(row[d] for d in DECISIONS)] for row in result["interventions"])
    w.writerow([])
    w.writerow(["Mest överhoppade frågor", "Antal"])
    w.writerows([row["topic"], row["antal"]] for row in result["most_skipped"])
    w.writerow([])
    minutes = result["minutes_to_complete"]
    w.writerow(["Tid till avslutad bedömning (minuter)", "median", minutes["median"],
                "90:e percentilen", minutes["p90"]])
    return out.getvalue()
