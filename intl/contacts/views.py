"""Contact pages: list with any-script search, detail, create (with duplicate warning), edit, archive."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.conflicts import detect_conflict
from ..core.db import db
from ..core.files import UploadRejected
from ..core.i18n import current_locale_code
from ..core.pagination import paginate
from ..core.permissions import STAFF, roles_required
from ..core.tags import all_tag_names, parse_tags
from ..core.time import today_in
from ..groups.models import GROUP_ROLES, GroupMember
from ..interactions.timeline import timeline
from . import services
from .access import get_contact_or_404
from .blueprint import bp
from .forms import AffiliationForm, ContactForm, spoken_language_choices
from .merge import merged_ids
from .models import (
    ADDRESS_KINDS,
    COLLECTION_METHODS,
    CONTACT_LABELS,
    EMAIL_KINDS,
    HONORIFICS,
    LEGAL_BASES,
    NEEDS,
    PHONE_KINDS,
    PURPOSES,
    Contact,
)
from .privacy import log_access, recent_access
from .queries import ContactFilters, contact_list

VIEWERS = ("admin", "officer", "intern")


@bp.context_processor
def labels():
    def translated(mapping):
        return {key: str(value) for key, value in mapping.items()}

    return {
        "HONORIFICS": translated(HONORIFICS),
        "NEEDS": translated(NEEDS),
        "EMAIL_KINDS": translated(EMAIL_KINDS),
        "PHONE_KINDS": translated(PHONE_KINDS),
        "ADDRESS_KINDS": translated(ADDRESS_KINDS),
        "PURPOSES": translated(PURPOSES),
        "LEGAL_BASES": translated(LEGAL_BASES),
        "COLLECTION_METHODS": translated(COLLECTION_METHODS),
        "GROUP_ROLES": translated(GROUP_ROLES),
    }


@bp.route("/contacts")
@roles_required(*VIEWERS)
def index():
    filters = ContactFilters.from_args(request.args)
    stmt, count_stmt, terms = contact_list(filters, current_locale_code())
    page = paginate(
        db.session,
        stmt,
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
    )
    return render_template(
        "contacts/index.html",
        filters=filters,
        page=page,
        tags=all_tag_names(),
        languages=spoken_language_choices(),
        filter_names=_filter_names(filters),
    )


def _filter_names(filters: ContactFilters) -> dict:
    """Names of the organization and partner a list is filtered by, for the filter chips."""
    from ..organizations.models import Organization
    from ..partners.models import Partner

    names = {}
    locale = current_locale_code()
    if filters.organization and (org := db.session.get(Organization, filters.organization)):
        names["organization"] = org.names.get_for(locale)
    if filters.partner and (partner := db.session.get(Partner, filters.partner)):
        names["partner"] = partner.names.get_for(locale)
    return names


def _fields(form: ContactForm) -> dict:
    def text(field):
        return (field.data or "").strip() or None

    return {
        "family_name": text(form.family_name),
        "given_name": text(form.given_name),
        "name_locale": form.name_locale.data or None,
        "chinese_name": text(form.chinese_name),
        "latin_name": text(form.latin_name),
        "honorific": form.honorific.data or None,
        "title": form.title.localized,
        "country": form.country.data or None,
        "needs": form.needs.data or [],
        "needs_notes": text(form.needs_notes),
        "protocol_notes": text(form.protocol_notes),
        "notes": text(form.notes),
        "purpose": form.purpose.data,
        "legal_basis": form.legal_basis.data,
        "collected_on": form.collected_on.data,
        "collection_method": form.collection_method.data or None,
        "source": text(form.source),
        "consent": form.consent.data,
        "consent_on": form.consent_on.data,
        "retain_until": form.retain_until.data,
    }


def _kind(value: str | None, kinds: dict) -> str:
    return value if value in kinds else "other"


def _details(form: ContactForm) -> services.ContactDetails:
    from ..core.countries import is_country

    return services.ContactDetails(
        emails=[(_kind(e.form.kind.data, EMAIL_KINDS), e.form.address.data) for e in form.emails],
        phones=[(_kind(p.form.kind.data, PHONE_KINDS), p.form.number.data) for p in form.phones],
        addresses=[
            (
                _kind(a.form.kind.data, ADDRESS_KINDS),
                a.form.text.data,
                a.form.country.data if is_country(a.form.country.data) else None,
            )
            for a in form.addresses
        ],
        languages=form.languages.data or [],
        tag_names=parse_tags(form.tags.data),
    )


def _with_blank_rows(form: ContactForm) -> None:
    for name in ("emails", "phones", "addresses"):
        getattr(form, name).append_entry()


@bp.route("/contacts/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = ContactForm()
    duplicates = []
    if form.validate_on_submit():
        fields, details = _fields(form), _details(form)
        duplicates = services.possible_duplicates(fields, details)
        if not duplicates or form.confirm_new_person.data:
            try:
                contact = services.create_contact(fields, details)
                if form.photo.data:
                    services.set_photo(contact, form.photo.data)
            except UploadRejected as error:
                db.session.rollback()
                form.photo.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The contact is saved."), "success")
                return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template(
        "contacts/form.html", form=form, contact=None, conflict=None, duplicates=duplicates
    )


@bp.route("/contacts/<int:contact_id>")
@roles_required(*VIEWERS)
def detail(contact_id: int):
    contact = get_contact_or_404(contact_id)
    personal = contact.can_view_personal(current_user)
    context = {"contact": contact, "personal": personal, "labels": CONTACT_LABELS}
    if personal:
        log_access(contact, "view")
        db.session.commit()
        merged = merged_ids(contact)
        audit_ids = {"contact": select(Contact.id).where(Contact.id.in_(merged))} if merged else None
        context.update(
            timeline=timeline("contact", contact.id, request.args.get("cursor"), audit_ids=audit_ids),
            access=recent_access(contact, limit=10),
            memberships=db.session.scalars(
                select(GroupMember).where(GroupMember.contact_id == contact.id)
            ).all(),
            affiliation_form=AffiliationForm(formdata=None),
            today=today_in("Asia/Taipei"),
            languages=dict(spoken_language_choices()),
        )
    return render_template("contacts/detail.html", **context)


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(contact_id: int):
    contact = get_contact_or_404(contact_id, need="edit")
    form = ContactForm(
        obj=contact,
        data={
            "title": contact.title,
            "languages": contact.languages,
            "tags": ", ".join(contact.tag_names),
            "emails": [{"kind": e.kind, "address": e.address} for e in contact.emails],
            "phones": [{"kind": p.kind, "number": p.number} for p in contact.phones],
            "addresses": [
                {"kind": a.kind, "text": a.text, "country": a.country or ""} for a in contact.addresses
            ],
        },
    )
    if request.method == "GET":
        _with_blank_rows(form)
    conflict = None
    duplicates = []
    if form.validate_on_submit():
        fields, details = _fields(form), _details(form)

        def apply(target):
            for name, value in fields.items():
                setattr(target, name, value)
            services._apply_details(target, details)

        conflict = detect_conflict(contact, form.version.data, apply, CONTACT_LABELS)
        if conflict is None:
            try:
                services.update_contact(contact, fields, details)
                if form.photo.data:
                    services.set_photo(contact, form.photo.data)
            except UploadRejected as error:
                db.session.rollback()
                form.photo.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The contact is saved."), "success")
                return redirect(url_for("contacts.detail", contact_id=contact.id))
        else:
            form.version.data = contact.version
    return render_template(
        "contacts/form.html", form=form, contact=contact, conflict=conflict, duplicates=duplicates
    )


@bp.route("/contacts/<int:contact_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(contact_id: int):
    from ..core.archive import archive as archive_record

    contact = get_contact_or_404(contact_id, need="edit")
    archive_record(contact)
    db.session.commit()
    flash(_("The contact is archived. An administrator can restore it."), "success")
    return redirect(url_for("contacts.index"))


@bp.route("/contacts/<int:contact_id>/photo")
@roles_required(*STAFF)
def photo(contact_id: int):
    from flask import abort

    from ..core.files import send_stored

    contact = get_contact_or_404(contact_id, need="personal")
    if contact.photo is None:
        abort(404)
    return send_stored(contact.photo, inline=True)
