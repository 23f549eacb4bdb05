"""Workflow moves and assignment: each records a step (who, when, from, to, note) and an audit entry.

A move is refused (MoveRefused, with a message in the user's language) when it is not one of the allowed
moves from the letter's status, when the page it was made on was out of date, or when the letter is not
ready: an incoming letter is assigned to an officer, marked answered only with a reply linked to it, and an
outgoing one approved only when every translation has been reviewed. Sending a reply marks the letter it
answers as answered.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.models import User
from ..core import audit
from ..core.access import in_roles
from ..core.audit import acting_user_id
from ..core.db import db
from ..core.i18n import language_name
from ..core.time import office_today
from .access import IN_CHARGE
from .models import Letter, LetterStep
from .workflow import STATUSES, MoveRefused, is_allowed


def _status_label(status: str) -> str:
    return str(STATUSES.get(status, status))


def _step(letter: Letter, source: str | None, target: str, note: str | None = None, assignee_id=None):
    step = LetterStep(
        letter_id=letter.id,
        from_status=source,
        to_status=target,
        user_id=acting_user_id(),
        assignee_id=assignee_id,
        note=note or None,
    )
    db.session.add(step)
    return step


def has_reply(letter: Letter) -> bool:
    return (
        db.session.scalar(
            select(Letter.id).where(Letter.in_reply_to_id == letter.id, Letter.archived_at.is_(None)).limit(1)
        )
        is not None
    )


def _check_ready(letter: Letter, target: str) -> None:
    if target == "assigned" and letter.assigned_to_id is None:
        raise MoveRefused(_("Choose the officer in charge first."))
    if target == "answered" and letter.direction == "incoming" and not has_reply(letter):
        raise MoveRefused(_("Link the reply first: draft it from this letter."))
    if target == "approved":
        waiting = [t.language for t in letter.translations if t.status != "reviewed"]
        if waiting:
            raise MoveRefused(
                _(
                    "Have every translation reviewed before approving: %(languages)s.",
                    languages=", ".join(language_name(code) for code in waiting),
                )
            )


def move(letter: Letter, target: str, note: str | None = None, expected: str | None = None) -> None:
    """Move the letter to `target`; `expected` is the status the user saw (a stale page is refused)."""
    source = letter.status
    if expected is not None and expected != source:
        raise MoveRefused(
            _("Someone moved this letter meanwhile: it is now %(status)s.", status=_status_label(source))
        )
    if not is_allowed(letter.direction, source, target):
        raise MoveRefused(
            _(
                "A letter that is %(status)s cannot become %(target)s.",
                status=_status_label(source),
                target=_status_label(target),
            )
        )
    if letter.archived_at is not None:
        raise MoveRefused(_("An archived letter cannot move."))
    _check_ready(letter, target)
    before = letter.audit_state()
    letter.status = target
    if target == "sent" and letter.sent_on is None:
        letter.sent_on = office_today()
    db.session.flush()
    _step(letter, source, target, note, assignee_id=letter.assigned_to_id if target == "assigned" else None)
    audit.record_update(letter, before)
    if target == "sent" and letter.in_reply_to_id:
        _answer(db.session.get(Letter, letter.in_reply_to_id), letter)


def _answer(original: Letter | None, reply: Letter) -> None:
    """The reply went out: the letter it answers is answered (unless already answered or filed)."""
    if original is None or original.direction != "incoming":
        return
    if not is_allowed("incoming", original.status, "answered"):
        return
    before = original.audit_state()
    source = original.status
    original.status = "answered"
    db.session.flush()
    _step(original, source, "answered", _("Reply %(reference)s sent.", reference=reply.reference_no))
    audit.record_update(original, before)


def assignable_users() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.active.is_(True), User.role.in_(IN_CHARGE)).order_by(User.display_name)
        )
    )


def assign(letter: Letter, user_id: int, note: str | None = None) -> None:
    """Put an officer in charge; a registered incoming letter becomes assigned."""
    officer = db.session.get(User, user_id)
    if officer is None or not in_roles(officer, IN_CHARGE):
        raise MoveRefused(_("Choose an officer from the list."))
    if letter.archived_at is not None:
        raise MoveRefused(_("An archived letter cannot move."))
    before = letter.audit_state()
    source = letter.status
    letter.assigned_to_id = officer.id
    target = "assigned" if letter.direction == "incoming" and source == "registered" else source
    letter.status = target
    db.session.flush()
    _step(letter, source, target, note, assignee_id=officer.id)
    audit.record_update(letter, before)
