"""Kept for its callers: the reading of quantities lives in bot.reading."""
from bot.reading.numbers import to_number
from bot.reading.quantities import Quantity, parse_quantities

__all__ = ["Quantity", "parse_quantities", "to_number"]
