"""Letter templates (officers and admins keep them) and drafting an outgoing letter from one."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import STAFF, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.i18n import current_locale_code
from ...core.time import office_today
from .. import filling, queries, records, services
from ..forms import DraftForm, TemplateForm
from ..models import LetterTemplate
from .letters import initial_links, reply_target


@allow(STAFF)
def templates():
    return render_template("correspondence/templates.html", templates=queries.all_templates())


def _template_fields(form: TemplateForm) -> dict:
    return {
        "kind": form.kind.data,
        "language": form.language.data,
        "name": form.name.data.strip(),
        "subject": form.subject.data.strip(),
        "body": form.body.data.replace("\r\n", "\n"),
        "active": form.active.data,
    }


@allow(STAFF)
def template_create():
    form = TemplateForm()
    if form.validate_on_submit():
        services.create_template(**_template_fields(form))
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


@allow(STAFF)
def template_edit(template_id: int):
    template = load_or_404(LetterTemplate, template_id, need="edit")
    form = TemplateForm(obj=template)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_template(template, form.version.data, **_template_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = template.version
        else:
            db.session.commit()
            flash(_("The template is saved."), "success")
            return redirect(url_for("correspondence.templates"))
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


@allow(STAFF)
def draft():
    original = reply_target(request.values.get("reply_to"))
    active = queries.active_templates()
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
        delegations, others = initial_links(request.args.get("link"))
        data = {
            "letter_on": office_today(),
            "template_id": str(wanted[0].id) if wanted else "",
            "delegation_id": delegations[0] if delegations else "",
            "other_links": others,
            "signatory": signers[0][0] if signers else "",
            "reply_to": str(original.id) if original else "",
        }
        if others:
            # a lecture's letters go to its speaker
            kind, _sep, number = request.args["link"].partition(":")
            linked = records.live_record(kind, int(number))
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
        template = next(t for t in active if t.id == int(form.template_id.data))
        name, title = _signatory(form.signatory.data, template.language)
        event = None
        if form.links:
            kind, event_id = form.links[0]
            event = (kind, records.live_record(kind, event_id))
        sources = filling.Sources(
            on=form.letter_on.data,
            contact=records.live_record("contact", form.contact_id.data),
            organization=records.live_record("organization", form.organization_id.data),
            partner=records.live_record("partner", form.partner_id.data),
            delegation=records.live_record(
                "delegation", int(form.delegation_id.data) if form.delegation_id.data else None
            ),
            event=event,
            sender_name=name,
            sender_title=title,
        )
        letter = services.draft_letter(
            template,
            sources,
            links=form.links,
            due_on=form.due_on.data,
            confidential=form.confidential.data or bool(original and original.confidential),
            in_reply_to_id=original.id if original else None,
            assigned_to_id=current_user.id,
        )
        db.session.commit()
        flash(_("The draft %(reference)s is ready to edit.", reference=letter.reference_no), "success")
        return redirect(url_for("correspondence.detail", letter_id=letter.id))
    return render_template("correspondence/draft.html", form=form, original=original, templates=active)
