"""Uploaded files: checked by content (not by name), stored outside static under random names,
and sent back only through views that check who may see them."""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import datetime
from pathlib import Path

import filetype
from flask import current_app, send_file
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import FileStorage

from .db import db
from .time import UTCDateTime, now_utc

DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/webp", "image/gif"})
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})


class UploadRejected(ValueError):
    """The upload cannot be stored; the message says why, in the user's language."""


class StoredFile(db.Model):
    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    storage_name: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    original_name: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, nullable=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    @property
    def path(self) -> Path:
        return Path(current_app.config["UPLOAD_FOLDER"]) / self.storage_name[:2] / self.storage_name


def _clean_name(name: str | None) -> str:
    name = os.path.basename((name or "").replace("\\", "/")).strip() or "file"
    return "".join(ch for ch in name if ch.isprintable())[:255]


def store_upload(
    upload: FileStorage, allowed: frozenset[str], max_bytes: int | None = None, user_id: int | None = None
) -> StoredFile:
    """Check an upload's size and real type, write it to the upload folder and return its record."""
    data, content_type = check_upload(upload, allowed, max_bytes)
    return save_bytes(data, upload.filename, content_type, user_id)


def check_upload(
    upload: FileStorage, allowed: frozenset[str], max_bytes: int | None = None
) -> tuple[bytes, str]:
    """An upload's bytes and real type, refused (UploadRejected) when empty, too large or of another type.
    Nothing is written: several uploads of one form can all be checked before any is stored."""
    data = read_limited(upload, max_bytes or current_app.config["MAX_DOCUMENT_BYTES"])
    kind = filetype.guess(data)
    content_type = kind.mime if kind else None
    if content_type not in allowed:
        raise UploadRejected(_("This kind of file is not accepted. Upload a PDF or an image (JPEG, PNG)."))
    return data, content_type


def read_limited(upload: FileStorage, max_bytes: int) -> bytes:
    """The upload's bytes, refused when empty or larger than `max_bytes`."""
    data = upload.stream.read(max_bytes + 1)
    if not data:
        raise UploadRejected(_("The file is empty."))
    if len(data) > max_bytes:
        raise UploadRejected(_("The file is larger than %(mb)d MB.", mb=max_bytes // (1024 * 1024)))
    return data


def save_bytes(
    data: bytes, filename: str | None, content_type: str, user_id: int | None = None
) -> StoredFile:
    stored = StoredFile(
        storage_name=secrets.token_hex(16),
        original_name=_clean_name(filename),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=user_id,
    )
    path = stored.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    db.session.add(stored)
    return stored


def send_stored(stored: StoredFile, inline: bool = False):
    return send_file(
        stored.path,
        mimetype=stored.content_type,
        as_attachment=not inline,
        download_name=stored.original_name,
        max_age=0,
    )
