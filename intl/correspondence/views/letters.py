"""Letter pages: the list with search and filters, registering and drafting, the letter's page, editing,
workflow moves, assignment, attachments, archiving."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, load_only, selectinload
from wtforms.validators import ValidationError

from ...core.access import READERS, STAFF, allow, can, load_or_404, may
from ...core.attachments import send_attachment
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.files import UploadRejected
from ...core.forms import error_text
from ...core.i18n import current_locale_code
from ...core.pagination import paginate
from ...core.pickers import resolve
from ...core.time import office_today
from ...workdays.calendar import add_working_days
from .. import queries, records, services, steps
from ..filling import unfilled
from ..forms import AssignForm, AttachmentForm, LetterForm, MoveForm, TranslationAddForm
from ..models import LETTER_LABELS, Letter, LetterAttachment
from ..queries import LetterFilters, letter_list, overdue_count
from ..translations import original_changed, split_paragraphs, translator_choices
from ..workflow import DIRECTIONS, STATUSES, MoveRefused, allowed_moves, move_label

# The columns the list shows (not the body, which can run to pages, nor the rest of the record).
LIST_COLUMNS = load_only(
    Letter.direction,
    Letter.reference_no,
    Letter.letter_on,
    Letter.subject,
    Letter.language,
    Letter.confidential,
    Letter.due_on,
    Letter.status,
    Letter.assigned_to_id,
    Letter.archived_at,
    Letter.version,
)


@allow(READERS)
def index():
    filters = LetterFilters.from_args(request.args)
    if filters.partner_text and filters.partner is None:
        _resolve_partner(filters)
    today = office_today()
    stmt, terms = letter_list(filters, current_user, today)
    page = paginate(
        db.session,
        stmt.options(LIST_COLUMNS),
        terms,
        request.args.get("cursor"),
        per_page=50,
        count=not filters.capped,
    )
    locale = current_locale_code()
    parties = records.load_parties(page.items, names_only=True)
    return render_template(
        "correspondence/index.html",
        filters=filters,
        page=page,
        today=today,
        overdue=overdue_count(current_user, today),
        rows=queries.letter_rows(
            page.items,
            {key: records.label(key[0], record, locale) for key, record in parties.items()},
            today,
            locale,
        ),
        years=range(today.year + 1, today.year - 16, -1),
    )


def _resolve_partner(filters: LetterFilters) -> None:
    """A partner typed by name rather than chosen from the suggestions: the one it names, or no letters."""
    try:
        filters.partner = resolve("partner", filters.partner_text).id
    except ValidationError as error:
        filters.partner = -1
        filters.partner_error = str(error)


def _party_triples(form: LetterForm, direction: str) -> list[tuple[str, str, int]]:
    role = "sender" if direction == "incoming" else "recipient"
    return [
        *((role, "contact", i) for i in form.contacts.ids),
        *((role, "organization", i) for i in form.organizations.ids),
        *((role, "partner", i) for i in form.partners.ids),
        *(("cc", "contact", i) for i in form.copies.ids),
    ]


def _link_pairs(form: LetterForm) -> list[tuple[str, int]]:
    return [("delegation", int(i)) for i in form.delegations.data or []] + form.links


def _fields(form: LetterForm, direction: str) -> dict:
    def text(field):
        return (field.data or "").strip() or None

    return {
        "subject": form.subject.data.strip(),
        "their_reference": text(form.their_reference),
        "letter_on": form.letter_on.data,
        "received_on": form.received_on.data if direction == "incoming" else None,
        "channel": form.channel.data,
        "language": form.language.data,
        "body": (form.body.data or "").replace("\r\n", "\n"),
        "confidential": form.confidential.data,
        "due_on": form.due_on.data,
        "signatory": text(form.signatory),
        "signatory_title": text(form.signatory_title),
        "plan_item_id": form.plan_item_id.data,
    }


def reply_target(value) -> Letter | None:
    """The incoming letter a new one answers (?reply_to=), loaded for the current user."""
    if not value or not str(value).isdigit():
        return None
    original = load_or_404(Letter, int(value))
    return original if original.direction == "incoming" else None


def initial_links(value: str | None) -> tuple[list[str], str]:
    """?link=delegation:5 or ?link=lecture:3 from another record's page."""
    kind, _sep, number = (value or "").partition(":")
    if not number.isdigit() or records.link_model(kind) is None:
        return [], ""
    return ([number], "") if kind == "delegation" else ([], f"{kind} #{number}")


def _after_save(letter: Letter):
    """The letter's page, or the list when the user saved a letter they may no longer open."""
    if not can(current_user, letter, "view"):
        flash(_("It is confidential and you are not assigned to it: only its officer and admins see it."))
        return redirect(url_for("correspondence.index"))
    return redirect(url_for("correspondence.detail", letter_id=letter.id))


@allow(STAFF)
def create():
    direction = request.args.get("direction") if request.args.get("direction") in DIRECTIONS else "incoming"
    original = reply_target(request.values.get("reply_to") or request.form.get("in_reply_to_id"))
    data = None
    if request.method == "GET":
        today = office_today()
        delegations, others = initial_links(request.args.get("link"))
        data = {
            "direction": "outgoing" if original else direction,
            "letter_on": today,
            "received_on": today if direction == "incoming" and not original else None,
            "due_on": add_working_days(today, current_app.config.get("LETTER_REPLY_DAYS", 14))
            if direction == "incoming" and not original
            else None,
            "language": "zh_Hant",
            "channel": "email",
            "assigned_to_id": str(current_user.id) if direction == "outgoing" or original else "",
            "delegations": delegations,
            "other_links": others,
            "in_reply_to_id": str(original.id) if original else "",
        }
        if original is not None:
            data.update(
                subject=f"Re: {original.subject}"[:500],
                language=original.language,
                confidential=original.confidential,
                contacts=original.party_ids("contact", "sender"),
                organizations=original.party_ids("organization", "sender"),
                partners=original.party_ids("partner", "sender"),
                delegations=[str(i) for i in original.link_ids("delegation")],
            )
    form = LetterForm(data=data)
    if form.validate_on_submit():
        chosen = "outgoing" if original else form.direction.data
        letter = services.create_letter(
            chosen,
            parties=_party_triples(form, chosen),
            links=_link_pairs(form),
            in_reply_to_id=original.id if original else None,
            assigned_to_id=form.assigned_to if chosen == "outgoing" else None,
            **_fields(form, chosen),
        )
        if chosen == "incoming" and form.assigned_to:
            steps.assign(letter, form.assigned_to)
        db.session.commit()
        flash(_("The letter %(reference)s is saved.", reference=letter.reference_no), "success")
        return _after_save(letter)
    return render_template(
        "correspondence/form.html", form=form, letter=None, original=original, conflict=None
    )


@allow(READERS)
def detail(letter_id: int):
    letter = load_or_404(Letter, letter_id, options=DETAIL_LOADS)
    locale = current_locale_code()
    parties = records.load_parties([letter])
    links = records.load_links([letter])
    editable = can(current_user, letter, "edit") and letter.archived_at is None
    return render_template(
        "correspondence/detail.html",
        letter=letter,
        editable=editable,
        today=office_today(),
        parties=[
            (
                p,
                records.label(p.kind, parties.get((p.kind, p.entity_id)), locale),
                records.record_url(p.kind, p.entity_id),
            )
            for p in letter.parties
            if (p.kind, p.entity_id) in parties
        ],
        links=[
            (
                link,
                records.label(link.kind, links[(link.kind, link.entity_id)], locale),
                records.record_url(link.kind, link.entity_id),
            )
            for link in letter.links
            if (link.kind, link.entity_id) in links
        ],
        translations=[(t, can(current_user, t, "edit"), original_changed(t)) for t in letter.translations],
        moves=_offered_moves(letter) if editable else [],
        replies=queries.replies_to(letter, current_user) if letter.direction == "incoming" else [],
        steps=letter.steps,
        paragraphs=split_paragraphs(letter.body),
        placeholders=[f"{{{name}}}" for name in unfilled(letter.body + "\n" + letter.subject)],
        assign_form=AssignForm(formdata=None, data={"assigned_to_id": str(letter.assigned_to_id or "")}),
        attachment_form=AttachmentForm(formdata=None),
        translation_form=TranslationAddForm(formdata=None, translators=translator_choices(letter))
        if editable
        else None,
        labels=LETTER_LABELS,
        followup_url=url_for("followups.create", source_kind="letter", source_id=letter.id)
        if editable and may("followups.create")
        else None,
    )


# What the letter's page shows, loaded with the letter rather than one lazy load at a time from the template.
DETAIL_LOADS = (
    selectinload(Letter.links),
    selectinload(Letter.attachments),  # each with its file (a joined load of theirs)
    selectinload(Letter.translations),
    selectinload(Letter.steps),
    joinedload(Letter.in_reply_to),
)


def _offered_moves(letter: Letter) -> list[tuple[str, str]]:
    """The next steps to offer as buttons: assigning has its own form (it needs the officer), and 'answered'
    is offered only once a reply exists (sending the reply makes the move by itself)."""
    offered = []
    for target in allowed_moves(letter.direction, letter.status):
        if target == "assigned" and not (letter.status != "registered" and letter.assigned_to_id):
            continue
        if target == "answered" and not steps.has_reply(letter):
            continue
        offered.append((target, move_label(letter.status, target)))
    return offered


def _initial(letter: Letter) -> dict:
    role = "sender" if letter.direction == "incoming" else "recipient"
    return {
        "contacts": letter.party_ids("contact", role),
        "organizations": letter.party_ids("organization", role),
        "partners": letter.party_ids("partner", role),
        "copies": letter.party_ids("contact", "cc"),
        "delegations": [str(i) for i in letter.link_ids("delegation")],
        "other_links": ", ".join(f"{x.kind} #{x.entity_id}" for x in letter.links if x.kind != "delegation"),
    }


@allow(STAFF)
def edit(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="edit")
    if letter.archived_at is not None:
        abort(404)
    form = LetterForm(obj=letter, data=_initial(letter), linked_delegations=letter.link_ids("delegation"))
    del form.direction, form.assigned_to_id, form.in_reply_to_id
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_letter(
                letter,
                form.version.data,
                parties=_party_triples(form, letter.direction),
                links=_link_pairs(form),
                **_fields(form, letter.direction),
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = letter.version
        else:
            db.session.commit()
            flash(_("The letter %(reference)s is saved.", reference=letter.reference_no), "success")
            if not can(current_user, letter, "view"):
                return redirect(url_for("correspondence.index"))
            return redirect(url_for("correspondence.detail", letter_id=letter.id))
    return render_template(
        "correspondence/form.html", form=form, letter=letter, original=letter.in_reply_to, conflict=conflict
    )


@allow(STAFF)
def move(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="edit")
    form = MoveForm()
    if form.validate_on_submit():
        try:
            steps.move(letter, form.target.data, form.note.data, expected=form.expected.data or None)
        except MoveRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()
            flash(_("The letter is now: %(status)s.", status=STATUSES[letter.status]), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("correspondence.detail", letter_id=letter_id))


@allow(STAFF)
def assign(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="edit")
    form = AssignForm()
    if form.validate_on_submit():
        try:
            steps.assign(letter, int(form.assigned_to_id.data), form.note.data)
        except MoveRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()
            flash(_("The officer in charge is %(name)s.", name=letter.assigned_to.display_name), "success")
            if not can(current_user, letter, "view"):
                return redirect(url_for("correspondence.index"))
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("correspondence.detail", letter_id=letter_id))


@allow(STAFF)
def add_attachment(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="edit")
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            services.add_attachment(letter, form.file.data, form.caption.data or None)
        except UploadRejected as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The attachment is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("correspondence.detail", letter_id=letter_id) + "#attachments")


@allow(READERS)
def attachment(letter_id: int, attachment_id: int):
    letter = load_or_404(Letter, letter_id)
    return send_attachment(LetterAttachment, letter.id, attachment_id)


@allow(STAFF)
def archive(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="archive")
    services.archive_letter(letter)
    db.session.commit()
    flash(_("The letter is archived. An administrator can restore it."), "success")
    return redirect(url_for("correspondence.index"))
