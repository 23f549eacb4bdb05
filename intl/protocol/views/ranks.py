"""The office's ranking table: read by those who read records, kept by staff, in every language of the app."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...core.access import READERS, STAFF, allow, load_or_404
from ...core.conflicts import EditConflict, check_version
from ...core.db import db
from .. import services
from ..forms import RankForm
from ..models import RECEPTION_LEVELS, Rank
from ..queries import ranks


@allow(READERS)
def index():
    return render_template(
        "protocol/ranks.html", ranks=ranks(), levels={k: str(v) for k, v in RECEPTION_LEVELS.items()}
    )


def _form_fields(form) -> dict:
    return {
        "label": form.label.localized,
        "code": form.code.data.strip(),
        "level": form.level.data,
        "keywords": form.keyword_list,
        "reception": form.reception.data or None,
        "active": form.active.data,
    }


def _code_taken(code: str, rank_id: int | None) -> bool:
    other = db.session.scalar(select(Rank.id).where(Rank.code == code))
    return other is not None and other != rank_id


@allow(STAFF)
def edit(rank_id: int | None = None):
    rank = load_or_404(Rank, rank_id, need="edit") if rank_id is not None else None
    form = RankForm(
        obj=rank, data={"keywords": "\n".join(rank.keywords), "label": rank.label} if rank else None
    )
    conflict = None
    if form.validate_on_submit():
        fields = _form_fields(form)
        if _code_taken(fields["code"], rank.id if rank else None):
            form.code.errors.append(_("Another rank has this code."))
        else:
            try:
                if rank is not None:
                    check_version(rank, form.version.data, fields)
                services.save_rank(rank, **fields)
            except EditConflict as error:
                conflict = error.conflict
                form.version.data = rank.version
            else:
                db.session.commit()
                flash(_("The ranking table is saved."), "success")
                return redirect(url_for("protocol.ranks"))
    return render_template("protocol/rank_form.html", form=form, rank=rank, conflict=conflict)
