"""Tidigt: a Swedish assessment assistant for early support in the social services."""
