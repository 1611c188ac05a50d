"""Storage: the SQLAlchemy data model, sessions and repositories over it."""
