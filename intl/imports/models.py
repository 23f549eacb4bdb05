from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.time import UTCDateTime, now_utc


class ImportBatch(db.Model):
    """One uploaded spreadsheet: kept (with its file) from preview to commit, and afterwards as a record of
    what came in. App servers keep no state, so the preview's file lives here, not in memory."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="previewed")
    committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    file = relationship("StoredFile", lazy="joined")
    user = relationship("User", lazy="joined")


class ImportMapping(db.Model):
    """What each column of a file means, as an officer chose it in the mapping step, remembered per kind and
    per set of headings: the next file with the same headings is read the same way without asking."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    headers_key: Mapped[str] = mapped_column(String(64), nullable=False)  # sha256 of the folded headings
    headers: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # the headings, as written
    columns: Mapped[dict] = mapped_column(
        JSON, nullable=False, default=dict
    )  # heading position -> column key
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)

    __table_args__ = (UniqueConstraint("kind", "headers_key", name="import_mapping_headers"),)
