"""What the directory decides: who may sign in with which role, and whether they still may.

Roles come from groups (DIRECTORY_GROUP_ROLES, `group=role` pairs: `intl-admins=admin, intl-officers=officer`);
a user in several mapped groups gets the most powerful of their roles. `sign_in` links the directory identity
to an account (creating it the first time); `check_user` (on the user's requests) and `sync_all` (the worker)
ask the directory again (`ask`, with no transaction open) and write its answer (`record`, in a short writing
transaction of its own): a user it no longer has, or who is in no mapped group any more, is deactivated
through `auth.services.update_user`, which calls the `user_access_changed` hook (the schedule revokes their
calendar subscriptions); a changed group changes the role. A directory that does not answer changes nothing
(the office keeps working through an outage) and is noted.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import gettext as _
from flask_multipass.exceptions import MultipassException
from sqlalchemy import func, select

from ..auth.models import User
from ..auth.passwords import DIRECTORY_PASSWORD
from ..auth.services import update_user
from ..core.access import ADMIN, INTERN, LEADER, OFFICER
from ..core.db import db, separate_write
from ..core.time import now_utc
from .models import DirectoryIdentity
from .setup import multipass

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

PRECEDENCE = (ADMIN, OFFICER, LEADER, INTERN)


class DirectoryRefused(Exception):
    """The directory knows the user but gives them no role here; the message is in the user's language."""


def group_roles() -> dict[str, str]:
    """DIRECTORY_GROUP_ROLES as {group: role} (case-insensitive group names)."""
    pairs = {}
    for part in current_app.config.get("DIRECTORY_GROUP_ROLES", "").replace(";", ",").split(","):
        group, _sep, role = part.partition("=")
        if group.strip() and role.strip() in PRECEDENCE:
            pairs[group.strip().casefold()] = role.strip()
    return pairs


def role_for(groups) -> str | None:
    mapping = group_roles()
    roles = {mapping[g.casefold()] for g in groups or () if g.casefold() in mapping}
    return next((role for role in PRECEDENCE if role in roles), None)


def _fernet() -> Fernet:
    # cryptography (8 MB) only in the workers that keep or read a directory's tokens.
    from cryptography.fernet import Fernet

    key = hashlib.sha256(("directory-secret:" + current_app.config["SECRET_KEY"]).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(data: dict | None) -> str | None:
    payload = {k: v for k, v in (data or {}).items() if k != "_provider" and v}
    return _fernet().encrypt(json.dumps(payload).encode()).decode() if payload else None


def unseal(secret: str | None, provider: str) -> dict:
    data = {}
    if secret:
        from cryptography.fernet import InvalidToken

        try:
            data = json.loads(_fernet().decrypt(secret.encode()))
        except (InvalidToken, ValueError):
            data = {}  # SECRET_KEY changed: the provider is asked without it, and answers "not vouched for"
    return {**data, "_provider": provider}


def _free_username(identifier: str, provider: str) -> str:
    for candidate in (identifier.strip().lower(), f"{identifier.strip().lower()}@{provider}"):
        candidate = "".join(candidate.split())[:80]
        if not db.session.scalar(select(User.id).where(func.lower(User.username) == candidate)):
            return candidate
    raise DirectoryRefused(_("No account name is free for %(name)s; ask an administrator.", name=identifier))


def sign_in(identity_info) -> User:
    """The account of a directory identity that just signed in, created or brought up to date."""
    provider = identity_info.provider.name
    data = identity_info.data
    groups = list(data.getlist("groups")) if hasattr(data, "getlist") else list(data.get("groups") or [])
    role = role_for(groups)
    if role is None:
        raise DirectoryRefused(_("Your directory account is not in a group that may use Intl Desk."))
    name = (data.get("name") or identity_info.identifier).strip()[:200]
    email = (data.get("email") or None) and data.get("email")[:254]
    link = db.session.scalar(
        select(DirectoryIdentity).where(
            DirectoryIdentity.provider == provider, DirectoryIdentity.identifier == identity_info.identifier
        )
    )
    if link is None:
        user = User(
            username=_free_username(identity_info.identifier, provider),
            display_name=name,
            email=email,
            role=role,
            active=True,
            password_hash=DIRECTORY_PASSWORD,
        )
        db.session.add(user)
        db.session.flush()
        link = DirectoryIdentity(user_id=user.id, provider=provider, identifier=identity_info.identifier)
        db.session.add(link)
    else:
        user = link.user
        if not user.active and not link.disabled_by_directory:
            raise DirectoryRefused(_("This account has been deactivated by an administrator."))
        update_user(user, None, role=role, active=True, display_name=name, email=email or user.email)
    link.groups, link.disabled_by_directory, link.last_error = groups, False, None
    link.secret = seal(identity_info.multipass_data)
    link.checked_at = user.last_sign_in_at = now_utc()
    db.session.flush()
    return user


def _take_access_away(link: DirectoryIdentity) -> None:
    link.disabled_by_directory = True
    if link.user.active:
        update_user(link.user, None, active=False)  # calls hooks.user_access_changed


@dataclass(frozen=True)
class Answer:
    """What the directory said about one identity when asked again."""

    reached: bool  # False: it did not answer (`error` says why), and nothing changes
    found: bool = False  # it still has the user
    groups: tuple[str, ...] = ()
    multipass_data: dict | None = None  # what the provider keeps between checks (a refreshed token)
    error: str | None = None


def ask(provider: str, identifier: str, secret: str | None) -> Answer:
    """Ask the directory about one identity. It writes nothing: callers end their transaction first, so that no
    lock is held while the directory answers (or does not)."""
    try:
        found = multipass.refresh_identity(identifier, unseal(secret, provider))
    except MultipassException as error:  # the directory did not answer
        return Answer(reached=False, error=str(error)[:300])
    if found is None:
        return Answer(reached=True)
    return Answer(True, True, tuple(found.data.getlist("groups")), found.multipass_data or None)


def record(link: DirectoryIdentity, answer: Answer) -> bool:
    """Apply the directory's answer to the account; True while it may still be used. A user it no longer has,
    or in no mapped group, loses access (and their calendar subscriptions); a new group changes the role."""
    link.checked_at = now_utc()
    if link.disabled_by_directory or not link.user.active:
        return False
    if not answer.reached:  # the office keeps working through an outage
        link.last_error = answer.error
        current_app.logger.warning(
            "Directory check of %s/%s failed: %s", link.provider, link.identifier, answer.error
        )
        return True
    if not answer.found:
        _take_access_away(link)
        return False
    groups = list(answer.groups)
    role = role_for(groups)
    link.groups, link.last_error = groups, None
    if answer.multipass_data:
        link.secret = seal(answer.multipass_data)
    if role is None:
        _take_access_away(link)
        return False
    if role != link.user.role:
        update_user(link.user, None, role=role)
    return True


def identity_of(user_id: int) -> DirectoryIdentity | None:
    return db.session.scalar(select(DirectoryIdentity).where(DirectoryIdentity.user_id == user_id))


def check_user(user_id: int) -> bool:
    """Ask the directory again about the account of a user who signed in through it (on their requests, every
    DIRECTORY_CHECK_SECONDS); True while they may go on. The reading transaction ends before the directory is
    asked, and the answer is written in a transaction of its own (`separate_write`)."""
    link = identity_of(user_id)
    if link is None:
        return False
    question = (link.provider, link.identifier, link.secret)
    db.session.commit()  # nothing is pending: this only ends the reading transaction
    answer = ask(*question)
    with separate_write():
        return record(db.session.get(DirectoryIdentity, link.id), answer)


def sync_all() -> dict[str, int]:
    """Ask the directory about every account it gave access to (the worker, every DIRECTORY_SYNC_MINUTES;
    `flask --app wsgi directory sync`): accounts no longer vouched for lose their access and their
    calendar subscriptions even if they never sign in again. Each answer is written in a short transaction of
    its own; none is open while the directory answers."""
    counts = {"checked": 0, "kept": 0, "removed": 0}
    links = db.session.execute(
        select(
            DirectoryIdentity.id,
            DirectoryIdentity.provider,
            DirectoryIdentity.identifier,
            DirectoryIdentity.secret,
        )
        .where(DirectoryIdentity.disabled_by_directory.is_(False))
        .order_by(DirectoryIdentity.id)
    ).all()
    db.session.commit()
    for link_id, provider, identifier, secret in links:
        if provider not in multipass.identity_providers:
            continue
        answer = ask(provider, identifier, secret)
        with separate_write():
            kept = record(db.session.get(DirectoryIdentity, link_id), answer)
        counts["checked"] += 1
        counts["kept" if kept else "removed"] += 1
    return counts
