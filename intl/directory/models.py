"""The link between an account and its directory identity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.time import UTCDateTime, now_utc


class DirectoryIdentity(db.Model):
    """An account's identity in a directory provider ("ldap", "oidc"): who the directory says it is, the groups
    it was last seen in, and when the directory was last asked."""

    __tablename__ = "directory_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False)
    provider: Mapped[str] = mapped_column(String(40), nullable=False)
    identifier: Mapped[str] = mapped_column(String(255), nullable=False)
    groups: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    # What the provider needs to be asked again (an OpenID Connect refresh token), encrypted with SECRET_KEY.
    secret: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The directory (not an administrator) took the account's access away: signing in again gives it back.
    disabled_by_directory: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    last_error: Mapped[str | None] = mapped_column(String(300))

    user = relationship("User")

    __table_args__ = (
        UniqueConstraint("provider", "identifier", name="uq_directory_identity_provider_identifier"),
        Index("ix_directory_identity_user", "user_id"),
    )
