"""Calendar subscriptions: each user manages their own secret feed addresses; the feed itself answers
without a session (calendar clients cannot sign in), conditional requests included."""

from __future__ import annotations

from email.utils import format_datetime as http_date

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.db import db
from ..core.i18n import LANGUAGE_NAMES
from ..core.permissions import public, roles_required
from ..core.time import now_utc
from .blueprint import bp
from .feeds import feed_bytes, feed_state, find_token, new_token
from .forms import FeedTokenForm
from .leaders import active_leaders, leader_ids_of
from .models import FEED_SCOPES, FeedToken

FEED_OWNERS = ("admin", "officer", "intern", "leader")


def _subjects(user) -> list[tuple[str, str]]:
    """Whose schedules this user may subscribe to: their own, and leaders' (staff: any; leaders: their own)."""
    subjects = [("me", _("My own engagements"))]
    allowed = (
        active_leaders()
        if user.role in ("admin", "officer")
        else [leader for leader in active_leaders() if leader.id in leader_ids_of(user)]
    )
    subjects += [
        (f"leader:{leader.id}", f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
        for leader in allowed
    ]
    return subjects


def feed_url(secret: str, scheme: str = "https") -> str:
    base = (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
    url = f"{base}{url_for('schedule.feed', secret=secret)}"
    return "webcal://" + url.split("://", 1)[1] if scheme == "webcal" else url


@bp.route("/feeds", methods=["GET", "POST"])
@roles_required(*FEED_OWNERS)
def feeds():
    form = FeedTokenForm()
    form.subject.choices = _subjects(current_user)
    form.scope.choices = [(k, str(v)) for k, v in FEED_SCOPES.items()]
    form.locale.choices = list(LANGUAGE_NAMES.items())
    created = None
    if form.validate_on_submit():
        if form.subject.data not in {key for key, _label in form.subject.choices}:
            abort(403)
        secret, digest = new_token()
        token = FeedToken(
            token_hash=digest,
            owner_id=current_user.id,
            scope=form.scope.data,
            locale=form.locale.data,
            label=form.label.data or None,
            created_at=now_utc(),
        )
        if form.subject.data == "me":
            token.user_id = current_user.id
        else:
            token.leader_id = int(form.subject.data.split(":", 1)[1])
        db.session.add(token)
        db.session.commit()
        created = {"https": feed_url(secret), "webcal": feed_url(secret, "webcal")}
    tokens = db.session.scalars(
        select(FeedToken)
        .where(FeedToken.owner_id == current_user.id)
        .order_by(FeedToken.revoked_at.is_not(None), FeedToken.id.desc())
    ).all()
    return render_template(
        "schedule/feeds.html", form=form, tokens=tokens, created=created, scopes=FEED_SCOPES
    )


@bp.route("/feeds/<int:token_id>/revoke", methods=["POST"])
@roles_required(*FEED_OWNERS)
def revoke_feed(token_id: int):
    token = db.session.get(FeedToken, token_id)
    if token is None or (token.owner_id != current_user.id and not current_user.is_admin):
        abort(404)
    if token.revoked_at is None:
        token.revoked_at = now_utc()
        db.session.commit()
    flash(_("The subscription address is revoked: calendars using it stop updating."), "success")
    return redirect(url_for("schedule.feeds"))


@bp.route("/feeds/<secret>.ics")
@public
def feed(secret: str):
    token = find_token(secret)
    if token is None:
        abort(404)
    now = now_utc()
    state = feed_state(token, now)
    headers = {"ETag": state.etag, "Cache-Control": "private, max-age=0, must-revalidate"}
    if state.last_modified is not None:
        headers["Last-Modified"] = http_date(state.last_modified, usegmt=True)
    if request.if_none_match and state.etag.strip('"') in request.if_none_match:
        return Response(status=304, headers=headers)
    if (
        not request.if_none_match
        and request.if_modified_since is not None
        and state.last_modified is not None
        and state.last_modified.replace(microsecond=0) <= request.if_modified_since
    ):
        return Response(status=304, headers=headers)
    body = feed_bytes(token, now)
    from .feeds import touch

    touch(token, now)
    return Response(
        body,
        mimetype="text/calendar",
        headers={**headers, "Content-Disposition": 'inline; filename="schedule.ics"'},
    )
