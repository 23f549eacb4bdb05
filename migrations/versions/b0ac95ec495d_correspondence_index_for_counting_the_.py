"""Correspondence: an index for counting the letters a user may see; replies indexed only where there are some

Revision ID: b0ac95ec495d
Revises: 2833d5dfd30a
Create Date: 2026-11-27 23:21:06.325777

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b0ac95ec495d'
down_revision = '2833d5dfd30a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.create_index('ix_letter_visible', ['archived_at', 'confidential', 'assigned_to_id'], unique=False)
        batch_op.drop_index('ix_letter_in_reply_to')
        batch_op.create_index(
            'ix_letter_in_reply_to',
            ['in_reply_to_id'],
            unique=False,
            sqlite_where=sa.text('in_reply_to_id IS NOT NULL'),
            postgresql_where=sa.text('in_reply_to_id IS NOT NULL'),
        )


def downgrade():
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_index('ix_letter_in_reply_to')
        batch_op.create_index('ix_letter_in_reply_to', ['in_reply_to_id'], unique=False)
        batch_op.drop_index('ix_letter_visible')
