"""Scoring of the AUDIT and DUDIT screening instruments: pure functions, no I/O but the cut-off file."""
