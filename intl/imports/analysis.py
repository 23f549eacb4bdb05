"""The preview of an import: every row as it will be stored, every invalid row with its reason, and every
possible duplicate (of a record already kept, or of an earlier row of the same file)."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from sqlalchemy import select

from ..contacts.duplicates import duplicates_in_bulk, email_keys, match_keys
from ..core.db import db
from ..core.textnorm import normalize
from ..organizations.models import Organization
from ..partners.models import Partner
from . import rows as row_values
from .columns import alias_map
from .kinds import import_kind
from .mapping import remembered_mapping
from .reading import NeedsMapping, read_sheet, read_table


def names_index(model) -> dict[str, list[int]]:
    """Every live record's names, folded, to the ids carrying them (records by name, for look-ups)."""
    index: dict[str, list[int]] = {}
    for record_id, names in db.session.execute(
        select(model.id, model.names).where(model.archived_at.is_(None))
    ):
        for name in dict.fromkeys(normalize(n) for n in names.values()):
            index.setdefault(name, []).append(record_id)
    return index


# How often a job reading a large file reports its progress (each report is a commit).
PROGRESS_EVERY = 500


def analyze(
    kind: str,
    data: bytes,
    filename: str,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Every row of the file read, checked and flagged by the kind's own rules. The columns are matched by
    their headings, or by `mapping` (the mapping step), or by the mapping remembered for these headings.
    Raises NeedsMapping when the headings do not say which column is which, UnreadableFile otherwise.
    `progress(rows checked, rows)` is told every PROGRESS_EVERY rows and once all are checked (a job shows
    "1,500 of 10,000 rows read"); matching them with the records kept (`flag`) comes after that."""
    spec = import_kind(kind)
    if spec is None:
        raise ValueError(f"no import kind {kind!r} is registered")
    aliases = alias_map(spec.columns)
    if mapping is None:
        mapping = remembered_mapping(kind, read_sheet(data, filename, aliases).headings)
    table = read_table(data, filename, aliases, required=set(), mapping=mapping)
    if not any(key in table.columns for key in spec.any_of):
        raise NeedsMapping(
            _("The file has no name column. Say what each column is, or start from the template file."),
            table.headings,
        )
    results = []
    if progress is not None:
        progress(0, len(table.rows))
    for number, cells in table.rows:
        if progress is not None and results and len(results) % PROGRESS_EVERY == 0:
            progress(len(results), len(table.rows))
        reader = row_values.RowReader(cells, table.columns)
        values = spec.values(reader)
        results.append(
            {
                "row": number,
                "values": values,
                "errors": reader.errors,
                "duplicates": [],
                "same_as_row": None,
                "notes": [],
            }
        )
    if progress is not None:
        progress(len(results), len(results))
    spec.flag(kind, results)
    if "source" not in table.columns:
        # Where a file says nothing of where its ties come from, the file itself is their source.
        for result in results:
            tie = result["values"].get("tie")
            if tie and not tie.get("source"):
                tie["source"] = _("Imported from %(file)s", file=filename)[:300]
    return {
        "kind": kind,
        "encoding": table.encoding,
        "columns": list(table.columns),
        "ignored": table.ignored,
        "headings": table.headings,
        "mapped": bool(mapping),
        "rows": results,
        "counts": counts(results),
    }


def counts(results: list[dict]) -> dict:
    invalid = sum(1 for r in results if r["errors"])
    duplicates = sum(1 for r in results if not r["errors"] and (r["duplicates"] or r["same_as_row"]))
    return {
        "rows": len(results),
        "invalid": invalid,
        "duplicates": duplicates,
        "valid": len(results) - invalid,
    }


def flag_contacts(kind: str, results: list[dict]) -> None:
    keyed = []
    for result in results:
        v = result["values"]
        stored, probes = match_keys(v["family_name"], v["given_name"], v["chinese_name"], v["latin_name"])
        keyed.append((stored, probes, email_keys(v["emails"])))
    existing = duplicates_in_bulk([(probes, emails) for _stored, probes, emails in keyed])
    seen: dict[str, int] = {}  # stored keys (and e-mails) of earlier rows -> their row number
    for result, (stored, probes, emails), found in zip(results, keyed, existing, strict=True):
        result["duplicates"] = found
        mail = {"e:" + e for e in emails}
        earlier = sorted(seen[k] for k in probes | mail if k in seen)
        result["same_as_row"] = earlier[0] if earlier else None
        for key in stored | mail:
            seen.setdefault(key, result["row"])
    organizations = names_index(Organization)
    for result in results:
        name = result["values"].get("organization")
        if not name or result["errors"]:
            continue
        ids = organizations.get(normalize(name), [])
        if len(ids) > 1:
            result["errors"].append(
                _("Several organizations are called %(name)s: add the contact by hand.", name=name)
            )
        elif not ids:
            result["notes"].append(_("New organization: %(name)s", name=name))


PARTNER_FIELDS = (
    "names",
    "kind",
    "country",
    "region",
    "timezone",
    "focus_areas",
    "notes",
    "latitude",
    "longitude",
)


def flag_partners(kind: str, results: list[dict]) -> None:
    """As flag_named; and a row repeating an earlier row's partner exactly with another tie is that partner's
    further agreement (the export writes one row per tie), not a duplicate of the row."""
    flag_named(kind, results)
    by_row = {r["row"]: r for r in results}
    for result in results:
        head = by_row.get(result["same_as_row"])
        if head is None or result["errors"] or not result["values"].get("tie"):
            continue
        while head.get("tie_of_row"):
            head = by_row[head["tie_of_row"]]
        if all(result["values"].get(f) == head["values"].get(f) for f in PARTNER_FIELDS):
            result["tie_of_row"], result["same_as_row"] = head["row"], None
            result["notes"].append(_("Another agreement of the partner in row %(n)s", n=head["row"]))


def flag_named(kind: str, results: list[dict]) -> None:
    model = Organization if kind == "organization" else Partner
    existing = names_index(model)
    seen: dict[str, int] = {}
    partners = names_index(Partner) if kind == "organization" else {}
    for result in results:
        names = list(dict.fromkeys(normalize(n) for n in result["values"]["names"].values()))
        result["duplicates"] = list(dict.fromkeys(i for n in names for i in existing.get(n, [])))[:10]
        earlier = [seen[n] for n in names if n in seen]
        result["same_as_row"] = earlier[0] if earlier else None
        for name in names:
            seen.setdefault(name, result["row"])
        if kind == "organization":
            partner = result["values"].get("partner")
            if partner and not result["errors"] and len(partners.get(normalize(partner), [])) != 1:
                result["errors"].append(_("No single partner city is called %(name)s.", name=partner))
            parent = result["values"].get("parent")
            if (
                parent
                and not result["errors"]
                and normalize(parent) not in existing
                and normalize(parent) not in seen
            ):
                result["errors"].append(
                    _("No organization is called %(name)s (parents must exist or come first).", name=parent)
                )
