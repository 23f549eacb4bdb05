"""An import from upload to commit. The preview's analysis is kept as a JSON file beside the upload (app
servers keep no state), so that paging through a 10,000-row preview does not read the spreadsheet again."""

from __future__ import annotations

import json
from pathlib import Path

from flask import current_app

from ..core.audit import acting_user_id
from ..core.db import db
from ..core.files import save_bytes
from ..core.time import now_utc
from .analysis import analyze
from .kinds import import_kind
from .mapping import remember_mapping
from .models import ImportBatch
from .reading import NeedsMapping


class BatchClosed(Exception):
    """The batch was already imported or cancelled."""


def analysis_path(batch: ImportBatch) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "imports" / f"{batch.file.storage_name}.json"


def load_analysis(batch: ImportBatch) -> dict:
    return json.loads(analysis_path(batch).read_text(encoding="utf-8"))


def keep_analysis(batch: ImportBatch, analysis: dict) -> None:
    """The batch ready to preview, its analysis written beside its file."""
    batch.status = "previewed"
    batch.summary = {**analysis["counts"], "ignored": analysis["ignored"], "encoding": analysis["encoding"]}
    path = analysis_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(analysis, ensure_ascii=False), encoding="utf-8")


def keep_upload(kind: str, data: bytes, filename: str, status: str) -> ImportBatch:
    """The uploaded file stored and its batch created, before (or while) it is read."""
    stored = save_bytes(data, filename, "application/octet-stream", acting_user_id())
    db.session.flush()
    batch = ImportBatch(kind=kind, file=stored, user_id=acting_user_id(), status=status, summary={})
    db.session.add(batch)
    db.session.flush()
    return batch


def analyze_for(kind: str, data: bytes, filename: str, options: dict, mapping=None, progress=None) -> dict:
    """The file's analysis, completed by its kind with what its upload page asked (the plan: its year)."""
    analysis = analyze(kind, data, filename, mapping=mapping, progress=progress)
    spec = import_kind(kind)
    return spec.prepare(analysis, options) if spec.prepare else analysis


def needs_mapping(batch: ImportBatch, needs: NeedsMapping) -> None:
    """The batch waits for the mapping step (kinds uploaded on the import pages only: a kind uploaded from
    its feature's own page, the plan, prepares its preview itself and refuses the file instead)."""
    if not import_kind(batch.kind).uploadable:
        raise needs
    batch.status, batch.summary = "mapping", {"headings": needs.headings}


def start_import(kind: str, data: bytes, filename: str, options: dict | None = None) -> ImportBatch:
    """Read and check the file (raises UnreadableFile), keep it, and return the batch: to preview, or, when
    its headings do not say which column is which, waiting for the mapping step (status "mapping"; kinds
    uploaded on the import pages only). A large file is read by a job instead (analysis_job.py)."""
    try:
        analysis = analyze_for(kind, data, filename, options or {})
    except NeedsMapping as needs:
        if not import_kind(kind).uploadable:
            raise  # before anything is stored: the upload page shows why
        batch = keep_upload(kind, data, filename, "mapping")
        needs_mapping(batch, needs)
        return batch
    batch = keep_upload(kind, data, filename, "previewed")
    keep_analysis(batch, analysis)
    return batch


def apply_mapping(batch: ImportBatch, headings: list[str], mapping: dict[str, str]) -> None:
    """Read the batch's file again with the officer's mapping, remember it for these headings, and make the
    batch ready to preview (raises UnreadableFile, BatchClosed)."""
    if batch.status not in ("mapping", "previewed"):
        raise BatchClosed()
    analysis = analyze(batch.kind, batch.file.path.read_bytes(), batch.file.original_name, mapping=mapping)
    remember_mapping(batch.kind, headings, mapping)
    keep_analysis(batch, analysis)


def rows_to_write(analysis: dict, skip_duplicates: bool) -> list[dict]:
    """Every valid row, less the possible duplicates when asked."""
    rows = [r for r in analysis["rows"] if not r["errors"]]
    if skip_duplicates:
        rows = [r for r in rows if not (r["duplicates"] or r["same_as_row"])]
    return rows


def commit_import(batch: ImportBatch, analysis: dict, skip_duplicates: bool) -> int:
    """Write every valid row (less the possible duplicates when asked) in the caller's transaction."""
    if batch.status != "previewed":
        raise BatchClosed()
    written = import_kind(batch.kind).write(rows_to_write(analysis, skip_duplicates))
    batch.status, batch.committed_at = "committed", now_utc()
    batch.summary = {**batch.summary, "written": written, "skipped_duplicates": skip_duplicates}
    return written


def cancel_import(batch: ImportBatch) -> bool:
    """Drop a batch still waiting for confirmation (or being read: its job then stops before writing
    anything); False when it was already imported or cancelled. Its file stays, as every upload does."""
    if batch.status not in ("previewed", "mapping", "analysing"):
        return False
    batch.status = "cancelled"
    return True
