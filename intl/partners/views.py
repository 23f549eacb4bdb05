"""Partner pages: list, search, export, detail, create, edit, archive; agreements and their documents."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.conflicts import detect_conflict
from ..core.countries import zones_for
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.i18n import current_locale_code
from ..core.pagination import paginate
from ..core.permissions import STAFF, roles_required
from ..core.pickers import register_picker
from ..interactions.timeline import timeline
from . import services
from .exports import export_partners
from .forms import AgreementForm, PartnerForm
from .models import AGREEMENT_LABELS, PARTNER_LABELS, Agreement, Partner
from .queries import PartnerFilters, partner_list

bp = Blueprint("partners", __name__)


@bp.record_once
def _register(state) -> None:
    register_picker(
        "partner", Partner, lambda r, locale: r.names.get_for(locale), lambda r: list(r.names.values())
    )


VIEWERS = ("admin", "officer", "intern")


def get_partner_or_404(partner_id: int, need: str = "view") -> Partner:
    partner = db.session.get(Partner, partner_id)
    if partner is None or (partner.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = partner.can_edit(current_user) if need == "edit" else partner.can_view(current_user)
    if not allowed:
        abort(403)
    return partner


def get_agreement_or_404(agreement_id: int, need: str = "view") -> Agreement:
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None or agreement.archived_at is not None or agreement.partner.archived_at is not None:
        abort(404)
    allowed = agreement.can_edit(current_user) if need == "edit" else agreement.can_view(current_user)
    if not allowed:
        abort(403)
    return agreement


@bp.route("/partners")
@roles_required(*VIEWERS)
def index():
    filters = PartnerFilters.from_args(request.args)
    stmt, count_stmt, terms = partner_list(filters, current_locale_code())
    page = paginate(
        db.session,
        stmt,
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
    )
    return render_template("partners/index.html", filters=filters, page=page)


@bp.route("/partners/export.<any(csv, xlsx):fmt>")
@roles_required(*VIEWERS)
def export(fmt: str):
    filters = PartnerFilters.from_args(request.args)
    return export_partners(filters, fmt)


def _partner_fields(form: PartnerForm) -> dict:
    return {
        "names": form.names.localized,
        "kind": form.kind.data,
        "country": form.country.data,
        "region": (form.region.data or "").strip() or None,
        "timezone": form.timezone.data,
        "relationship": form.relationship.data,
        "relationship_since": form.relationship_since.data,
        "focus_areas": form.focus_areas.data or [],
        "notes": form.notes.data or None,
        "latitude": form.latitude.data,
        "longitude": form.longitude.data,
    }


def _zone_data() -> dict:
    from ..core.countries import country_codes

    return {code: zones_for(code) for code in sorted(country_codes())}


@bp.route("/partners/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = PartnerForm()
    if form.validate_on_submit():
        partner = services.create_partner(**_partner_fields(form))
        db.session.commit()
        flash(_("The partner is saved."), "success")
        return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template("partners/form.html", form=form, partner=None, zones=_zone_data(), conflict=None)


@bp.route("/partners/<int:partner_id>")
@roles_required(*VIEWERS)
def detail(partner_id: int):
    partner = get_partner_or_404(partner_id)
    agreements = db.session.scalars(
        select(Agreement)
        .where(Agreement.partner_id == partner.id, Agreement.archived_at.is_(None))
        .order_by(Agreement.signed_on.desc().nulls_last(), Agreement.id.desc())
    ).all()
    # The partner's timeline: its interactions, its changes and the changes to its agreements.
    page = timeline(
        "partner",
        partner.id,
        request.args.get("cursor"),
        audit_ids={"agreement": select(Agreement.id).where(Agreement.partner_id == partner.id)},
    )
    return render_template(
        "partners/detail.html",
        partner=partner,
        agreements=agreements,
        timeline=page,
        labels={"partner": PARTNER_LABELS, "agreement": AGREEMENT_LABELS},
    )


@bp.route("/partners/<int:partner_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(partner_id: int):
    partner = get_partner_or_404(partner_id, need="edit")
    form = PartnerForm(obj=partner, data={"names": partner.names, "focus_areas": partner.focus_areas})
    conflict = None
    if form.validate_on_submit():
        fields = _partner_fields(form)
        conflict = detect_conflict(
            partner, form.version.data, lambda p: _apply_partner(p, fields), PARTNER_LABELS
        )
        if conflict is None:
            services.update_partner(partner, **fields)
            db.session.commit()
            flash(_("The partner is saved."), "success")
            return redirect(url_for("partners.detail", partner_id=partner.id))
        form.version.data = partner.version
    return render_template(
        "partners/form.html", form=form, partner=partner, zones=_zone_data(), conflict=conflict
    )


def _apply_partner(partner: Partner, fields: dict) -> None:
    for name, value in fields.items():
        setattr(partner, name, value)


@bp.route("/partners/<int:partner_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(partner_id: int):
    partner = get_partner_or_404(partner_id, need="edit")
    services.archive_partner(partner)
    db.session.commit()
    flash(_("The partner is archived. An administrator can restore it."), "success")
    return redirect(url_for("partners.index"))


def _superseding_choices(partner: Partner, exclude_id: int | None = None):
    from ..core.i18n import format_date
    from .models import AGREEMENT_TYPES

    return [
        (a.id, f"{AGREEMENT_TYPES.get(a.agreement_type, a.agreement_type)} {format_date(a.signed_on)}")
        for a in partner.agreements
        if a.id != exclude_id and a.archived_at is None
    ]


def _agreement_fields(form: AgreementForm) -> dict:
    return {
        name: (getattr(form, name).data.strip() or None)
        if isinstance(getattr(form, name).data, str)
        else getattr(form, name).data
        for name in (
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
            "superseded_by_id",
            "void",
            "voided_on",
            "notes",
        )
    }


@bp.route("/partners/<int:partner_id>/agreements/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create_agreement(partner_id: int):
    partner = get_partner_or_404(partner_id, need="edit")
    form = AgreementForm(superseding_choices=_superseding_choices(partner))
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


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_agreement(agreement_id: int):
    agreement = get_agreement_or_404(agreement_id, need="edit")
    partner = agreement.partner
    form = AgreementForm(obj=agreement, superseding_choices=_superseding_choices(partner, agreement.id))
    conflict = None
    if form.validate_on_submit():
        fields = _agreement_fields(form)
        conflict = detect_conflict(
            agreement, form.version.data, lambda a: _apply_partner(a, fields), AGREEMENT_LABELS
        )
        if conflict is None:
            try:
                services.update_agreement(agreement, upload=form.document.data or None, **fields)
            except UploadRejected as error:
                db.session.rollback()
                form.document.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The agreement is saved."), "success")
                return redirect(url_for("partners.detail", partner_id=partner.id))
        else:
            form.version.data = agreement.version
    return render_template(
        "partners/agreement_form.html", form=form, partner=partner, agreement=agreement, conflict=conflict
    )


@bp.route("/agreements/<int:agreement_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive_agreement(agreement_id: int):
    agreement = get_agreement_or_404(agreement_id, need="edit")
    partner_id = agreement.partner_id
    services.archive_agreement(agreement)
    db.session.commit()
    flash(_("The agreement is archived. An administrator can restore it."), "success")
    return redirect(url_for("partners.detail", partner_id=partner_id))


@bp.route("/agreements/<int:agreement_id>/document")
@roles_required(*VIEWERS)
def agreement_document(agreement_id: int):
    agreement = get_agreement_or_404(agreement_id)
    if agreement.document is None:
        abort(404)
    return send_stored(agreement.document, inline=request.args.get("inline") == "1")


@bp.context_processor
def partner_labels():
    from .models import AGREEMENT_TYPES, FOCUS_AREAS, OUR_PARTIES, PARTNER_KINDS, RELATIONSHIPS

    # Translated once per request, not once per row.
    def translated(labels):
        return {key: str(label) for key, label in labels.items()}

    return {
        "RELATIONSHIPS": translated(RELATIONSHIPS),
        "FOCUS_AREAS": translated(FOCUS_AREAS),
        "PARTNER_KINDS": translated(PARTNER_KINDS),
        "AGREEMENT_TYPES": translated(AGREEMENT_TYPES),
        "OUR_PARTIES": translated(OUR_PARTIES),
    }
