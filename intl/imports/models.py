from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
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
