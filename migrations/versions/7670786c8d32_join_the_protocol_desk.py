"""Join the protocol desk

Revision ID: 7670786c8d32
Revises: a35b9ce20803, b7e94dba1447
Create Date: 2026-12-07 01:33:15.098715

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "7670786c8d32"
down_revision = ("a35b9ce20803", "b7e94dba1447")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
