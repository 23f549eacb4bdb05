"""Rebuilding derived search data for every record kind that has names."""

from __future__ import annotations

from sqlalchemy import select

from .core.db import db


def reindex_all() -> int:
    from .partners.models import Partner
    from .partners.services import reindex_partner

    count = 0
    for partner in db.session.scalars(select(Partner)):
        reindex_partner(partner)
        count += 1
    db.session.commit()
    return count
