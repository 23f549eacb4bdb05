"""Operations on interactions."""

from __future__ import annotations

from ..core import audit
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from .models import LINKABLE_KINDS, Interaction, InteractionLink


def _links(links: list[tuple[str, int]]) -> list[InteractionLink]:
    seen = dict.fromkeys((kind, int(entity_id)) for kind, entity_id in links if kind in LINKABLE_KINDS)
    return [InteractionLink(kind=kind, entity_id=entity_id) for kind, entity_id in seen]


def create_interaction(home: tuple[str, int], others: list[tuple[str, int]], **fields) -> Interaction:
    """An interaction entered on the `home` record's page, also concerning the `others`."""
    interaction = Interaction(created_by_id=acting_user_id(), home_kind=home[0], home_id=home[1], **fields)
    interaction.links = _links([home, *others])
    db.session.add(interaction)
    db.session.flush()
    audit.record_create(interaction)
    return interaction


def update_interaction(
    interaction: Interaction,
    expected_version: int | None,
    other_contacts: list[int] | None = None,
    **fields,
) -> None:
    """Change an interaction seen at `expected_version` (EditConflict when it changed since)."""
    check_version(interaction, expected_version, fields)
    before = interaction.audit_state()
    for name, value in fields.items():
        setattr(interaction, name, value)
    if other_contacts is not None:
        home = (interaction.home_kind, interaction.home_id)
        wanted = (
            {home}
            | {("contact", cid) for cid in other_contacts}
            | {(link.kind, link.entity_id) for link in interaction.links if link.kind != "contact"}
        )
        have = {(link.kind, link.entity_id) for link in interaction.links}
        interaction.links = [
            link for link in interaction.links if (link.kind, link.entity_id) in wanted
        ] + _links(sorted(wanted - have))
    db.session.flush()
    audit.record_update(interaction, before)
