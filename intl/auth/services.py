"""Operations on user accounts."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import audit, hooks
from ..core.access import ROLE_LABELS as ROLES
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import now_utc
from .models import USER_LABELS, User
from .passwords import hash_password, password_problem


class UserError(ValueError):
    """A refused account change; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str = "username"):
        super().__init__(message)
        self.field = field


def find_user(username: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()


def create_user(
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
    locale: str | None = None,
) -> User:
    username = username.strip().lower()
    if role not in ROLES:
        raise UserError(_("Unknown role: %(role)s", role=role), "role")
    if not username or len(username) > 80 or any(ch.isspace() for ch in username):
        raise UserError(_("A user name is one word of at most 80 characters."))
    if find_user(username):
        raise UserError(_("The user name %(name)s is taken.", name=username))
    problem = password_problem(password, [username, display_name or ""])
    if problem:
        raise UserError(problem, "password")
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        email=email or None,
        role=role,
        active=True,
        password_hash=hash_password(password),
        password_changed_at=now_utc(),
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    audit.record_create(user)
    return user


def set_password(user: User, password: str) -> None:
    problem = password_problem(password, [user.username, user.display_name])
    if problem:
        raise UserError(problem, "password")
    user.password_hash = hash_password(password)
    user.password_changed_at = now_utc()
    audit.record("update", user, {"password": ["***", "***"]})


def update_user(user: User, expected_version: int | None, **fields) -> None:
    """Change an account (display name, e-mail, role, active). When the role or the active flag changes,
    whatever the account may no longer hold is taken away at once (`hooks.user_access_changed`: the
    schedule revokes its calendar subscriptions)."""
    check_version(user, expected_version, fields, USER_LABELS)
    if "role" in fields and fields["role"] not in ROLES:
        raise UserError(_("Unknown role: %(role)s", role=fields["role"]), "role")
    before = user.audit_state()
    access_before = (user.role, user.active)
    for name, value in fields.items():
        setattr(user, name, value)
    db.session.flush()
    audit.record_update(user, before)
    if (user.role, user.active) != access_before:
        hooks.user_access_changed(user)
