"""proposals: readings shown for confirmation ("Menar du …?", "Jag uppfattade också …")

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'proposals',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('assessment_id', sa.Integer(),
                  sa.ForeignKey('assessments.id', ondelete='CASCADE'), nullable=False),
        sa.Column('question_id', sa.String(64), nullable=False),
        sa.Column('value', sa.JSON(), nullable=True),
        sa.Column('label', sa.String(300), nullable=False),
        sa.Column('kind', sa.String(20), nullable=False),
        sa.Column('masked_text', sa.Text(), nullable=True),
        sa.Column('alternatives', sa.JSON(), nullable=True),
        sa.Column('chat_message_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_proposals_assessment_id', 'proposals', ['assessment_id'])


def downgrade() -> None:
    op.drop_index('ix_proposals_assessment_id', table_name='proposals')
    op.drop_table('proposals')
