"""A real SMTP server on this machine (aiosmtpd) that keeps what it receives, for the tests of outgoing mail;
the `smtp_server` fixture (tests/conftest.py) points the app's settings at it."""

from __future__ import annotations

import email
import socket
from email import policy
from email.message import EmailMessage


class Inbox:
    def __init__(self):
        self.envelopes = []

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
