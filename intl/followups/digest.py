"""The reminder digest: one e-mail per person, in their language, listing their overdue follow-ups, those due
this week and the gift reports they owe. Sent through intl.core.mail to the SMTP server in the settings over one
connection; run daily by cron through `flask --app wsgi followups send-digest`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from urllib.parse import urljoin

from babel.dates import format_date as babel_format_date
from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.models import User
from ..core import mail
from ..core.access import STAFF, in_roles
from ..core.db import db
from ..core.i18n import reader_locale, roc_date
from ..gifts import queries as gift_queries
from ..gifts.models import Gift
from ..gifts.services import ethics_reason_text
from . import queries, sources
from .models import DigestSent, FollowUp

WEEK = 7


@dataclass
class Digest:
    user: User
    overdue: list[FollowUp] = field(default_factory=list)
    due_soon: list[FollowUp] = field(default_factory=list)
    gift_reports: list = field(default_factory=list)  # Gift records whose report the user owes

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.gift_reports)


@dataclass
class Outcome:
    digest: Digest
    message: EmailMessage | None
    error: str | None = None


def collect(today: date, days: int = WEEK) -> list[Digest]:
    """Everyone active with something overdue or due within `days` (today included), by name."""
    until = today + timedelta(days=days - 1)
    per_user: dict[int, Digest] = {}
    users = {}

    def digest_of(user_id: int) -> Digest | None:
        if user_id not in users:
            users[user_id] = db.session.get(User, user_id)
        user = users[user_id]
        if user is None or not user.active:
            return None
        return per_user.setdefault(user_id, Digest(user))

    for followup in queries.due_by(until):
        digest = digest_of(followup.owner_id)
        if digest is not None:
            (digest.overdue if followup.due_on < today else digest.due_soon).append(followup)
    gifts = db.session.scalars(
        select(Gift)
        .where(gift_queries.report_missing(), Gift.report_due_on <= until)
        .order_by(Gift.report_due_on)
    )
    for gift in gifts:
        for user_id in {gift.user_id, gift.recorded_by_id} - {None}:
            digest = digest_of(user_id)
            if digest is not None and in_roles(digest.user, STAFF):
                digest.gift_reports.append(gift)
    return sorted((d for d in per_user.values() if not d.empty), key=lambda d: d.user.display_name)


def _day(value: date, user: User, locale: str) -> str:
    if user.date_style == "roc" and locale.startswith("zh"):
        return roc_date(value)
    return babel_format_date(value, "medium", locale=locale)


def _link(path: str | None) -> str | None:
    """An absolute address for a path built by url_for (which already holds BASE_URL's own path, if any)."""
    base = current_app.config.get("BASE_URL", "")
    return urljoin(base, path) if base and path else None


def compose(digest: Digest, today: date) -> EmailMessage:
    """The e-mail for one person: plain text and HTML, in their language."""
    user = digest.user
    locale = reader_locale(user.locale)
    base = current_app.config.get("BASE_URL") or "http://localhost"
    with current_app.test_request_context(base_url=base), force_locale(locale):
        described = sources.describe(digest.overdue + digest.due_soon, user)

        def item(followup: FollowUp) -> dict:
            source = described[followup.source_kind, followup.source_id]
            return {
                "description": followup.description,
                "source": source.label,
                "url": _link(source.url),
                "due": _day(followup.due_on, user, locale),
            }

        context = {
            "name": user.display_name,
            "today": _day(today, user, locale),
            "overdue": [item(f) for f in digest.overdue],
            "due_soon": [item(f) for f in digest.due_soon],
            "gifts": [
                {
                    "description": gift.description,
                    "on": _day(gift.exchanged_on, user, locale),
                    "due": _day(gift.report_due_on, user, locale),
                    "overdue": gift.report_due_on < today,
                    "reason": ethics_reason_text(gift.report_reason),
                    "url": _link(url_for("gifts.ethics", gift_id=gift.id)),
                }
                for gift in digest.gift_reports
            ],
            "mine_url": _link(url_for("followups.mine")),
        }
        late = len(digest.overdue) + sum(1 for g in context["gifts"] if g["overdue"])
        subject = _(
            "Intl Desk reminders: %(late)s overdue, %(soon)s due this week",
            late=late,
            soon=len(digest.due_soon) + sum(1 for g in context["gifts"] if not g["overdue"]),
        )
        text = _text(context)
        html = render_template("followups/digest_email.html", subject=subject, lang=locale, **context)
    return mail.new_message(subject, (user.display_name, user.email), text, html, locale)


def _followup_line(entry: dict) -> str:
    return f"* {entry['description']} — {entry['source']} — {_('due %(date)s', date=entry['due'])}"


def _gift_line(entry: dict) -> str:
    when = (
        _("OVERDUE, was due %(date)s", date=entry["due"])
        if entry["overdue"]
        else _("due %(date)s", date=entry["due"])
    )
    return f"* {entry['on']} {entry['description']} — {when}\n  {entry['reason']}"


def _text(context: dict) -> str:
    """The plain-text part: the same sections as the HTML one."""
    lines = [
        _("Hello %(name)s,", name=context["name"]),
        "",
        _("Your reminders on %(date)s:", date=context["today"]),
    ]
    sections = (
        (_("Overdue follow-ups"), context["overdue"], _followup_line),
        (_("Follow-ups due this week"), context["due_soon"], _followup_line),
        (_("Gift reports to make"), context["gifts"], _gift_line),
    )
    for title, items, line in sections:
        if items:
            lines += ["", f"{title} ({len(items)})", "-" * 40]
            for entry in items:
                lines.append(line(entry))
                if entry.get("url"):
                    lines.append(f"  {entry['url']}")
    lines += [
        "",
        "--",
        _("Sent by Intl Desk. Your follow-ups:") + " " + (context["mine_url"] or "/followups/mine"),
    ]
    return "\n".join(lines) + "\n"


def without_address(digests: list[Digest]) -> list[Digest]:
    return [d for d in digests if not (d.user.email or "").strip()]


def send(messages: list[tuple[Digest, EmailMessage]]) -> list[Outcome]:
    """Send over one SMTP connection (raises one of mail.SEND_ERRORS when there is none); a refused recipient
    does not stop the others."""
    outcomes = []
    with mail.connect() as smtp:
        for digest, message in messages:
            try:
                smtp.send_message(message)
            except mail.MESSAGE_ERRORS as error:
                outcomes.append(Outcome(digest, message, str(error)))
            else:
                outcomes.append(Outcome(digest, message))
    return outcomes


def already_sent(today: date) -> set[int]:
    """The people whose digest for this day has gone out."""
    return set(db.session.scalars(select(DigestSent.user_id).where(DigestSent.sent_on == today)))


def record_sent(outcomes: list[Outcome], today: date) -> None:
    """Remember whose digest of the day went out, so that a second run does not send it again."""
    done = already_sent(today)  # sent again on purpose (--again): the first record stays
    for outcome in outcomes:
        if outcome.error is None and outcome.digest.user.id not in done:
            db.session.add(DigestSent(user_id=outcome.digest.user.id, sent_on=today))
    db.session.commit()


def prepare(
    today: date, again: bool = False
) -> tuple[list[tuple[Digest, EmailMessage]], list[Digest], list[Digest]]:
    """The messages to send, the people who should get one but have no e-mail address, and (unless `again`)
    those who already got the day's digest."""
    digests = collect(today)
    missing = without_address(digests)
    skipped = {d.user.id for d in missing}
    done = set() if again else already_sent(today)
    repeated = [d for d in digests if d.user.id in done and d.user.id not in skipped]
    skipped |= done
    return [(d, compose(d, today)) for d in digests if d.user.id not in skipped], missing, repeated
