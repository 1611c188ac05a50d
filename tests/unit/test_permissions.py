"""Each role sees exactly what it should of an assessment."""
import pytest

from bot.auth.permissions import Owner, Reader, can_read_assessment

ANNA = Reader(1, "handläggare", "EB Nord")
BERIT = Reader(2, "handläggare", "EB Nord")
CARL = Reader(3, "arbetsledare", "EB Nord")
DORA = Reader(4, "arbetsledare", "Missbruk Syd")
ERIK = Reader(5, "utbildare", "Utbildning")
FIA = Reader(6, "admin", "IT")

ANNAS = Owner(1, "EB Nord", training=False)
ANNAS_PRACTICE = Owner(1, "EB Nord", training=True)
UNOWNED = Owner(None, None, training=False)


@pytest.mark.parametrize(
    "reader, owner, allowed",
    [
        (ANNA, ANNAS, True),
        (BERIT, ANNAS, False),
        (CARL, ANNAS, True),
        (DORA, ANNAS, False),
        (ERIK, ANNAS, False),
        (ERIK, ANNAS_PRACTICE, True),
        (FIA, ANNAS, False),
        (ANNA, UNOWNED, False),
        (CARL, UNOWNED, False),
    ],
)
def test_who_may_read_an_assessment(reader, owner, allowed):
    assert can_read_assessment(reader, owner) is allowed
