"""Outgoing e-mail, over SMTP with the settings SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD,
SMTP_STARTTLS, SMTP_TIMEOUT and MAIL_FROM.

`new_message` builds a message (plain text, optional HTML and attachments) with the headers every mail of the
app carries. `connect` opens one connection and raises when the server cannot be reached; `send_batch` sends a
job's messages (intl.core.jobs) over one connection, resuming where an earlier attempt stopped: mail goes out
from the worker, never inside a request.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from flask import current_app

from .db import db
from .jobs import JobRun

# What a mail server that is down, slow or unwilling raises: refused or timed-out connections are OSErrors.
SEND_ERRORS = (OSError, smtplib.SMTPException)
# What one refused message raises on an open connection (the others of a batch can still go).
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused)


class NotConfigured(smtplib.SMTPException):
    """SMTP_HOST is empty: the app sends no e-mail."""


@dataclass
class Attachment:
    data: bytes
    filename: str
    content_type: str  # "text/calendar"
    params: dict[str, str] = field(
        default_factory=dict
    )  # extra Content-Type parameters: {"method": "PUBLISH"}


def is_configured() -> bool:
    return bool((current_app.config.get("SMTP_HOST") or "").strip())


def server_name() -> str:
    return f"{current_app.config.get('SMTP_HOST') or '(none)'}:{current_app.config.get('SMTP_PORT')}"


HEADER_POLICY = policy.default.clone(max_line_length=998)


def new_message(
    subject: str,
    to: str | tuple[str, str],
    text: str,
    html: str | None = None,
    locale: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """A message from MAIL_FROM to `to` (an address, or (name, address)); `locale` sets Content-Language."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = formataddr(to) if isinstance(to, tuple) else to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="intl-desk")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, _slash, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            params=attachment.params,
        )
    if locale:
        # Last: set_content and add_attachment move or clear the Content-* headers already there.
        message["Content-Language"] = locale.replace("_", "-")
    # Headers are written unfolded up to RFC 5322's 998 characters: Python folds a long non-ASCII subject
    # between encoded words and the space at the fold is lost to the reader ("Thực tậpmùa hè"). Set after the
    # parts are encoded, so that the bodies keep their encoding.
    message.policy = HEADER_POLICY
    return message


@contextmanager
def connect() -> Iterator[smtplib.SMTP]:
    """An open, signed-in connection to the mail server; raises one of SEND_ERRORS when there is none."""
    config = current_app.config
    if not is_configured():
        raise NotConfigured("SMTP_HOST is not set")
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=config["SMTP_TIMEOUT"]) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        yield smtp


def refused_for_good(error: smtplib.SMTPException) -> bool:
    """A 5xx answer (this address or message will never be accepted), as opposed to 4xx (try again later)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return getattr(error, "smtp_code", 0) >= 500


def send_batch(
    run: JobRun,
    recipients: Sequence[tuple[int, Callable[[], EmailMessage | None]]],
    on_sent: Callable[[int], None] | None = None,
) -> None:
    """Send a job's messages over one connection, one per recipient key (ascending ints), each composed when
    its turn comes; progress is committed after each one. A retry resumes after the last key served. A
    recipient the server refuses (or with no message: no address) is noted and skipped; a server that is
    unset, down or drops the connection raises, and the job is tried again later from where it stopped."""
    after = int(run.cursor) if run.cursor else None
    pending = [(key, compose) for key, compose in recipients if after is None or key > after]
    run.begin(len(pending))
    if not pending:
        return
    if not is_configured():
        raise NotConfigured("SMTP_HOST is not set: no mail server to send through")
    with connect() as smtp:
        for key, compose in pending:
            message = compose()
            db.session.commit()  # what composing read: no transaction stays open while the server answers
            if message is None:
                run.skip(f"#{key}: no e-mail address", cursor=key)
                continue
            try:
                smtp.send_message(message)
            except MESSAGE_ERRORS as error:
                if not refused_for_good(error):
                    raise  # 4xx: the server asks to be tried again later
                run.skip(f"{message['To']}: {error}", cursor=key)
                continue
            if on_sent is not None:
                on_sent(key)
            run.advance(cursor=key)
