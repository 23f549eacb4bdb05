"""The shape every automatic e-mail to one person takes (a guest's confirmation, a student's acknowledgement, an
officer's note of a new application): a greeting, a few paragraphs, a titled table of details, a link and a
signature, written once as plain text and once as HTML (templates/mail/notice.html).

Callers fill a Notice inside `force_locale(...)` and `outside_requests()`, so that its texts and links come in the
reader's language and at the app's public address.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from email.message import EmailMessage

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import gettext as _

from . import mail


@dataclass
class Notice:
    subject: str
    greeting: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    description: str | None = None
    link_label: str | None = None
    link: str | None = None
    closing_note: str | None = None
    signature: str = ""


def office_signature() -> str:
    return _("Kaohsiung City Government · International Affairs")


def outside_requests():
    """A request context for url_for when sending from outside a request (a command, a test)."""
    if has_request_context():
        return nullcontext()
    return current_app.test_request_context(base_url=current_app.config.get("BASE_URL") or "http://localhost")


def absolute_url(endpoint: str, **values) -> str:
    """The address of a page for a reader outside the app: under BASE_URL when it is set (the address the
    office publishes), else the address of the request being answered."""
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def as_text(notice: Notice) -> str:
    lines = [notice.greeting, "", *[p for paragraph in notice.paragraphs for p in (paragraph, "")]]
    lines.append(notice.title)
    lines += [_("%(label)s: %(value)s", label=label, value=value) for label, value in notice.details]
    if notice.description:
        lines += ["", notice.description]
    if notice.link:
        lines += ["", notice.link_label or "", notice.link]
    if notice.closing_note:
        lines += ["", notice.closing_note]
    lines += ["", "--", notice.signature]
    return "\n".join(lines) + "\n"


def message(
    notice: Notice, to: tuple[str, str], locale: str, attachments: list[mail.Attachment] | None = None
) -> EmailMessage:
    """The e-mail of a notice to (name, address), in `locale` (the one the notice was written in)."""
    html = render_template("mail/notice.html", notice=notice, lang=locale)
    name = " ".join(to[0].split())  # no line break can reach a header
    return mail.new_message(
        notice.subject, (name, to[1].strip()), as_text(notice), html, locale, attachments or []
    )
