"""What can be imported: each kind of record says how its rows are read, checked and written.

The import pages (upload, preview, confirm, template files) know no kind of their own: a feature registers
its kind (`register_import_kind`, from its blueprint) and the pages find it here. The directory's kinds
(contacts, organizations, partners) are registered by this package's blueprint (directory.py); features
above it, such as the annual plan, register theirs, so that nothing here imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.access import STAFF
from ..core.audit import register_field_labels
from .columns import Column


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: object  # lazy string: the title of the upload and preview pages
    columns: list[Column]
    values: Callable  # RowReader -> the row's values as they will be stored (problems in reader.errors)
    any_of: tuple[str, ...]  # the file must have at least one of these columns
    flag: Callable[[str, list[dict]], None]  # (kind, rows): duplicates, look-ups, links between rows
    write: Callable[[list[dict]], int]  # the valid rows -> how many were written (flushes, never commits)
    list_endpoint: str  # where the user goes after confirming or cancelling
    detail_endpoint: tuple[str, str]  # (endpoint, id argument) of an existing record a row duplicates
    uploadable: bool = True  # False: uploaded from the feature's own page (the plan asks for its year)
    roles: frozenset[str] = field(default=STAFF)  # who may import this kind (a named role set)
    # (analysis, what the upload page asked) -> the analysis completed with what only the feature knows (the
    # plan compares the rows with the year's items); run where the file is read, the request or a job.
    prepare: Callable[[dict, dict], dict] | None = None


_KINDS: dict[str, ImportKind] = {}


def register_import_kind(kind: ImportKind) -> None:
    _KINDS[kind.key] = kind
    # An imported record's audit entry lists the values of its row under the columns' keys.
    register_field_labels(kind.key, {column.key: column.label for column in kind.columns})


def import_kinds() -> dict[str, ImportKind]:
    return _KINDS


def import_kind(key: str) -> ImportKind | None:
    return _KINDS.get(key)
