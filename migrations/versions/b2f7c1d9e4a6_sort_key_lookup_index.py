"""Sort keys: an index of one locale's keys by record, for sorting a search's matches

Revision ID: b2f7c1d9e4a6
Revises: 93a06ecf8662
Create Date: 2026-12-07 13:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b2f7c1d9e4a6'
down_revision = '93a06ecf8662'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sort_key', schema=None) as batch_op:
        batch_op.create_index('ix_sort_key_lookup', ['kind', 'locale', 'entity_id', 'key'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        # Without statistics of its own the new index looks as good as ix_sort_key_order to SQLite's planner,
        # which then sorts every contact for the unfiltered list (100,000 contacts: 10 ms -> 43 ms).
        op.execute('ANALYZE sort_key')


def downgrade():
    with op.batch_alter_table('sort_key', schema=None) as batch_op:
        batch_op.drop_index('ix_sort_key_lookup')
