"""Import pages: upload, preview (nothing written yet), confirm (all valid rows in one transaction), and the
template files in both languages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..core.db import db, refresh_statistics
from ..core.export import csv_response, xlsx_response
from ..core.files import UploadRejected, read_limited
from ..core.i18n import current_locale_code
from ..core.permissions import STAFF, roles_required
from .analysis import KINDS
from .columns import heading
from .forms import CommitForm, UploadForm
from .jobs import start_import_job
from .models import ImportBatch
from .reading import UnreadableFile
from .services import commit_import, load_analysis, rows_to_write, start_import

bp = Blueprint("imports", __name__)
KIND_TITLES = {
    "contact": _l("Import contacts"),
    "organization": _l("Import organizations"),
    "partner": _l("Import partners"),
    "plan": _l("Import a plan"),  # uploaded from the plan's page (plan.import_plan), which asks the year
}
LIST_ENDPOINTS = {
    "contact": "contacts.index",
    "organization": "organizations.index",
    "partner": "partners.index",
    "plan": "plan.index",
}
DETAIL_ENDPOINTS = {
    "contact": ("contacts.detail", "contact_id"),
    "organization": ("organizations.detail", "org_id"),
    "partner": ("partners.detail", "partner_id"),
    "plan": ("plan.item", "item_id"),
}
PREVIEW_PAGE = 100


def _batch_or_404(batch_id: int) -> ImportBatch:
    # Imports are the office's work, not one officer's: any officer may finish or cancel a colleague's.
    return db.session.get(ImportBatch, batch_id) or abort(404)


def _analysis_or_404(batch: ImportBatch) -> dict:
    try:
        return load_analysis(batch)
    except FileNotFoundError:
        abort(404)


@bp.route("/import/<any(contact, organization, partner):kind>", methods=["GET", "POST"])
@roles_required(*STAFF)
def upload(kind: str):
    form = UploadForm()
    if form.validate_on_submit():
        try:
            data = read_limited(form.file.data, current_app.config["MAX_CONTENT_LENGTH"])
            batch = start_import(kind, data, form.file.data.filename)
        except (UploadRejected, UnreadableFile) as error:
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            return redirect(url_for("imports.preview", batch_id=batch.id))
    return render_template("imports/upload.html", form=form, kind=kind, title=KIND_TITLES[kind])


@bp.route("/import/batches/<int:batch_id>")
@roles_required(*STAFF)
def preview(batch_id: int):
    batch = _batch_or_404(batch_id)
    analysis = _analysis_or_404(batch)
    rows = analysis["rows"]
    problems = [r for r in rows if r["errors"]]
    duplicates = [r for r in rows if not r["errors"] and (r["duplicates"] or r["same_as_row"])]
    valid = [r for r in rows if not r["errors"]]
    pages = max(1, -(-len(valid) // PREVIEW_PAGE))
    page = max(1, min(request.args.get("page", 1, type=int) or 1, pages))
    locale = current_locale_code()
    column_labels = {c.key: heading(c, locale) for c in KINDS[batch.kind].columns}
    column_labels.update({"names": _("Names"), "title": _("Title"), "name_locale": _("Language of the name")})
    detail_endpoint, detail_arg = DETAIL_ENDPOINTS[batch.kind]
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
        title=KIND_TITLES[batch.kind],
        column_labels=column_labels,
        detail_endpoint=detail_endpoint,
        detail_arg=detail_arg,
    )


@bp.route("/import/batches/<int:batch_id>/commit", methods=["POST"])
@roles_required(*STAFF)
def commit(batch_id: int):
    batch = _batch_or_404(batch_id)
    if batch.status != "previewed":
        flash(_("This file has already been imported or cancelled."), "warning")
        return redirect(url_for("imports.preview", batch_id=batch.id))
    form = CommitForm()
    form.validate()
    skip = bool(form.skip_duplicates.data)
    analysis = _analysis_or_404(batch)
    rows = len(rows_to_write(analysis, skip))
    if rows > current_app.config["IMPORT_JOB_ROWS"]:
        job = start_import_job(batch, skip, rows)
        db.session.commit()
        flash(_("The %(n)s rows are being written in the background.", n=rows), "info")
        return redirect(url_for("jobs.detail", job_id=job.id))
    written = commit_import(batch, analysis, skip_duplicates=skip)
    db.session.commit()
    refresh_statistics()
    flash(_("%(n)s rows imported.", n=written), "success")
    return redirect(url_for(LIST_ENDPOINTS[batch.kind]))


@bp.route("/import/batches/<int:batch_id>/cancel", methods=["POST"])
@roles_required(*STAFF)
def cancel(batch_id: int):
    batch = _batch_or_404(batch_id)
    if batch.status == "previewed":
        batch.status = "cancelled"
        db.session.commit()
        flash(_("The import is cancelled; nothing was written."), "info")
    return redirect(url_for(LIST_ENDPOINTS[batch.kind]))


@bp.route("/import/template/<any(contact, organization, partner, plan):kind>.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def template(kind: str, fmt: str):
    locale = request.args.get("lang", "zh_Hant_TW")
    if locale not in current_app.config["LANGUAGES"]:
        abort(400)
    columns = KINDS[kind].columns
    headers = [heading(c, locale) for c in columns]
    example = [c.example for c in columns]
    filename = f"intl-desk-{kind}-template-{locale}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, [example])
    return xlsx_response(filename, str(KIND_TITLES[kind])[:31], headers, [example])
