"""Phones without apostrophes: the contact export and the import template wrote phone numbers as '+886 ...
(a spreadsheet formula guard), and importing those files stored the apostrophe with the number. Data only.

Revision ID: b7d1e4a9c2f3
Revises: 082cb9fec309
Create Date: 2026-12-07 00:50:00

"""

from alembic import op
import sqlalchemy as sa

revision = "b7d1e4a9c2f3"
down_revision = "082cb9fec309"
branch_labels = None
depends_on = None

# (table, column) holding phone numbers that an import may have filled.
PHONE_COLUMNS = (("contact_phone", "number"), ("organization", "phone"))


def clean_phones(connection) -> None:
    """Drop the leading apostrophe (and the blanks around it) of every stored phone number."""
    for table, column in PHONE_COLUMNS:
        rows = connection.execute(
            sa.text(f"SELECT id, {column} FROM {table} WHERE {column} LIKE :guarded"), {"guarded": "'%"}
        ).all()
        for row_id, number in rows:
            connection.execute(
                sa.text(f"UPDATE {table} SET {column} = :number WHERE id = :id"),
                {"number": number.lstrip("'").strip(), "id": row_id},
            )


def upgrade():
    clean_phones(op.get_bind())


def downgrade():
    pass  # the apostrophes were never part of the numbers
