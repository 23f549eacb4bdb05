"""Contact pages: list with any-script search, detail, create (with duplicate warning), edit, archive, photo.

A contact's personal details (e-mail, phone, address, needs...) are shown only when `disclose` answers True,
which also logs the showing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import lazyload, selectinload

from ...core.access import READERS, STAFF, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.countries import is_country
from ...core.db import db
from ...core.files import UploadRejected, send_stored
from ...core.i18n import current_locale_code
from ...core.pagination import paginate
from ...core.tags import all_tag_names, parse_tags
from ...core.time import office_today
from ...core.translations import labels as translated
from ...interactions.timeline import timeline
from ...organizations.models import Organization
from .. import queries, services
from ..forms import AffiliationForm, ContactForm, spoken_language_choices
from ..merge import merged_ids
from ..models import ADDRESS_KINDS, EMAIL_KINDS, HONORIFICS, PHONE_KINDS, Affiliation, Contact
from ..personal import disclose
from ..queries import ContactFilters, contact_list


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


@allow(READERS)
def index():
    filters = ContactFilters.from_args(request.args)
    locale = current_locale_code()
    stmt, count_stmt, terms = contact_list(filters, locale, columns=queries.PAGE_COLUMNS)
    page = paginate(
        db.session,
        stmt,
        terms,
        request.args.get("cursor"),
        per_page=50,
        count_stmt=count_stmt,
        count=not filters.capped,
        scalar=False,
    )
    page.items = [queries.ListedContact(*row) for row in page.items]
    personal = disclose(page.items, "list")  # the e-mail and tag columns
    details = queries.list_details([c.id for c in page.items], personal)
    return render_template(
        "contacts/index.html",
        filters=filters,
        page=page,
        personal=personal,
        rows=queries.list_rows(page.items, details, locale, translated(HONORIFICS)),
        tags=all_tag_names(),
        languages=spoken_language_choices(),
        filter_names=queries.filter_names(filters, locale),
    )


@allow(STAFF)
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


# What the contact's page shows, loaded with the contact rather than lazily from the template (affiliations
# bring their organization: a joined load of theirs).
DETAIL_LOADS = (
    # the page shows each affiliation's organization by name: not its partner, parent or tags, which the
    # organization's mapping loads with it (two joins and one more query)
    selectinload(Contact.affiliations)
    .joinedload(Affiliation.organization)
    .options(lazyload(Organization.partner), lazyload(Organization.parent), lazyload(Organization.tags)),
    selectinload(Contact.emails),
    selectinload(Contact.phones),
    selectinload(Contact.addresses),
    selectinload(Contact.language_rows),
    selectinload(Contact.tags),
)


@allow(READERS)
def detail(contact_id: int):
    contact = load_or_404(Contact, contact_id, options=DETAIL_LOADS)
    personal = disclose([contact], "view")
    context = {"contact": contact, "personal": personal}
    if personal:
        merged = merged_ids(contact)
        audit_ids = {"contact": merged} if merged else None
        context.update(
            timeline=timeline("contact", contact.id, request.args.get("cursor"), audit_ids=audit_ids),
            access=queries.recent_access(contact, limit=10),
            memberships=queries.memberships(contact),
            affiliation_form=AffiliationForm(formdata=None),
            today=office_today(),
            languages=dict(spoken_language_choices()),
        )
    return render_template("contacts/detail.html", **context)


@allow(STAFF)
def edit(contact_id: int):
    contact = load_or_404(Contact, contact_id, need="edit")
    if not disclose([contact], "view"):  # the form shows the person's details
        abort(403)
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
    if form.validate_on_submit():
        try:
            services.update_contact(contact, form.version.data, _fields(form), _details(form))
            if form.photo.data:
                services.set_photo(contact, form.photo.data)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = contact.version
        except UploadRejected as error:
            db.session.rollback()
            form.photo.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The contact is saved."), "success")
            return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("contacts/form.html", form=form, contact=contact, conflict=conflict, duplicates=[])


@allow(STAFF)
def archive(contact_id: int):
    contact = load_or_404(Contact, contact_id, need="archive")
    services.archive_contact(contact)
    db.session.commit()
    flash(_("The contact is archived. An administrator can restore it."), "success")
    return redirect(url_for("contacts.index"))


@allow(STAFF)
def photo(contact_id: int):
    # Shown on the contact's page, whose request logged the showing of the person's details.
    contact = load_or_404(Contact, contact_id, need="personal")
    if contact.photo is None:
        abort(404)
    return send_stored(contact.photo, inline=True)
