"""Calendar subscriptions: each user manages their own secret feed addresses; the feed itself answers without a
session (calendar clients cannot sign in), conditional requests included, and only while the access rule still
lets its owner read that schedule (asked on every request)."""

from __future__ import annotations

from email.utils import format_datetime as http_date

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import allow, can, load_or_404, public
from ...core.db import db
from ...core.i18n import LANGUAGE_NAMES
from ...core.time import now_utc
from .. import services
from ..access import SUBSCRIBERS, feed_problem
from ..feeds import feed_bytes, feed_state, find_token, new_token, poll_token, touch
from ..forms import FeedTokenForm
from ..leaders import active_leaders
from ..models import FEED_ENDS, FEED_SCOPES, FeedToken
from ..queries import active_leader, feed_tokens_of


def _subjects(user) -> list[tuple[str, str]]:
    """Whose schedules this user may subscribe to: their own, and the leaders' they may read."""
    subjects = [("me", _("My own engagements"))]
    subjects += [
        (f"leader:{leader.id}", f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
        for leader in active_leaders()
        if can(user, leader, "schedule")
    ]
    return subjects


def _may_subscribe(subject: str) -> bool:
    if subject == "me":
        return True
    kind, _sep, ref = subject.partition(":")
    if kind != "leader" or not ref.isdigit():
        return False
    leader = active_leader(int(ref))
    return leader is not None and can(current_user, leader, "schedule")


def feed_url(secret: str, scheme: str = "https") -> str:
    base = (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
    url = f"{base}{url_for('schedule.feed', secret=secret)}"
    return "webcal://" + url.split("://", 1)[1] if scheme == "webcal" else url


@allow(SUBSCRIBERS)
def feeds():
    form = FeedTokenForm()
    form.subject.choices = _subjects(current_user)
    form.scope.choices = [(k, str(v)) for k, v in FEED_SCOPES.items()]
    form.locale.choices = list(LANGUAGE_NAMES.items())
    created = None
    if form.validate_on_submit():
        if not _may_subscribe(form.subject.data):
            abort(403)
        secret, digest = new_token()
        services.create_feed_token(
            current_user, digest, form.subject.data, form.scope.data, form.locale.data, form.label.data
        )
        db.session.commit()
        created = {"https": feed_url(secret), "webcal": feed_url(secret, "webcal")}
    tokens = feed_tokens_of(current_user)
    return render_template(
        "schedule/feeds.html",
        form=form,
        tokens=[(token, feed_problem(token)) for token in tokens],
        created=created,
        scopes=FEED_SCOPES,
        ends=FEED_ENDS,
    )


@allow(SUBSCRIBERS)
def revoke_feed(token_id: int):
    token = load_or_404(FeedToken, token_id, need="revoke")
    services.revoke_feed_token(token)
    db.session.commit()
    flash(_("The subscription address is revoked: calendars using it stop updating."), "success")
    return redirect(url_for("schedule.feeds"))


@public
def feed(secret: str):
    # A poll that hears 304 reads one row (poll_token); only a changed feed loads the subscription itself.
    polled = poll_token(secret)
    if polled is None or feed_problem(polled[0]) is not None:
        abort(404)
    polled_token, current = polled
    now = now_utc()
    state = feed_state(polled_token, now, current)
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
    token = find_token(secret)
    if token is None or feed_problem(token) is not None:  # revoked since the poll read it
        abort(404)
    body = feed_bytes(token, now)
    touch(token, now)
    return Response(
        body,
        mimetype="text/calendar",
        headers={**headers, "Content-Disposition": 'inline; filename="schedule.ics"'},
    )
