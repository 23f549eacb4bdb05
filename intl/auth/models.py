"""The user account."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import UserMixin
from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from ..core.db import db
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, office_zone_name

DATE_STYLES = ("gregorian", "roc", "buddhist")

USER_LABELS = {
    "username": _l("User name"),
    "display_name": _l("Display name"),
    "email": _l("E-mail"),
    "role": _l("Role"),
    "active": _l("Active"),
    "locale": _l("Language"),
    "date_style": lazy_pgettext("user setting", "Dates"),
    "timezone": _l("Time zone"),
    "password": _l("Password"),
}


@record_kind("user")
class User(UserMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    # When the password last changed: sessions issued before it are no longer honoured.
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locale: Mapped[str | None] = mapped_column(String(20))
    date_style: Mapped[str] = mapped_column(String(20), nullable=False, default="gregorian")
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default=office_zone_name)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    audit_fields = ("username", "display_name", "email", "role", "active", "locale", "date_style", "timezone")
    audit_labels = USER_LABELS

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        # The password epoch is part of the session identity: changing the password signs out other sessions.
        stamp = int(self.password_changed_at.timestamp() * 1_000_000) if self.password_changed_at else 0
        return f"{self.id}:{stamp}"

    def audit_label(self) -> str:
        return f"{self.display_name} ({self.username})"
