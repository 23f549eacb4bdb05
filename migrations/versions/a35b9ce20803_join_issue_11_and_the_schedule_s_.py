"""Join issue 11 and the schedule's presence and working calendar

Revision ID: a35b9ce20803
Revises: 04e46486030c, af9918e1bcb3
Create Date: 2026-12-07 01:28:53.204422

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a35b9ce20803"
down_revision = ("04e46486030c", "af9918e1bcb3")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
