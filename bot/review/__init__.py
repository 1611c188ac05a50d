"""Supervisor review: building blocks for the review pages (reports, test stories)."""
