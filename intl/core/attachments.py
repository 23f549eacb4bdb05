"""Files kept with a record (a letter's scans, a visit's photos and signed documents): one table shape, one
way to add them, one way to send them back.

A kind that keeps attachments defines its table as `class XAttachment(AttachmentMixin, db.Model)` with the
owner's foreign key named by `owner_column`, and a relationship `attachments` on the owner.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from . import audit
from .audit import acting_user_id
from .db import db
from .files import DOCUMENT_TYPES, send_stored, store_upload


class AttachmentMixin:
    """id, the stored file and a caption; the owner's foreign key is the subclass's `owner_column`."""

    owner_column: str  # "letter_id", "delegation_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    caption: Mapped[str | None] = mapped_column(String(300))

    @declared_attr
    def file_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("stored_file.id", ondelete="CASCADE"), nullable=False)

    @declared_attr
    def file(cls):
        return relationship("StoredFile", lazy="joined")

    @property
    def owner_id(self) -> int:
        return getattr(self, self.owner_column)


def add_attachment(owner, model: type, upload, caption: str | None):
    """Store an upload (checked by its content and size, MAX_DOCUMENT_BYTES) and keep it with `owner`.

    Raises files.UploadRejected with a message for the user."""
    stored = store_upload(upload, DOCUMENT_TYPES, user_id=acting_user_id())
    db.session.flush()
    attachment = model(**{model.owner_column: owner.id}, file_id=stored.id, caption=caption)
    db.session.add(attachment)
    db.session.flush()
    audit.record("update", owner, {"attachments": [None, stored.original_name]})
    return attachment


def send_attachment(model: type, owner_id: int, attachment_id: int):
    """The file of one attachment of an owner the caller has already loaded (and checked) by its id."""
    item = db.session.get(model, attachment_id)
    if item is None or item.owner_id != owner_id:
        abort(404)
    return send_stored(item.file, inline=item.file.content_type.startswith("image/"))
