"""The language a student applied in, so that later mail reaches them in it

Revision ID: 155fc12f6c70
Revises: 082cb9fec309
Create Date: 2026-12-07 00:23:41.695413

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "155fc12f6c70"
down_revision = "082cb9fec309"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("internship_application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("internship_application", schema=None) as batch_op:
        batch_op.drop_column("locale")
