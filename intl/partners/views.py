"""Partner pages: list, search, export, detail, create, edit, archive; agreements and their documents."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.access import READERS, STAFF, allow, load_or_404
from ..core.conflicts import EditConflict
from ..core.countries import country_codes, zones_for
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.i18n import current_locale_code
from ..core.pagination import paginate
from . import queries, services
from .exports import export_partners
from .forms import AgreementForm, PartnerForm
from .models import Agreement, Partner
from .queries import PartnerFilters, partner_list
from .standing import ties_by_partner

AGREEMENT_FIELDS = (
    "agreement_type",
    "our_party",
    "our_party_detail",
    "title",
    "signed_on",
    "signatory_ours",
    "signatory_theirs",
    "place",
    "council_approved_on",
    "term_years",
    "renewal_on",
    "state",
    "state_since",
    "source",
    "notes",
)


def _partner_fields(form: PartnerForm) -> dict:
    return {
        "names": form.names.localized,
        "kind": form.kind.data,
        "country": form.country.data,
        "region": (form.region.data or "").strip() or None,
        "timezone": form.timezone.data,
        "focus_areas": form.focus_areas.data or [],
        "notes": form.notes.data or None,
        "latitude": form.latitude.data,
        "longitude": form.longitude.data,
    }


def _agreement_fields(form: AgreementForm) -> dict:
    fields = {}
    for name in AGREEMENT_FIELDS:
        value = getattr(form, name).data
        fields[name] = (value.strip() or None) if isinstance(value, str) else value
    fields["superseded_by_id"] = form.superseded_by
    fields["signed_precision"] = form.signed_on.precision if form.signed_on.data else "day"
    return fields


def _zone_data() -> dict:
    """Each country's time zones, for the form's zone picker."""
    return {code: zones_for(code) for code in sorted(country_codes())}


@allow(READERS)
def index():
    filters = PartnerFilters.from_args(request.args)
    locale = current_locale_code()
    stmt, count_stmt, terms = partner_list(filters, locale)
    page = paginate(
        db.session,
        stmt,
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
    )
    ties = ties_by_partner(p.id for p in page.items)  # every tie shown beside its partner, void ones marked
    rows = queries.partner_rows(page.items, ties, locale)
    return render_template("partners/index.html", filters=filters, page=page, rows=rows)


@allow(READERS)
def export(fmt: str):
    return export_partners(PartnerFilters.from_args(request.args), fmt)


@allow(STAFF)
def create():
    form = PartnerForm()
    if form.validate_on_submit():
        partner = services.create_partner(**_partner_fields(form))
        db.session.commit()
        flash(_("The partner is saved."), "success")
        return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template("partners/form.html", form=form, partner=None, zones=_zone_data(), conflict=None)


@allow(READERS)
def detail(partner_id: int):
    partner = load_or_404(Partner, partner_id)
    return render_template(
        "partners/detail.html",
        partner=partner,
        agreements=queries.live_agreements(partner),
        timeline=queries.partner_timeline(partner, request.args.get("cursor")),
    )


@allow(STAFF)
def edit(partner_id: int):
    partner = load_or_404(Partner, partner_id, need="edit")
    form = PartnerForm(obj=partner, data={"names": partner.names, "focus_areas": partner.focus_areas})
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_partner(partner, form.version.data, **_partner_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = partner.version
        else:
            db.session.commit()
            flash(_("The partner is saved."), "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template(
        "partners/form.html", form=form, partner=partner, zones=_zone_data(), conflict=conflict
    )


@allow(STAFF)
def archive(partner_id: int):
    partner = load_or_404(Partner, partner_id, need="archive")
    services.archive_partner(partner)
    db.session.commit()
    flash(_("The partner is archived. An administrator can restore it."), "success")
    return redirect(url_for("partners.index"))


@allow(STAFF)
def create_agreement(partner_id: int):
    partner = load_or_404(Partner, partner_id, need="edit")
    form = AgreementForm(superseding_choices=queries.superseding_choices(partner))
    if form.validate_on_submit():
        try:
            services.create_agreement(partner, upload=form.document.data or None, **_agreement_fields(form))
        except UploadRejected as error:
            db.session.rollback()
            form.document.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The agreement is saved."), "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template(
        "partners/agreement_form.html", form=form, partner=partner, agreement=None, conflict=None
    )


@allow(STAFF)
def edit_agreement(agreement_id: int):
    agreement = load_or_404(Agreement, agreement_id, need="edit")
    partner = agreement.partner
    form = AgreementForm(
        obj=agreement, superseding_choices=queries.superseding_choices(partner, agreement.id)
    )
    if not form.is_submitted():
        form.signed_on.precision = agreement.signed_precision
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_agreement(
                agreement, form.version.data, upload=form.document.data or None, **_agreement_fields(form)
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = agreement.version
        except UploadRejected as error:
            db.session.rollback()
            form.document.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The agreement is saved."), "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template(
        "partners/agreement_form.html", form=form, partner=partner, agreement=agreement, conflict=conflict
    )


@allow(STAFF)
def archive_agreement(agreement_id: int):
    agreement = load_or_404(Agreement, agreement_id, need="archive")
    partner_id = agreement.partner_id
    services.archive_agreement(agreement)
    db.session.commit()
    flash(_("The agreement is archived. An administrator can restore it."), "success")
    return redirect(url_for("partners.detail", partner_id=partner_id))


@allow(READERS)
def agreement_document(agreement_id: int):
    agreement = load_or_404(Agreement, agreement_id)
    if agreement.document is None:
        abort(404)
    return send_stored(agreement.document, inline=request.args.get("inline") == "1")
