"""The printable assessment report (PDF, Swedish): what was answered, the scores and their
interpretation, the profile, the suggestions and the decisions, the client's summary.

The wording of the summaries comes from the same pure functions the conversation uses,
so the report says what the case worker was shown. fpdf2's built-in fonts cover Latin-1:
other characters are replaced with their nearest plain form, so any stored text prints.
"""
from __future__ import annotations

import io
import re
import unicodedata
from datetime import datetime
from typing import Any

from fpdf import FPDF, FontFace
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.answer_types import describe
from bot.assessment.flow import deferred
from bot.assessment.question_bank import load_bank, load_factors
from bot.catalogue.catalogue import load_catalogue
from bot.catalogue.client_summary import client_summary
from bot.local_time import local, stamp
from bot.privacy.personnummer import mask_identity_numbers
from bot.profile.build import build_profile
from bot.profile.picture import profile_pictures
from bot.profile.summary import collaboration_note
from bot.storage.answers import current_answers, skip_reasons
from bot.storage.models import Answer, Assessment, Suggestion, User

_PLAIN = {"–": "-", "—": "-", "”": '"', "“": '"', "’": "'", "‘": "'", "…": "...",
          "⚠": "(!)", "•": "-", "▍": "", "✓": "(ok)", "≥": ">=", "≤": "<=", "→": "->", "\u00a0": " "}
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 236, 240))
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


def _svg(pdf: FPDF, svg: str, x: float, y: float, w: float) -> float:
    """Draws one of bot.profile.picture's SVGs; returns its height on the page in mm."""
    # fpdf2 draws SVG but not <title> (the tooltips of the web page): left out here.
    # Its texts get the same reduction to the built-in font as all other text.
    plain = printable(re.sub(r"<title>.*?</title>", "", svg, flags=re.S))
    info = pdf.image(io.BytesIO(plain.encode("utf-8")), x=x, y=y, w=w)
    return info.rendered_height


def assessment_report_pdf(session: Session, assessment: Assessment, *, generated_by: str,
                          generated_at: datetime) -> bytes:
    """Page 1 is what a supervisor reads in a minute: who and when, the profile picture,
    the scores on their zone bars, the suggestions with what was decided. Then every
    answer as a table per area, with the words it came from, and the client's summary."""
    modules, factors = load_bank(), load_factors()
    answers = current_answers(session, assessment.id)
    reasons = skip_reasons(session, assessment.id)
    profile = build_profile(modules, answers, factors)
    pictures = profile_pictures(profile, answers, factors.accumulation_threshold)
    names = {e.id: e for e in load_catalogue()}

    pdf = _Report(format="A4")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_title(printable(f"Bedömningsrapport {assessment.case.reference}"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_x(pdf.l_margin)
        pdf.set_font("Helvetica", style="B", size=size)
        pdf.multi_cell(width, 7, printable(text))
        pdf.set_font("Helvetica", size=10)

    def para(text: str, size: int = 10) -> None:
        pdf.set_x(pdf.l_margin)
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(width, 5, printable(text))
        pdf.set_font("Helvetica", size=10)

    # ---- Page 1: the minute's read ----
    heading(f"Bedömningsrapport – {assessment.case.reference}", 16)
    worker = session.get(User, assessment.case_worker_id) if assessment.case_worker_id else None
    facts = [("Ärendereferens", assessment.case.reference), ("Status", assessment.status),
             ("Handläggare", worker.display_name if worker else "–"),
             ("Startad", stamp(assessment.started_at)), ("Avslutad", stamp(assessment.finished_at)),
             ("Rapporten skapad", f"{stamp(generated_at)} av {generated_by}")]
    pdf.set_font("Helvetica", size=9)
    for n, (label, value) in enumerate(facts):
        # Two columns of "label: value", so the header takes three lines, not six.
        if n % 2 == 0:
            pdf.set_x(pdf.l_margin)
        pdf.cell(width / 2, 5, printable(f"{label}: {value}"),
                 new_x="RIGHT" if n % 2 == 0 else "LMARGIN", new_y="TOP" if n % 2 == 0 else "NEXT")
    para("Underlag för handläggarens bedömning, inte ett beslut: kunskap om grupper behöver "
         "inte stämma för den enskilda klienten.", 9)

    heading("Profil: risk- och skyddsfaktorer per område", 12)
    top = pdf.get_y()
    used = _svg(pdf, pictures["factors_svg"], pdf.l_margin, top, width * 0.62)
    # Beside the picture, in full: the names the picture may have to shorten, the triage
    # group and the warning signs.
    column, column_width = pdf.l_margin + width * 0.64, width * 0.36
    pdf.set_xy(column, top)

    def beside(text: str, bold: bool = False) -> None:
        pdf.set_x(column)
        pdf.set_font("Helvetica", style="B" if bold else "", size=8.5)
        pdf.multi_cell(column_width, 4.2, printable(text), align="L")

    for area in profile.areas.values():
        if not (area.risks or area.protective or area.triage_group):
            continue
        beside(area.name + (f" – grupp {area.triage_group}" if area.triage_group else ""), True)
        if area.triage_text:
            beside(area.triage_text)
        beside("Risk: " + (", ".join(f.factor.name for f in area.risks) or "inga"))
        beside("Skydd: " + (", ".join(f.factor.name for f in area.protective) or "inga"))
        for sign in sorted({w for w, _ in area.warnings}):
            beside(f"Varningssignal: {sign}")
        pdf.ln(1.5)
    pdf.set_font("Helvetica", size=10)
    pdf.set_y(max(pdf.get_y(), top + used) + 2)
    note = collaboration_note(profile)
    if note:
        para(note, 9)

    heading("Screening med gränsvärden och zoner", 12)
    top = pdf.get_y()
    half = (width - 6) / 2
    heights = [_svg(pdf, score["svg"], pdf.l_margin + n * (half + 6), top, half)
               for n, score in enumerate(pictures["scores"])]
    pdf.set_y(top + max(heights, default=0) + 2)

    heading("Förslag och beslut", 12)
    suggestions = session.execute(select(Suggestion).where(
        Suggestion.assessment_id == assessment.id).order_by(Suggestion.rank)).scalars().all()
    shown = [s for s in suggestions if s.rank <= 5 or s.status != "föreslagen"]
    if not shown:
        para("Inga förslag har sparats.")
    else:
        pdf.set_font("Helvetica", size=9)
        with pdf.table(col_widths=(8, 60, 40, 30, 42), first_row_as_headings=True,
                       line_height=4.5, text_align="LEFT", headings_style=HEADINGS) as table:
            head = table.row()
            for title in ("Nr", "Insats", "Evidens", "Beslut", "Kommentar"):
                head.cell(title)
            for s in shown:
                entry = names.get(s.intervention_id)
                row = table.row()
                row.cell(str(s.rank))
                row.cell(printable(entry.name if entry else s.intervention_id))
                row.cell(printable((s.reasons or {}).get("evidence_label", "–")))
                row.cell(printable(s.status + (f" {stamp(s.decided_at)[:10]}" if s.decided_at else "")))
                row.cell(printable(s.comment or ""))
        pdf.set_font("Helvetica", size=10)

    # ---- Then: every answer, area by area, with the words it came from ----
    pdf.add_page()
    heading("Svar per område", 14)
    para("Källa: knapp, fritext, rättad eller överhoppad. Orden är handläggarens meddelande "
         "som svaret lästes ur, maskerat.", 9)
    history = session.execute(select(Answer).where(Answer.assessment_id == assessment.id)
                              .order_by(Answer.id)).scalars().all()
    for module in modules:
        rows = [(q, a) for q in module.questions for a in history
                if a.question_id == q.id and a.current]
        if not rows:
            continue
        heading(module.name, 11)
        pdf.set_font("Helvetica", size=8.5)
        with pdf.table(col_widths=(46, 42, 20, 72), first_row_as_headings=True,
                       line_height=4.2, text_align="LEFT", headings_style=HEADINGS) as table:
            head = table.row()
            for title in ("Fråga", "Svar", "Källa", "Med handläggarens ord"):
                head.cell(title)
            for question, answer in rows:
                earlier = [a for a in history if a.question_id == question.id and not a.current]
                shown_answer = describe(question, answer.value, modules)
                if earlier:
                    shown_answer += " (rättat; tidigare: " + ", ".join(
                        describe(question, a.value, modules) for a in earlier) + ")"
                if answer.skip_reason:
                    shown_answer += f" ({answer.skip_reason})"
                how = answer.source
                row = table.row()
                row.cell(printable(question.about[:1].upper() + question.about[1:]))
                row.cell(printable(shown_answer))
                row.cell(printable(how))
                row.cell(printable(answer.masked_text or ""))
        pdf.set_font("Helvetica", size=10)
    waiting = deferred(modules, answers)
    skipped = [q.about for m in modules for q in m.questions if reasons.get(q.id) is not None
               or (q.id in answers and answers[q.id] is None)]
    heading("Överhoppat och uppskjutet", 11)
    para("Överhoppade frågor: " + (", ".join(skipped) or "inga") + ".")
    para("Uppskjutna till ett enskilt samtal med klienten: "
         + (", ".join(q.about for q in waiting) or "inga") + ".")

    heading("Sammanfattning för klienten")
    plain = [(names[s.intervention_id].name if s.intervention_id in names else s.intervention_id,
              ", ".join(f["name"].split(" (")[0].lower()
                        for f in (s.reasons or {}).get("factors", [])[:2]) or "bedömda behov",
              s.status) for s in suggestions if s.rank <= 5 or s.status != "föreslagen"]
    para(client_summary(modules, answers, plain, local(generated_at).date().isoformat()))
    return bytes(pdf.output())
