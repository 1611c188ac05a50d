"""The record beside the chat: built from the stored rows, and every click correction is a
chat message the ordinary correction path reads back to exactly that answer."""
from __future__ import annotations

import pytest

from bot.assessment.corrections import find_correction
from bot.assessment.pending import Pending
from bot.assessment.question_bank import load_bank
from bot.assessment.record import AnswerRow, build_record, choices, correction_prefix

BANK = load_bank()
QUESTIONS = [q for m in BANK for q in m.questions]


def row(qid, value, text=None, source="fritext", current=True, reason=None):
    return AnswerRow(qid, value, source, text, reason, current)


def answered_everything() -> dict:
    """Some answer for every question, so each is 'answered' when its correction is read."""
    out = {}
    for q in QUESTIONS:
        if q.type == "yes_no":
            out[q.id] = True
        elif q.type == "choice":
            out[q.id] = q.options[0].value
    return out


@pytest.mark.parametrize("question", [q for q in QUESTIONS if choices(q)], ids=lambda q: q.id)
def test_every_choice_a_click_offers_is_read_back_by_the_typed_correction_path(question):
    answers = answered_everything()
    for choice in choices(question):
        text = correction_prefix(question, BANK) + choice["says"]
        found = find_correction(BANK, answers, text)
        assert found.question is not None and found.question.id == question.id, text
        assert found.reading is not None, text
        wanted = {"ja": True, "nej": False}.get(choice["says"]) if question.type == "yes_no" \
            else next(o.value for o in question.options if o.label == choice["says"])
        assert found.reading.value == wanted, text


def test_a_shared_topic_is_named_by_an_alias_of_its_own():
    audit_5 = next(q for q in QUESTIONS if q.id == "audit_5")
    dudit_7 = next(q for q in QUESTIONS if q.id == "dudit_7")
    assert audit_5.about == dudit_7.about
    assert correction_prefix(audit_5, BANK) != correction_prefix(dudit_7, BANK)


def test_record_shows_answer_words_skips_gate_and_what_is_left():
    rows = [
        row("client_sex", "kvinna", "kvinna", source="knapp"),
        row("seen_alone", True, "ja", source="knapp"),
        row("modules_chosen", ["ekonomi", "alkohol"], "ekonomi och alkohol"),
        row("economy_gate", True, "ja hon har det svårt"),
        row("income_source", "forsorjningsstod", "hon får försörjningsstöd sedan i våras"),
        row("debts", True, "hon har skulder"),
        row("debts", False, "ändra svaret om skulder till nej", source="rättad"),
        row("months_on_assistance", None, "vet inte", source="överhoppad",
            reason="handläggaren vet inte"),
    ]
    # The first row for debts is no longer current: a correction replaced it.
    rows[5] = AnswerRow("debts", True, "fritext", "hon har skulder", None, False)
    record = build_record(BANK, rows)
    areas = {a["id"]: a for a in record["areas"]}
    economy = areas["ekonomi"]
    debts = next(q for q in economy["questions"] if q["id"] == "debts")
    assert (debts["answer"], debts["words"], debts["earlier"]) == (
        "nej", "ändra svaret om skulder till nej", ["ja"])
    assert debts["correct"]["prefix"] == "ändra svaret om skulder till "
    skipped = next(q for q in economy["questions"] if q["id"] == "months_on_assistance")
    assert (skipped["status"], skipped["skip_reason"]) == ("överhoppad", "handläggaren vet inte")
    assert any(q["status"] == "kvar" for q in economy["questions"])
    assert areas["barn"]["state"] == "inte vald" and not areas["barn"]["questions"]
    assert record["left"] > 0 and record["next"]
    # Nothing the case worker did not say: no answer where no row is stored.
    assert all("answer" not in q for a in record["areas"] for q in a["questions"]
               if q["status"] == "kvar")


def test_a_closed_gate_says_why_the_rest_is_not_asked():
    rows = [row("modules_chosen", ["narkotika"], "narkotika"),
            row("drugs_gate", False, "nej, inga droger")]
    drugs = next(a for a in build_record(BANK, rows)["areas"] if a["id"] == "narkotika")
    assert "droganvändning senaste året" in drugs["closed_by"]
    # DUDIT items 10-11 ask about earlier use too and are asked past the gate (issue 19).
    assert [q["id"] for q in drugs["questions"]] == ["drugs_gate", "dudit_10", "dudit_11"]


def test_pending_proposals_are_listed_with_their_sentence():
    record = build_record(BANK, [], [Pending("debts", True, "ja", "uppfattat",
                                             "hon har skulder hos KFM"),
                                     Pending("no_such_question", True, "ja", "uppfattat", "x")])
    assert record["pending"] == [{"question_id": "debts", "topic": "skulder", "label": "ja",
                                  "value": True, "words": "hon har skulder hos KFM",
                                  "kind": "uppfattat"}]
    assert record["confirm"] == {"kind": "uppfattat", "yes": "Ja, det stämmer", "no": "Nej"}
    meant = build_record(BANK, [], [Pending("audit_1", 2, "2–4 gånger i månaden", "menar_du"),
                                    Pending("debts", True, "ja", "uppfattat")])
    assert meant["confirm"] == {"kind": "menar_du", "yes": "Ja", "no": "Nej"}
    assert build_record(BANK, [])["confirm"] is None


def test_confirm_replies_are_what_the_core_takes_as_yes_and_no():
    from bot.assessment.turn import CONFIRM_NO, CONFIRM_YES, _confirmation_reply

    assert (CONFIRM_YES, CONFIRM_NO) == ("Ja, det stämmer", "Nej")
    assert _confirmation_reply("Ja") is True and _confirmation_reply("Nej") is False
    assert _confirmation_reply(CONFIRM_YES) is True
