"""Import pages: upload, preview (nothing written yet), confirm (all valid rows in one transaction), and the
template files in both languages. Each kind of record is registered (kinds.py); these pages know none."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.access import STAFF, allow, load_or_404
from ..core.db import db, refresh_statistics
from ..core.export import csv_response, xlsx_response
from ..core.files import UploadRejected, read_limited
from ..core.i18n import current_locale_code, format_number
from .access import may_import
from .analysis_job import ANALYSIS_JOB, analysis_job, begin_import, begin_mapping, read_again
from .columns import alias_map, heading
from .forms import CommitForm, UploadForm
from .jobs import start_import_job
from .kinds import ImportKind, import_kind
from .mapping import check_mapping, proposed_columns, remembered_mapping
from .models import ImportBatch
from .reading import UnreadableFile, read_sheet
from .services import BatchClosed, cancel_import, commit_import, load_analysis, rows_to_write
from .tie_display import tie_summary

PREVIEW_PAGE = 100


def _registered_kind(key: str) -> ImportKind:
    kind = import_kind(key)
    if kind is None:
        abort(404)
    return kind


def _analysis_or_404(batch: ImportBatch) -> dict:
    try:
        return load_analysis(batch)
    except FileNotFoundError:
        abort(404)


@allow(STAFF)
def upload(kind: str):
    spec = _registered_kind(kind)
    if not spec.uploadable:
        abort(404)  # uploaded from its feature's own page
    if not may_import(current_user, spec):
        abort(403)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            data = read_limited(form.file.data, current_app.config["MAX_CONTENT_LENGTH"])
            batch = begin_import(kind, data, form.file.data.filename)
        except (UploadRejected, UnreadableFile) as error:
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            if batch.status == "mapping":
                return redirect(url_for("imports.columns", batch_id=batch.id))
            return redirect(url_for("imports.preview", batch_id=batch.id))
    return render_template("imports/upload.html", form=form, kind=kind, title=spec.title)


@allow(STAFF)
def columns(batch_id: int):
    """The mapping step: each column of the file, a few of its values, and what it becomes."""
    batch = load_or_404(ImportBatch, batch_id, need="edit")
    spec = import_kind(batch.kind) or abort(404)
    if batch.status not in ("mapping", "previewed"):
        return redirect(url_for("imports.preview", batch_id=batch.id))
    try:
        sheet = read_sheet(batch.file.path.read_bytes(), batch.file.original_name, alias_map(spec.columns))
    except (FileNotFoundError, UnreadableFile):
        abort(404)
    form = CommitForm()  # for its CSRF token only: the choices are read and checked below
    errors: list[str] = []
    chosen_keys: dict[int, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        chosen = {}
        for name, value in request.form.items():
            if name.startswith("col-") and name[4:].isdigit():
                chosen[int(name[4:])] = value
        mapping, errors = check_mapping(spec, sheet, chosen)
        chosen_keys = chosen
        if not errors:
            try:
                begin_mapping(batch, sheet.headings, mapping)
            except UnreadableFile as error:
                errors = [str(error)]
            except BatchClosed:
                return redirect(url_for("imports.preview", batch_id=batch.id))
            else:
                db.session.commit()
                return redirect(url_for("imports.preview", batch_id=batch.id))
    proposed = proposed_columns(spec, sheet, remembered_mapping(batch.kind, sheet.headings))
    for entry in proposed:
        if entry["position"] in chosen_keys:
            entry["key"] = chosen_keys[entry["position"]]  # what the officer chose stays chosen
    locale = current_locale_code()
    return render_template(
        "imports/columns.html",
        batch=batch,
        title=spec.title,
        proposed=proposed,
        choices=[(c.key, heading(c, locale)) for c in spec.columns],
        errors=errors,
        form=form,
    )


@allow(STAFF)
def preview(batch_id: int):
    batch = load_or_404(ImportBatch, batch_id)
    spec = import_kind(batch.kind) or abort(404)
    if batch.status == "mapping":
        return redirect(url_for("imports.columns", batch_id=batch.id))
    if batch.status == "analysing":
        return _being_read(batch, spec)
    analysis = _analysis_or_404(batch)
    rows = analysis["rows"]
    problems = [r for r in rows if r["errors"]]
    duplicates = [r for r in rows if not r["errors"] and (r["duplicates"] or r["same_as_row"])]
    valid = [r for r in rows if not r["errors"]]
    pages = max(1, -(-len(valid) // PREVIEW_PAGE))
    page = max(1, min(request.args.get("page", 1, type=int) or 1, pages))
    locale = current_locale_code()
    column_labels = {c.key: heading(c, locale) for c in spec.columns}
    column_labels.update({"names": _("Names"), "title": _("Title"), "name_locale": _("Language of the name")})
    detail_endpoint, detail_arg = spec.detail_endpoint
    return render_template(
        "imports/preview.html",
        batch=batch,
        analysis=analysis,
        problems=problems,
        duplicates=duplicates,
        shown=valid[(page - 1) * PREVIEW_PAGE : page * PREVIEW_PAGE],
        page=page,
        pages=pages,
        form=CommitForm(),
        title=spec.title,
        column_labels=column_labels,
        tie_summary=tie_summary,
        detail_endpoint=detail_endpoint,
        detail_arg=detail_arg,
    )


def _being_read(batch: ImportBatch, spec: ImportKind):
    """A large file's page while its job reads it: how far it got, or why it failed (retry, cancel)."""
    job = analysis_job(batch)
    progress = None
    if job is not None and job.total:
        numbers = {"done": format_number(job.done), "total": format_number(job.total)}
        progress = str(ANALYSIS_JOB.progress) % numbers
    return render_template(
        "imports/analysing.html", batch=batch, job=job, progress=progress, title=spec.title
    )


@allow(STAFF)
def read_file_again(batch_id: int):
    batch = load_or_404(ImportBatch, batch_id, need="edit")
    if read_again(batch):
        db.session.commit()
        flash(_("The file will be read again."), "success")
    else:
        flash(_("Only a file whose reading failed can be read again."), "warning")
    return redirect(url_for("imports.preview", batch_id=batch.id))


@allow(STAFF)
def commit(batch_id: int):
    batch = load_or_404(ImportBatch, batch_id, need="commit")
    spec = import_kind(batch.kind) or abort(404)
    if batch.status == "analysing":  # its file is being read again: the preview shown is no longer it
        return redirect(url_for("imports.preview", batch_id=batch.id))
    form = CommitForm()
    form.validate()
    skip = bool(form.skip_duplicates.data)
    analysis = _analysis_or_404(batch)
    rows = len(rows_to_write(analysis, skip))
    try:
        if rows > current_app.config["IMPORT_JOB_ROWS"]:
            job = start_import_job(batch, skip, rows)
            db.session.commit()
            flash(_("The %(n)s rows are being written in the background.", n=rows), "info")
            return redirect(url_for("jobs.detail", job_id=job.id))
        written = commit_import(batch, analysis, skip_duplicates=skip)
    except BatchClosed:
        flash(_("This file has already been imported or cancelled."), "warning")
        return redirect(url_for("imports.preview", batch_id=batch.id))
    db.session.commit()
    refresh_statistics()
    flash(_("%(n)s rows imported.", n=written), "success")
    return redirect(url_for(spec.list_endpoint))


@allow(STAFF)
def cancel(batch_id: int):
    batch = load_or_404(ImportBatch, batch_id, need="edit")
    spec = import_kind(batch.kind) or abort(404)
    if cancel_import(batch):
        db.session.commit()
        flash(_("The import is cancelled; nothing was written."), "info")
    return redirect(url_for(spec.list_endpoint))


@allow(STAFF)
def template(kind: str, fmt: str):
    spec = _registered_kind(kind)
    locale = request.args.get("lang", "zh_Hant_TW")
    if locale not in current_app.config["LANGUAGES"]:
        abort(400)
    columns = [c for c in spec.columns if c.template]
    headers = [heading(c, locale) for c in columns]
    example = [c.example for c in columns]
    filename = f"intl-desk-{kind}-template-{locale}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, [example])
    return xlsx_response(filename, str(spec.title)[:31], headers, [example])
