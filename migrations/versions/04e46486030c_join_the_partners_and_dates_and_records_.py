"""Join the partners-and-dates and records lines of issue 11

Revision ID: 04e46486030c
Revises: b7d1e4a9c2f3, d94c65660a46
Create Date: 2026-12-07 01:13:03.765506

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "04e46486030c"
down_revision = ("b7d1e4a9c2f3", "d94c65660a46")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
