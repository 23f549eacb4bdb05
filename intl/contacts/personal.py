"""The one door to a contact's personal details (個人資料: e-mail, phone, address, birthday, dietary and
health needs, passport): who may see them, and the record of every time they were shown.

Every path that shows or exports them (the contact page, list columns, bulk exports, vCards, PDFs,
delegation and event pages) asks `disclose(contacts, action)` first and shows the details only when it
answers True. The log (PDPA: records of use) gets one entry per contact and action per request, written
together when the response leaves (`write_log`), so a list of 50 or an export of 5,000 is one INSERT.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import g, has_request_context
from flask_login import current_user
from sqlalchemy import insert

from ..core.access import can
from ..core.db import db, separate_write
from ..core.time import now_utc
from .models import Contact, PersonalDataAccess

ACTIONS = ("view", "list", "export", "print")


def may_see_personal(user=None) -> bool:
    """Whether `user` (the current one by default) may see contacts' personal details at all."""
    return can(current_user if user is None else user, Contact, "personal")


def disclose(contacts: Iterable[Contact | int], action: str = "view", user=None) -> bool:
    """Ask before showing or exporting personal details: True when the user may see them, and then each of
    these contacts is logged (once per request and action)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown personal-data action {action!r}")
    # the user itself, not the proxy: the loop below reads its id once per contact
    user = current_user._get_current_object() if user is None else user
    if not may_see_personal(user):
        return False
    ids = {c if isinstance(c, int) else c.id for c in contacts}
    if has_request_context():
        pending = g.setdefault("personal_data_disclosed", {})
        user_id = user.id
        for contact_id in ids:
            pending.setdefault((contact_id, action), user_id)
    else:  # a command or a job: no response to wait for
        _insert({(contact_id, action): user.id for contact_id in ids})
    return True


def write_log(response):
    """after_request: the request's disclosures in one INSERT, in a short transaction of its own. The
    request's reading transaction is ended first (a GET has nothing pending): on SQLite a transaction that has read and then writes fails at once when another connection committed
    in between (PERFORMANCE.md), which a busy contact list would meet. A response that failed showed
    nothing, and logs nothing."""
    pending = g.pop("personal_data_disclosed", None)
    if pending and response.status_code < 400:
        with separate_write():
            _insert(pending)
    return response


def _insert(pending: dict[tuple[int, str], int]) -> None:
    if not pending:
        return
    now = now_utc()
    # Core's INSERT on the table: the entries are plain rows, and the ORM's bulk path (mapping each dict to
    # the class's attributes first) cost a third of the log's time on a list page
    db.session.connection().execute(
        insert(PersonalDataAccess.__table__),
        [
            {"contact_id": contact_id, "action": action, "user_id": user_id, "at_dt": now}
            for (contact_id, action), user_id in sorted(pending.items())
        ],
    )
