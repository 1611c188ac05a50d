"""The printable assessment report (PDF, Swedish): what was answered, the scores and their
interpretation, the profile, the suggestions and the decisions, the client's summary.

The wording of the summaries comes from the same pure functions the conversation uses,
so the report says what the case worker was shown. fpdf2's built-in fonts cover Latin-1:
other characters are replaced with their nearest plain form, so any stored text prints.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.answer_types import describe
from bot.assessment.client_summary import client_summary
from bot.assessment.question_bank import load_bank, load_factors
from bot.assessment.summary import summary_text
from bot.catalogue.catalogue import load_catalogue
from bot.local_time import local, stamp
from bot.privacy.personnummer import mask_identity_numbers
from bot.profile.build import build_profile
from bot.storage.answers import current_answers, skip_reasons
from bot.storage.models import Answer, Assessment, Suggestion, User

_PLAIN = {"–": "-", "—": "-", "”": '"', "“": '"', "’": "'", "‘": "'", "…": "...",
          "⚠": "(!)", "•": "-", "✓": "(ok)", "≥": ">=", "≤": "<=", "→": "->", "\u00a0": " "}
TIMING = {"tidigt": "tidigt stöd", "sent": "sent stöd", "ej_angivet": "tidigt eller sent anges inte"}


def printable(text: Any) -> str:
    """Masked again (a report leaves the system), then reduced to what the font can print."""
    text = mask_identity_numbers(str(text if text is not None else ""))[0]
    out = []
    for ch in text:
        ch = _PLAIN.get(ch, ch)
        if all(ord(c) < 256 for c in ch) and (ch in "\n\t" or unicodedata.category(ch[0])[0] != "C"):
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
        out.append(decomposed or "?")
    return "".join(out)


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, printable(f"Underlag – inte ett beslut. Sida {self.page_no()} av {{nb}}"),
                  align="C")


def assessment_report_pdf(session: Session, assessment: Assessment, *, generated_by: str,
                          generated_at: datetime) -> bytes:
    modules, factors = load_bank(), load_factors()
    answers = current_answers(session, assessment.id)
    profile = build_profile(modules, answers, factors)
    names = {e.id: e for e in load_catalogue()}

    pdf = _Report(format="A4")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_title(printable(f"Bedömningsrapport {assessment.case.reference}"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", style="B", size=size)
        pdf.multi_cell(width, 7, printable(text))
        pdf.set_font("Helvetica", size=10)

    def para(text: str) -> None:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(width, 5, printable(text))

    heading("Bedömningsrapport – Tidigt", 16)
    worker = session.get(User, assessment.case_worker_id) if assessment.case_worker_id else None
    for label, value in [
        ("Ärendereferens", assessment.case.reference), ("Status", assessment.status),
        ("Handläggare", worker.display_name if worker else "–"),
        ("Startad", stamp(assessment.started_at)), ("Avslutad", stamp(assessment.finished_at)),
        ("Rapporten skapad", f"{stamp(generated_at)} av {generated_by}"),
    ]:
        para(f"{label}: {value}")

    heading("Sammanfattning, poäng och profil")
    para(summary_text(modules, answers, skip_reasons(session, assessment.id), profile,
                      factors.accumulation_threshold))

    heading("Svar")
    history = session.execute(select(Answer).where(Answer.assessment_id == assessment.id)
                              .order_by(Answer.id)).scalars().all()
    for module in modules:
        rows = [(q, a) for q in module.questions for a in history
                if a.question_id == q.id and a.current]
        if not rows:
            continue
        heading(module.name, 11)
        for question, answer in rows:
            earlier = [a for a in history if a.question_id == question.id and not a.current]
            how = answer.source + (f", skäl: {answer.skip_reason}" if answer.skip_reason else "")
            line = f"{question.text} – {describe(question, answer.value, modules)} ({how})"
            if earlier:
                line += " Rättat; tidigare: " + ", ".join(
                    describe(question, a.value, modules) for a in earlier) + "."
            para(line)

    heading("Förslag och beslut")
    suggestions = session.execute(select(Suggestion).where(
        Suggestion.assessment_id == assessment.id).order_by(Suggestion.rank)).scalars().all()
    if not suggestions:
        para("Inga förslag har sparats.")
    for s in suggestions:
        entry = names.get(s.intervention_id)
        reasons = s.reasons or {}
        timing = "; ".join(f"{TIMING.get(t, t)} inom {area.replace('_', ' ')}"
                           for area, t in (reasons.get("timing") or {}).items())
        decided = f", {stamp(s.decided_at)}" if s.decided_at else ""
        para(f"{s.rank}. {entry.name if entry else s.intervention_id} – {s.status}{decided}"
             + (f" ({s.comment})" if s.comment else ""))
        para(f"   Evidens: {reasons.get('evidence_label', '–')}. {timing}.")

    heading("Sammanfattning för klienten")
    plain = [(names[s.intervention_id].name if s.intervention_id in names else s.intervention_id,
              ", ".join(f["name"].split(" (")[0].lower()
                        for f in (s.reasons or {}).get("factors", [])[:2]) or "bedömda behov",
              s.status) for s in suggestions if s.rank <= 5 or s.status != "föreslagen"]
    para(client_summary(modules, answers, plain, local(generated_at).date().isoformat()))
    return bytes(pdf.output())
