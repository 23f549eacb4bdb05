"""Join the letters' covering index and the partners' relationship index

Revision ID: 93a06ecf8662
Revises: c3a1f0e2b9d4, c4e1a9d05b7f
Create Date: 2026-12-07 05:21:01.413848

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '93a06ecf8662'
down_revision = ('c3a1f0e2b9d4', 'c4e1a9d05b7f')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
