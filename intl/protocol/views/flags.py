"""The flags of an occasion, each partner's choice of flag, and the gift check for a guest."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.db import db
from ...core.forms import error_text
from ...gifts import queries as gift_queries
from ...partners.models import Partner
from .. import services
from ..cautions import KINDS, WHY, Guest, check
from ..flags import GuestFlag, arrangement
from ..forms import FlagChoiceForm, GiftCheckForm
from ..models import FlagChoice
from ..people import load_people, office_country
from ..queries import partners_of, precedence
from .common import load_occasion, load_participant, source_url, viewer_locale


def _choices(partner_ids: set[int]) -> dict[int, FlagChoice]:
    if not partner_ids:
        return {}
    return {
        f.partner_id: f
        for f in db.session.scalars(select(FlagChoice).where(FlagChoice.partner_id.in_(partner_ids)))
    }


@allow(READERS)
def flags(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    locale = viewer_locale()
    entries = precedence(occasion)
    guests = [e for e in entries if e.participant.side == "guest"]
    by_id = partners_of(guests)
    partners = set(by_id.values())
    choices = _choices(set(by_id))
    row = arrangement(
        office_country(),
        [
            GuestFlag(
                e.person.country,
                e.participant.partner_id,
                by_id[e.participant.partner_id].names.get_for(locale)
                if e.participant.partner_id in by_id
                else "",
                choices[e.participant.partner_id].choice
                if e.participant.partner_id in choices
                else "national",
            )
            for e in guests
        ],
        occasion.flag_rule,
        locale,
    )
    return render_template(
        "protocol/flags.html",
        occasion=occasion,
        source=source,
        back=source_url(occasion),
        row=row,
        partners=sorted(partners, key=lambda p: p.names.get_for(locale)),
        choices=choices,
        guests=guests,
        editable=can(current_user, FlagChoice, "edit"),
        may_check_gifts=can(current_user, occasion, "edit"),
        form=FlagChoiceForm(formdata=None),
        locale=locale,
    )


@allow(STAFF)
def flag_choice(occasion_id: int, partner_id: int):
    occasion, _source = load_occasion(occasion_id)
    partner = load_or_404(Partner, partner_id)
    if not can(current_user, FlagChoice, "edit"):
        abort(403)
    form = FlagChoiceForm()
    if form.validate_on_submit():
        services.set_flag_choice(partner.id, form.choice.data, (form.note.data or "").strip() or None)
        db.session.commit()
        flash(_("The choice of flag is saved."), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("protocol.flags", occasion_id=occasion.id))


@allow(STAFF)
def gift(occasion_id: int, participant_id: int):
    """Check a gift proposed for a guest against the cautions, beside what they and their partner were given."""
    occasion, _source = load_occasion(occasion_id, need="edit")
    participant = load_participant(occasion, participant_id)
    person = load_people([participant], with_needs=True)[0]
    stock = gift_queries.stock_items()
    form = GiftCheckForm(request.args)
    form.stock_item.choices = [("", "—")] + [(str(s.id), s.name.get_for(viewer_locale())) for s in stock]
    form.validate()
    item = next((s for s in stock if str(s.id) == form.stock_item.data), None)
    text = " ".join(
        filter(
            None,
            [
                form.description.data or "",
                *(item.name.values() if item else []),
                item.description if item else "",
            ],
        )
    )
    cautions = check(
        text,
        Guest(
            person.country,
            person.name_locale,
            tuple(person.needs),
            " ".join([person.needs_notes, person.protocol_notes]),
        ),
    )
    given_contact = (
        gift_queries.history(contact_id=participant.ref_id) if participant.kind == "contact" else []
    )
    given_partner = gift_queries.history(partner_id=participant.partner_id) if participant.partner_id else []
    return render_template(
        "protocol/gift.html", occasion=occasion, participant=participant, person=person, form=form, checked=bool(text.strip()),
        cautions=cautions, kinds={k: str(v) for k, v in KINDS.items()}, why={k: str(v) for k, v in WHY.items()},
        given_contact=given_contact, given_partner=given_partner, locale=viewer_locale(),
    )  # fmt: skip
