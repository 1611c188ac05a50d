"""users carry whether their password is a one-time password that must be changed

The first admin of a new installation gets a generated one-time password (bot.first_run);
signing in with it leads only to choosing a new one.

Revision ID: 0009
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('password_must_change', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('password_must_change')
