"""Operations on user accounts."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import audit, hooks
from ..core.access import ROLE_LABELS as ROLES
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import is_valid_zone, now_utc
from . import throttle
from .models import USER_LABELS, User
from .passwords import hash_password, password_problem, verify_dummy, verify_password


class UserError(ValueError):
    """A refused account change; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str = "username"):
        super().__init__(message)
        self.field = field


class SignInRefused(Exception):
    """Wrong name or password, or a deactivated account (the message does not say which)."""


class SignInLocked(Exception):
    """Too many failed sign-ins for this name or address; `until` says when the lock ends."""

    def __init__(self, until):
        super().__init__("too many failed sign-ins")
        self.until = until


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


def authenticate(username: str, password: str, address: str | None) -> User:
    """The active account these credentials open, or SignInLocked / SignInRefused. Failures are counted
    (committed at once, so that a refused attempt still counts) and the timing does not reveal names."""
    username = username.strip()
    until = throttle.locked_until(username, address)
    if until is not None:
        raise SignInLocked(until)
    user = find_user(username)
    if user is None:
        verify_dummy(password)
    if user is None or not user.active or not verify_password(user.password_hash, password):
        throttle.note_failure(username, address)
        raise SignInRefused()
    throttle.clear_failures(username)
    user.last_sign_in_at = now_utc()
    return user


def update_profile(
    user: User,
    expected_version: int | None,
    display_name: str,
    locale: str | None,
    date_style: str,
    timezone: str,
) -> None:
    """A user's own settings. A zone that does not exist keeps the one saved."""
    fields = {"display_name": display_name.strip(), "locale": locale or None, "date_style": date_style}
    if is_valid_zone(timezone):
        fields["timezone"] = timezone
    check_version(user, expected_version, fields, USER_LABELS)
    before = user.audit_state()
    for name, value in fields.items():
        setattr(user, name, value)
    db.session.flush()
    audit.record_update(user, before)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """The user's own password, once they prove they know the current one."""
    if not verify_password(user.password_hash, current_password):
        raise UserError(_("The current password is wrong."), "current_password")
    try:
        set_password(user, new_password)
    except UserError as error:
        raise UserError(str(error), "new_password") from None
