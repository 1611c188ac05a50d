"""answers remember the chat message that gave them, so a resent message counts once

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('answers') as batch:
        batch.add_column(sa.Column('chat_message_id', sa.Integer(), nullable=True))
        batch.create_index('ix_answers_chat_message_id', ['chat_message_id'])


def downgrade() -> None:
    with op.batch_alter_table('answers') as batch:
        batch.drop_index('ix_answers_chat_message_id')
        batch.drop_column('chat_message_id')
