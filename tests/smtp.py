"""A real SMTP server on this machine (aiosmtpd) that keeps what it receives, for the tests of outgoing mail;
the `smtp_server` fixture (tests/conftest.py) points the app's settings at it."""

from __future__ import annotations

import email
import socket
from email import policy
from email.message import EmailMessage

REFUSED_DOMAIN = "@refused.example"


class Inbox:
    """Keeps every message. Addresses at REFUSED_DOMAIN are refused for good (550); with `fail_after` set, the
    server accepts that many messages, then answers every new one "421 closing" (a server going down)."""

    def __init__(self):
        self.envelopes = []
        self.fail_after: int | None = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.fail_after is not None and len(self.envelopes) >= self.fail_after:
            return "421 4.3.2 Service shutting down, closing transmission channel"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith(REFUSED_DOMAIN):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    @property
    def received(self) -> list[EmailMessage]:
        """Every message, parsed, in the order they came."""
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]

    @property
    def messages(self) -> dict[str, EmailMessage]:
        """The last message to each recipient."""
        return {e.rcpt_tos[0]: message for e, message in zip(self.envelopes, self.received, strict=True)}


def free_port() -> int:
    """A port nothing listens on (a mail server that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
