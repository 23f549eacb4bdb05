"""Free tags shared by contacts and organizations ("Lantern Festival 2026", "halal caterer", "VIP")."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, select
from sqlalchemy.orm import Mapped, mapped_column

from .db import db


class Tag(db.Model):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)


contact_tag = Table(
    "contact_tag",
    db.metadata,
    Column("contact_id", ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)

organization_tag = Table(
    "organization_tag",
    db.metadata,
    Column("organization_id", ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


def parse_tags(text: str | None) -> list[str]:
    """Tags as typed: separated by commas (either width) or new lines, trimmed, distinct, in order."""
    if not text:
        return []
    parts = text.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
    return list(dict.fromkeys(p.strip()[:100] for p in parts if p.strip()))


def tags_named(names: list[str]) -> list[Tag]:
    """The Tag rows for these names, creating those that do not exist yet."""
    if not names:
        return []
    # Tags are few (hundreds): compare case-insensitively in Python, where casefold knows every script.
    existing = {t.name.casefold(): t for t in db.session.scalars(select(Tag))}
    tags = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
            existing[name.casefold()] = tag
        tags.append(tag)
    return tags


def all_tag_names() -> list[str]:
    return list(db.session.scalars(select(Tag.name).order_by(Tag.name)))
