"""The overdue letters' index covers what their count reads (archived, confidential, assignee)

The letter list counts the reader's overdue letters on every page: with the index on (status, due_on) alone,
SQLite read each open letter past its date from the table as well (1,133 of 50,000 letters: most of the
list's SQL time).

Revision ID: c3a1f0e2b9d4
Revises: 5f1f60fb785b
Create Date: 2026-12-07 04:55:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c3a1f0e2b9d4"
down_revision = "5f1f60fb785b"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_letter_open_due", table_name="letter")
    op.create_index(
        "ix_letter_open_due", "letter", ["status", "due_on", "archived_at", "confidential", "assigned_to_id"]
    )


def downgrade():
    op.drop_index("ix_letter_open_due", table_name="letter")
    op.create_index("ix_letter_open_due", "letter", ["status", "due_on"])
