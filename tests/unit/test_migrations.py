"""Migrations go up and down on both databases, and match the model exactly."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from bot.storage import migrate
from bot.storage.models import Base

OUR_TABLES = set(Base.metadata.tables)


def tables(url):
    engine = create_engine(url, future=True)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(any_db_url):
    assert OUR_TABLES <= tables(any_db_url)
    assert migrate.current_revision(any_db_url) is not None
    migrate.downgrade(any_db_url)
    assert not (OUR_TABLES & tables(any_db_url))
    migrate.upgrade(any_db_url)
    assert OUR_TABLES <= tables(any_db_url)


def test_migrations_match_the_model(any_db_url):
    engine = create_engine(any_db_url, future=True)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        diff = [d for d in compare_metadata(ctx, Base.metadata) if "events" not in str(d)]
    engine.dispose()
    assert diff == []
