"""Join the partners' languages

Revision ID: 5f1f60fb785b
Revises: 155fc12f6c70, 7670786c8d32
Create Date: 2026-12-07 01:35:39.443385

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5f1f60fb785b"
down_revision = ("155fc12f6c70", "7670786c8d32")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
