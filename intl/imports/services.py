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


def _keep_analysis(batch: ImportBatch, analysis: dict) -> None:
    batch.status = "previewed"
    batch.summary = {**analysis["counts"], "ignored": analysis["ignored"], "encoding": analysis["encoding"]}
    path = analysis_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(analysis, ensure_ascii=False), encoding="utf-8")


def start_import(kind: str, data: bytes, filename: str) -> ImportBatch:
    """Read and check the file (raises UnreadableFile), keep it, and return the batch: to preview, or, when
    its headings do not say which column is which, waiting for the mapping step (status "mapping"; kinds
    uploaded on the import pages only)."""
    try:
        analysis = analyze(kind, data, filename)
    except NeedsMapping as needs:
        if not import_kind(kind).uploadable:
            raise  # a kind uploaded from its feature's own page (the plan) prepares its preview itself
        analysis, headings = None, needs.headings
    stored = save_bytes(data, filename, "application/octet-stream", acting_user_id())
    db.session.flush()
    batch = ImportBatch(kind=kind, file=stored, user_id=acting_user_id(), status="mapping", summary={})
    db.session.add(batch)
    db.session.flush()
    if analysis is None:
        batch.summary = {"headings": headings}
    else:
        _keep_analysis(batch, analysis)
    return batch


def apply_mapping(batch: ImportBatch, headings: list[str], mapping: dict[str, str]) -> None:
    """Read the batch's file again with the officer's mapping, remember it for these headings, and make the
    batch ready to preview (raises UnreadableFile, BatchClosed)."""
    if batch.status not in ("mapping", "previewed"):
        raise BatchClosed()
    analysis = analyze(batch.kind, batch.file.path.read_bytes(), batch.file.original_name, mapping=mapping)
    remember_mapping(batch.kind, headings, mapping)
    _keep_analysis(batch, analysis)


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
    """Drop a batch still waiting for confirmation; False when it was already imported or cancelled."""
    if batch.status not in ("previewed", "mapping"):
        return False
    batch.status = "cancelled"
    return True
