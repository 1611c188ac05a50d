"""Swedish quantities as case workers type them."""
import pytest

from bot.nlu.quantities import parse_quantities


def only(text):
    found = parse_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q.kind, q.value, q.value_max, q.unit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ungefär två gånger i veckan", ("frequency", 2, None, "vecka")),
        ("2 ggr/vecka", ("frequency", 2, None, "vecka")),
        ("tre gånger per månad", ("frequency", 3, None, "månad")),
        ("en gång i månaden", ("frequency", 1, None, "månad")),
        ("flera gånger i veckan", ("frequency", 2, 6, "vecka")),
        ("2-3 gånger i veckan", ("frequency", 2, 3, "vecka")),
        ("dricker varje dag", ("frequency", 1, None, "dag")),
        ("dagligen", ("frequency", 1, None, "dag")),
        ("varannan vecka", ("frequency", 0.5, None, "vecka")),
        ("någon gång i manaden", ("frequency", 1, None, "månad")),
        ("5-6 glas", ("number", 5, 6, "glas")),
        ("fem till sex glas", ("number", 5, 6, "glas")),
        ("ett par glas", ("number", 2, 3, "glas")),  # "ett par" is two, loosely three
        ("några gånger i månaden", ("frequency", 2, 4, "månad")),
        ("FEM ÅR", ("duration", 5, None, "år")),
        ("tre ar", ("duration", 3, None, "år")),
        ("tjugofem", ("number", 25, None, None)),
        ("Han är arbetslös sedan två år", ("duration", 2, None, "år")),
        ("har fått försörjningsstöd i åtta månader", ("duration", 8, None, "månad")),
        ("sedan tre år", ("duration", 3, None, "år")),
        ("i 10 manader", ("duration", 10, None, "månad")),
        ("sex veckor", ("duration", 6, None, "vecka")),
        ("ett halvår", ("duration", 0.5, None, "år")),
        ("ett halvt år", ("duration", 0.5, None, "år")),
        ("2,5 år", ("duration", 2.5, None, "år")),
        ("ett år", ("duration", 1, None, "år")),
        ("blev utförsäkrad för fyra månader sedan", ("duration", 4, None, "månad")),
        ("varje fredag", ("frequency", 1, None, "vecka")),
        ("fredagar och lördagar", ("frequency", 2, None, "vecka")),
    ],
)
def test_reads_the_quantity(text, expected):
    assert only(text) == expected


def test_offsets_point_at_the_quantity():
    text = "Han är arbetslös sedan två år och har skulder"
    (q,) = parse_quantities(text)
    assert text[q.start:q.end] == q.text == "två år"


def test_several_quantities_in_one_message():
    text = "arbetslös i två år, dricker 5-6 glas varje helg"
    kinds = [(q.kind, q.unit) for q in parse_quantities(text)]
    assert kinds == [("duration", "år"), ("number", "glas"), ("frequency", "vecka")]


@pytest.mark.parametrize(
    "text",
    ["han är arbetslös", "nej", "ar", "det vet jag inte", "", "jag vill starta en bedömning",
     "hon har ett arbete",
     # read as numbers before bot.reading (the entity report's false positives):
     "hur många frågor är kvar", "varför spelar körkort någon roll", "längtar du till jul",
     "ÄR-2026-0007", "tusen tack"],
)
def test_no_quantity_in_plain_text(text):
    assert parse_quantities(text) == []
