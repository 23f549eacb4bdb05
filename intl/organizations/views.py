"""Organization pages: list, export, detail with people and timeline, create, edit, archive."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.access import READERS, STAFF, allow, load_or_404
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.pagination import paginate
from ..core.tags import all_tag_names, parse_tags
from ..core.time import office_today
from ..interactions.timeline import timeline
from . import queries, services
from .exports import export_organizations
from .forms import OrganizationForm
from .models import Organization
from .people import people_of
from .queries import OrganizationFilters, organization_list


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


@allow(READERS)
def index():
    filters = OrganizationFilters.from_args(request.args)
    locale = current_locale_code()
    stmt, count_stmt, terms = organization_list(filters, locale, columns=queries.PAGE_COLUMNS)
    page = paginate(
        db.session,
        queries.with_parent_names(stmt),
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
        scalar=False,
    )
    rows = queries.organization_rows(page.items, locale)
    return render_template(
        "organizations/index.html", filters=filters, page=page, rows=rows, tags=all_tag_names()
    )


@allow(READERS)
def export(fmt: str):
    return export_organizations(OrganizationFilters.from_args(request.args), fmt)


@allow(STAFF)
def create():
    form = OrganizationForm()
    if form.validate_on_submit():
        org = services.create_organization(tag_names=parse_tags(form.tags.data), **_fields(form))
        db.session.commit()
        flash(_("The organization is saved."), "success")
        return redirect(url_for("organizations.detail", org_id=org.id))
    return render_template("organizations/form.html", form=form, org=None, conflict=None)


@allow(READERS)
def detail(org_id: int):
    org = load_or_404(Organization, org_id)
    return render_template(
        "organizations/detail.html",
        org=org,
        people=people_of(org),
        children=queries.units_of(org),
        timeline=timeline("organization", org.id, request.args.get("cursor")),
        today=office_today(),
    )


@allow(STAFF)
def edit(org_id: int):
    org = load_or_404(Organization, org_id, need="edit")
    form = OrganizationForm(obj=org, data={"names": org.names, "tags": ", ".join(org.tag_names)})
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_organization(
                org, form.version.data, tag_names=parse_tags(form.tags.data), **_fields(form)
            )
        except services.OrganizationError as error:
            getattr(form, error.field).errors = [str(error)]
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = org.version
        else:
            db.session.commit()
            flash(_("The organization is saved."), "success")
            return redirect(url_for("organizations.detail", org_id=org.id))
    return render_template("organizations/form.html", form=form, org=org, conflict=conflict)


@allow(STAFF)
def archive(org_id: int):
    org = load_or_404(Organization, org_id, need="archive")
    services.archive_organization(org)
    db.session.commit()
    flash(_("The organization is archived. An administrator can restore it."), "success")
    return redirect(url_for("organizations.index"))
