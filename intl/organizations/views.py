"""Organization pages: list, export, detail with people and timeline, create, edit, archive."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..contacts.models import Affiliation, Contact
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.export import csv_response, xlsx_response
from ..core.i18n import country_name, current_locale_code
from ..core.pagination import paginate
from ..core.permissions import STAFF, roles_required
from ..core.pickers import register_picker
from ..core.tags import all_tag_names, parse_tags
from ..core.time import today_in
from ..interactions.timeline import timeline
from . import services
from .forms import OrganizationForm
from .models import ORGANIZATION_KINDS, ORGANIZATION_LABELS, Organization
from .queries import OrganizationFilters, organization_list

bp = Blueprint("organizations", __name__)


@bp.record_once
def _register(state) -> None:
    register_picker(
        "organization",
        Organization,
        lambda r, locale: r.names.get_for(locale),
        lambda r: list(r.names.values()),
    )


VIEWERS = ("admin", "officer", "intern")


def get_organization_or_404(org_id: int, need: str = "view") -> Organization:
    org = db.session.get(Organization, org_id)
    if org is None or (org.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (org.can_edit(current_user) if need == "edit" else org.can_view(current_user)):
        abort(403)
    return org


@bp.context_processor
def labels():
    return {"ORGANIZATION_KINDS": {k: str(v) for k, v in ORGANIZATION_KINDS.items()}}


@bp.route("/organizations")
@roles_required(*VIEWERS)
def index():
    filters = OrganizationFilters.from_args(request.args)
    stmt, count_stmt, terms = organization_list(filters, current_locale_code())
    page = paginate(
        db.session,
        stmt,
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
    )
    return render_template("organizations/index.html", filters=filters, page=page, tags=all_tag_names())


@bp.route("/organizations/export.<any(csv, xlsx):fmt>")
@roles_required(*VIEWERS)
def export(fmt: str):
    filters = OrganizationFilters.from_args(request.args)
    locale = current_locale_code()
    stmt, _count, terms = organization_list(filters, locale)
    stmt = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
    headers = [
        _("Name"),
        _("All names"),
        _("Kind"),
        _("Country"),
        _("Parent organization"),
        _("Partner city"),
        _("Website"),
        _("E-mail"),
        _("Phone"),
        _("Address"),
        _("Tags"),
    ]

    def rows():
        for org in db.session.scalars(stmt.execution_options(yield_per=1000)):
            yield [
                org.names.get_for(locale),
                " / ".join(org.names.values()),
                str(ORGANIZATION_KINDS.get(org.kind, org.kind)),
                country_name(org.country, locale),
                org.parent.names.get_for(locale) if org.parent else "",
                org.partner.names.get_for(locale) if org.partner else "",
                org.website or "",
                org.email or "",
                org.phone or "",
                org.address or "",
                ", ".join(org.tag_names),
            ]

    filename = f"organizations-{today_in('Asia/Taipei').isoformat()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows())
    return xlsx_response(filename, _("Organizations"), headers, rows())


def _fields(form: OrganizationForm) -> dict:
    return {
        "names": form.names.localized,
        "kind": form.kind.data,
        "country": form.country.data or None,
        "parent_id": form.parent_id.data,
        "partner_id": form.partner_id.data,
        "website": form.website.data or None,
        "email": form.email.data or None,
        "phone": form.phone.data or None,
        "address": form.address.data or None,
        "notes": form.notes.data or None,
    }


@bp.route("/organizations/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = OrganizationForm()
    if form.validate_on_submit():
        org = services.create_organization(tag_names=parse_tags(form.tags.data), **_fields(form))
        db.session.commit()
        flash(_("The organization is saved."), "success")
        return redirect(url_for("organizations.detail", org_id=org.id))
    return render_template("organizations/form.html", form=form, org=None, conflict=None)


@bp.route("/organizations/<int:org_id>")
@roles_required(*VIEWERS)
def detail(org_id: int):
    org = get_organization_or_404(org_id)
    people = db.session.execute(
        select(Affiliation, Contact)
        .join(Contact, Contact.id == Affiliation.contact_id)
        .where(
            Affiliation.organization_id == org.id,
            Affiliation.is_current.is_(True),
            Contact.archived_at.is_(None),
        )
        .order_by(Contact.id)
        .limit(200)
    ).all()
    children = db.session.scalars(
        select(Organization)
        .where(Organization.parent_id == org.id, Organization.archived_at.is_(None))
        .limit(100)
    ).all()
    page = timeline("organization", org.id, request.args.get("cursor"))
    return render_template(
        "organizations/detail.html",
        org=org,
        people=people,
        children=children,
        timeline=page,
        labels=ORGANIZATION_LABELS,
        today=today_in("Asia/Taipei"),
    )


@bp.route("/organizations/<int:org_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(org_id: int):
    org = get_organization_or_404(org_id, need="edit")
    form = OrganizationForm(obj=org, data={"names": org.names, "tags": ", ".join(org.tag_names)})
    conflict = None
    if form.validate_on_submit():
        fields = _fields(form)
        if fields["parent_id"] and services.would_loop(org, fields["parent_id"]):
            form.parent_id.errors = [_("An organization cannot be inside itself.")]
            return render_template("organizations/form.html", form=form, org=org, conflict=None)
        tag_names = parse_tags(form.tags.data)

        conflict = detect_conflict(org, form.version.data, set_fields(fields), ORGANIZATION_LABELS)
        if conflict is None:
            services.update_organization(org, tag_names=tag_names, **fields)
            db.session.commit()
            flash(_("The organization is saved."), "success")
            return redirect(url_for("organizations.detail", org_id=org.id))
        form.version.data = org.version
    return render_template("organizations/form.html", form=form, org=org, conflict=conflict)


@bp.route("/organizations/<int:org_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(org_id: int):
    from ..core.archive import archive as archive_record

    org = get_organization_or_404(org_id, need="edit")
    archive_record(org)
    db.session.commit()
    flash(_("The organization is archived. An administrator can restore it."), "success")
    return redirect(url_for("organizations.index"))
