"""Feed tokens say why they ended; confidential engagements' stored full texts are rebuilt with their details

Revision ID: 3b7e51c0a9d2
Revises: 50ac84e46c90
Create Date: 2026-12-07 10:00:00.000000

Feeds no longer blank confidential engagements for every subscriber: who reads one in full is the access rule's
answer, and the stored "full" VEVENT of a confidential engagement must hold its details. The stored texts are a
cache (rebuilt on demand when missing), so those rows are deleted here and on the way down.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b7e51c0a9d2'
down_revision = '50ac84e46c90'
branch_labels = None
depends_on = None

FORGET_CONFIDENTIAL_FULL_TEXTS = sa.text(
    "DELETE FROM engagement_calendar_text WHERE scope = 'full' AND engagement_id IN "
    "(SELECT id FROM engagement WHERE visibility = 'confidential')"
)


def upgrade():
    with op.batch_alter_table('feed_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_reason', sa.String(length=20), nullable=True))
    op.execute("UPDATE feed_token SET revoked_reason = 'revoked' WHERE revoked_at IS NOT NULL")
    op.execute(FORGET_CONFIDENTIAL_FULL_TEXTS)


def downgrade():
    op.execute(FORGET_CONFIDENTIAL_FULL_TEXTS)
    with op.batch_alter_table('feed_token', schema=None) as batch_op:
        batch_op.drop_column('revoked_reason')
