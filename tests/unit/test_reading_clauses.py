"""Where a message splits into clauses (bot/reading/text.py)."""
from bot.reading.text import split_raw


def test_a_decimal_comma_before_a_unit_is_part_of_the_number():
    assert split_raw("Arbetslös i 1,5 år, inskriven på AF") == ["Arbetslös i 1,5 år", "inskriven på AF"]
    assert split_raw("2.5 glas vin") == ["2.5 glas vin"]


def test_other_commas_and_points_still_split():
    assert split_raw("3,5 och 9") == ["3", "5 och 9"]  # ages typed without a space
    assert split_raw("hon är 30. 5 år sen") == ["hon är 30", "5 år sen"]
