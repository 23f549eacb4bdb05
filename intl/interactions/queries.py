"""Reading interactions and the records they link to (through the pickers' registry: the features that own
contacts, organizations and partners sit above this one)."""

from __future__ import annotations

from sqlalchemy import select

from ..core.db import db
from ..core.pickers import picker_kinds
from .models import Interaction


def linked_records(kind: str, ids: list[int]) -> list:
    """The records of `kind` with these ids, in the order given (those that no longer exist left out)."""
    if not ids:
        return []
    model = picker_kinds()[kind].model
    found = {r.id: r for r in db.session.scalars(select(model).where(model.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def other_contacts(interaction: Interaction) -> list:
    """The contacts an interaction also concerns, beyond the record it was entered on."""
    home = (interaction.home_kind, interaction.home_id)
    return linked_records(
        "contact", [cid for cid in interaction.linked_ids("contact") if ("contact", cid) != home]
    )
