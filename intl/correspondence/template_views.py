"""Letter templates (officers and admins keep them) and drafting an outgoing letter from one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..contacts.models import Contact
from ..core import audit
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.permissions import STAFF, roles_required
from ..delegations.models import Delegation
from ..organizations.models import Organization
from ..partners.models import Partner
from . import filling, records, services
from .blueprint import bp
from .forms import DraftForm, TemplateForm
from .models import TEMPLATE_KINDS, TEMPLATE_LABELS, LetterTemplate
from .views import _initial_links, _reply_target


@bp.route("/letters/templates")
@roles_required(*STAFF)
def templates():
    rows = db.session.scalars(
        select(LetterTemplate).order_by(LetterTemplate.kind, LetterTemplate.language, LetterTemplate.name)
    ).all()
    return render_template("correspondence/templates.html", templates=rows)


def _template_fields(form: TemplateForm) -> dict:
    return {
        "kind": form.kind.data,
        "language": form.language.data,
        "name": form.name.data.strip(),
        "subject": form.subject.data.strip(),
        "body": form.body.data.replace("\r\n", "\n"),
        "active": form.active.data,
    }


@bp.route("/letters/templates/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def template_create():
    form = TemplateForm()
    if form.validate_on_submit():
        template = LetterTemplate(**_template_fields(form))
        db.session.add(template)
        db.session.flush()
        audit.record_create(template)
        db.session.commit()
        flash(_("The template is saved."), "success")
        return redirect(url_for("correspondence.templates"))
    return render_template(
        "correspondence/template_form.html",
        form=form,
        template=None,
        conflict=None,
        placeholders=filling.PLACEHOLDERS,
    )


@bp.route("/letters/templates/<int:template_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def template_edit(template_id: int):
    template = db.session.get(LetterTemplate, template_id) or abort(404)
    if not template.can_edit(current_user):
        abort(403)
    form = TemplateForm(obj=template)
    conflict = None
    if form.validate_on_submit():
        apply = set_fields(_template_fields(form))
        conflict = detect_conflict(template, form.version.data, apply, TEMPLATE_LABELS)
        if conflict is None:
            before = template.audit_state()
            apply(template)
            db.session.flush()
            audit.record_update(template, before)
            db.session.commit()
            flash(_("The template is saved."), "success")
            return redirect(url_for("correspondence.templates"))
        form.version.data = template.version
    return render_template(
        "correspondence/template_form.html",
        form=form,
        template=template,
        conflict=conflict,
        placeholders=filling.PLACEHOLDERS,
    )


def _signatory(key: str | None, language: str) -> tuple[str, str]:
    """(name, title) of who signs, in the letter's language."""
    if key == "me":
        return current_user.display_name, ""
    for value, name, title in filling.signatories(language):
        if value == key:
            return name, title
    return "", ""


def _record(model, record_id):
    record = db.session.get(model, record_id) if record_id else None
    return record if record is not None and record.archived_at is None else None


@bp.route("/letters/new/from-template", methods=["GET", "POST"])
@roles_required(*STAFF)
def draft():
    original = _reply_target(request.values.get("reply_to"))
    order = list(TEMPLATE_KINDS)
    active = sorted(
        db.session.scalars(select(LetterTemplate).where(LetterTemplate.active.is_(True))),
        key=lambda t: (order.index(t.kind) if t.kind in order else len(order), t.language, t.name),
    )
    locale = current_locale_code()
    signers = [(key, f"{title} {name}".strip()) for key, name, title in filling.signatories(locale)]
    signers.append(("me", current_user.display_name))
    data = None
    if request.method == "GET":
        # the kind and language asked for; for a reply, a template in the language of the letter answered
        language = request.args.get("language") or (original.language if original else None)
        kind = request.args.get("kind")
        wanted = [t for t in active if (kind in (None, t.kind)) and (language in (None, t.language))] or [
            t for t in active if kind in (None, t.kind)
        ]
        delegations, others = _initial_links(request.args.get("link"))
        data = {
            "letter_on": services.office_today(),
            "template_id": str(wanted[0].id) if wanted else "",
            "delegation_id": delegations[0] if delegations else "",
            "other_links": others,
            "signatory": signers[0][0] if signers else "",
            "reply_to": str(original.id) if original else "",
        }
        if others:
            # a lecture's letters go to its speaker
            kind, _sep, number = request.args["link"].partition(":")
            linked = db.session.get(records.link_model(kind), int(number))
            if linked is not None and getattr(linked, "speaker_id", None):
                data["contact_id"] = linked.speaker_id
        if original is not None:
            data.update(
                contact_id=next(iter(original.party_ids("contact", "sender")), None),
                organization_id=next(iter(original.party_ids("organization", "sender")), None),
                partner_id=next(iter(original.party_ids("partner", "sender")), None),
                delegation_id=next(iter(str(i) for i in original.link_ids("delegation")), ""),
                confidential=original.confidential,
            )
    form = DraftForm(data=data, templates=active, signatories=signers)
    if form.validate_on_submit():
        template = db.session.get(LetterTemplate, int(form.template_id.data))
        contact = _record(Contact, form.contact_id.data)
        organization = _record(Organization, form.organization_id.data)
        partner = _record(Partner, form.partner_id.data)
        delegation = _record(Delegation, int(form.delegation_id.data) if form.delegation_id.data else None)
        event = None
        if form.links:
            kind, event_id = form.links[0]
            event = (kind, db.session.get(records.link_model(kind), event_id))
        name, title = _signatory(form.signatory.data, template.language)
        known = filling.values(
            filling.Sources(
                on=form.letter_on.data,
                contact=contact,
                organization=organization,
                partner=partner,
                delegation=delegation,
                event=event,
                sender_name=name,
                sender_title=title,
            ),
            template.language,
        )
        parties = [
            ("recipient", kind, record.id)
            for kind, record in (("contact", contact), ("organization", organization), ("partner", partner))
            if record is not None
        ]
        links = ([("delegation", delegation.id)] if delegation else []) + form.links
        letter = services.create_letter(
            "outgoing",
            parties=parties,
            links=links,
            subject=filling.fill(template.subject, known)[:500],
            body=filling.fill(template.body, known),
            language=template.language,
            letter_on=form.letter_on.data,
            due_on=form.due_on.data,
            channel="email",
            confidential=form.confidential.data or bool(original and original.confidential),
            in_reply_to_id=original.id if original else None,
            assigned_to_id=current_user.id,
            template_id=template.id,
            signatory=name or None,
            signatory_title=title or None,
        )
        db.session.commit()
        flash(_("The draft %(reference)s is ready to edit.", reference=letter.reference_no), "success")
        return redirect(url_for("correspondence.detail", letter_id=letter.id))
    return render_template("correspondence/draft.html", form=form, original=original, templates=active)
