"""The mapping step: what each column of a file becomes, when its headings do not say (a list made
elsewhere), chosen by the officer and remembered per kind and set of headings, so that the next file made
the same way is read without asking."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.audit import acting_user_id
from ..core.db import db
from ..core.time import now_utc
from .columns import alias_map
from .kinds import ImportKind
from .models import ImportMapping
from .reading import Sheet, header_key, headings_key


def remembered_mapping(kind: str, headings: list[str]) -> dict[str, str] | None:
    """The mapping chosen for a file with these headings, if one was: {heading key: column key or ""}."""
    stored = db.session.scalar(
        select(ImportMapping).where(
            ImportMapping.kind == kind, ImportMapping.headers_key == headings_key(headings)
        )
    )
    return dict(stored.columns) if stored else None


def remember_mapping(kind: str, headings: list[str], mapping: dict[str, str]) -> None:
    key = headings_key(headings)
    stored = db.session.scalar(
        select(ImportMapping).where(ImportMapping.kind == kind, ImportMapping.headers_key == key)
    )
    if stored is None:
        stored = ImportMapping(kind=kind, headers_key=key)
        db.session.add(stored)
    stored.headers, stored.columns = list(headings), dict(mapping)
    stored.user_id, stored.updated_at = acting_user_id(), now_utc()
    db.session.flush()


def proposed_columns(spec: ImportKind, sheet: Sheet, remembered: dict[str, str] | None) -> list[dict]:
    """Each heading of the file with a few of its values and what it becomes now (known heading,
    remembered choice, or nothing): the rows of the mapping form."""
    aliases = {**alias_map(spec.columns), **(remembered or {})}
    found = []
    for position, heading in enumerate(sheet.headings):
        if not heading:
            continue
        samples = [row[position] for row in sheet.samples if position < len(row) and row[position]]
        found.append(
            {
                "position": position,
                "heading": heading,
                "samples": samples,
                "key": aliases.get(header_key(heading)) or "",
            }
        )
    return found


def check_mapping(spec: ImportKind, sheet: Sheet, chosen: dict[int, str]) -> tuple[dict[str, str], list[str]]:
    """The officer's choices (heading position -> column key or "") as a mapping by heading, and what is
    wrong with them: a column chosen twice, no name column, a key that is no column of this kind."""
    known = {c.key for c in spec.columns}
    errors, mapping, used = [], {}, {}
    for position, key in chosen.items():
        if position >= len(sheet.headings) or not sheet.headings[position]:
            continue
        if key and key not in known:
            errors.append(_("Choose what each column becomes from the list."))
            continue
        if key and key in used:
            errors.append(
                _(
                    "%(first)s and %(second)s cannot both become the same column.",
                    first=used[key],
                    second=sheet.headings[position],
                )
            )
            continue
        if key:
            used[key] = sheet.headings[position]
        mapping[header_key(sheet.headings[position])] = key
    if not any(key in used for key in spec.any_of):
        errors.append(_("Say which column holds the name."))
    return mapping, errors
