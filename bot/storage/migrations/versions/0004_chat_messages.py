"""chat messages: the widget's history, idempotent on the browser's message id

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'chat_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conversation_id', sa.String(length=64), nullable=False),
        sa.Column('sender', sa.String(length=8), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('payload', sa.String(length=500), nullable=True),
        sa.Column('buttons', sa.JSON(), nullable=True),
        sa.Column('progress', sa.JSON(), nullable=True),
        sa.Column('client_message_id', sa.String(length=64), nullable=True),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('reply_to_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id']),
        sa.ForeignKeyConstraint(['reply_to_id'], ['chat_messages.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('conversation_id', 'client_message_id'),
    )
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_messages_conversation_id'),
                              ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_messages_reply_to_id'),
                              ['reply_to_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_messages_reply_to_id'))
        batch_op.drop_index(batch_op.f('ix_chat_messages_conversation_id'))
    op.drop_table('chat_messages')
