"""Partners: an index of live partners' standing, for the dashboard's counts per relationship

Revision ID: c4e1a9d05b7f
Revises: 5f1f60fb785b
Create Date: 2026-12-07 04:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c4e1a9d05b7f"
down_revision = "5f1f60fb785b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partner_live_relationship",
            ["relationship"],
            unique=False,
            sqlite_where=sa.text("archived_at IS NULL"),
            postgresql_where=sa.text("archived_at IS NULL"),
        )


def downgrade():
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index("ix_partner_live_relationship")
