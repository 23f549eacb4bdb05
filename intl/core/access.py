"""Who may do what: the one place every page, template, feed, download, export, PDF and JSON endpoint asks.

Two layers. The coarse rule is the role set a view admits (`@allow(STAFF)`), checked before the view runs;
`may(endpoint)` asks the same rule for a link. The fine rule is `can(user, record, action)`, answered by the
policy of the record's kind: one `Policy` subclass per kind, registered with `@policy_for(Model)` in the
feature's own `access.py`. `load_or_404(Model, id, need=...)` loads a record for a request and answers 404
(missing, or archived for those who may not see archived records) or 403 (this user may not).

A policy's actions are its methods `<action>(user, record)`; `record` is None when the question is about
the kind as a whole ("may this user create a partner?"). An action a policy does not define is a
programming error, not a refusal: asking for it raises, so a misspelt action cannot silently deny or allow.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import false, true
from werkzeug.local import LocalProxy

from .db import db
from .models import RECORD_KINDS

ADMIN, OFFICER, INTERN, LEADER = "admin", "officer", "intern", "leader"
ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    OFFICER: _l("Officer"),
    INTERN: _l("Intern"),
    LEADER: _l("Leader"),
}

# The named role sets. A rule names one of these, never a tuple of role names of its own.
ADMINS = frozenset({ADMIN})
STAFF = frozenset({ADMIN, OFFICER})  # keep the office's records
READERS = frozenset({ADMIN, OFFICER, INTERN})  # read the office's (non-confidential) records
LEADERSHIP = frozenset({ADMIN, OFFICER, LEADER})  # the dashboard and the leaders' briefings
EVERYONE = frozenset(ROLE_LABELS)
PERSONAL_DATA = STAFF  # see a contact's personal details (e-mail, phone, address, needs)

Model = TypeVar("Model")


def is_active_user(user) -> bool:
    """Signed in, and an account that still works (a deactivated account may hold an old session)."""
    return bool(user is not None and user.is_authenticated and getattr(user, "active", False))


def in_roles(user, roles: Iterable[str]) -> bool:
    return is_active_user(user) and user.role in roles


class Policy:
    """The rules of one kind of record. Subclasses define `<action>(self, user, record) -> bool`.

    `archived` says who may open an archived record at all (administrators, who restore and purge them).
    `visible(user)` is `view` written as SQL, for lists, counts and searches that must not show (or count)
    what their reader could not open; kinds whose `view` depends only on the role keep the default.
    """

    archived = ADMINS

    def view(self, user, record) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def create(self, user, record) -> bool:
        return self.edit(user, record)

    def archive(self, user, record) -> bool:
        return self.edit(user, record)

    def visible(self, user):
        """A WHERE condition: the rows of this kind `user` may view. The default follows `view` for a record
        of the kind as a whole, which is right for kinds whose rule is the role alone."""
        return true() if self.view(user, None) else false()


_POLICIES: dict[type, Policy] = {}


def policy_for(model: type):
    """Class decorator: this policy answers for `model` (and its subclasses)."""

    def register(cls: type[Policy]) -> type[Policy]:
        _POLICIES[model] = cls()
        return cls

    return register


def policy_of(target: Any) -> Policy:
    """The policy of a record, a model class, or a kind name ("partner")."""
    if isinstance(target, str):
        target = RECORD_KINDS[target]
    cls = target if isinstance(target, type) else type(target)
    for klass in cls.__mro__:
        found = _POLICIES.get(klass)
        if found is not None:
            return found
    raise LookupError(f"no access policy is registered for {cls.__name__}")


def can(user, target: Any, action: str) -> bool:
    """May `user` do `action` to `target` (a record, or a model class / kind name for the kind as a whole)?"""
    if isinstance(user, LocalProxy):  # current_user: resolved once, not on every attribute a rule reads
        user = user._get_current_object()
    if not is_active_user(user):
        return False
    rules = policy_of(target)
    rule = getattr(rules, action, None)
    if rule is None or action.startswith("_") or action in ("visible", "archived"):
        raise LookupError(f"{type(rules).__name__} has no action {action!r}")
    record = None if isinstance(target, type | str) else target
    return bool(rule(user, record))


def visible(user, model: type):
    """The SQL condition 'rows of `model` that `user` may view'."""
    if not is_active_user(user):
        return false()
    return policy_of(model).visible(user)


def load_or_404(
    model: type[Model], record_id: int | None, need: str = "view", options: Iterable = ()
) -> Model:
    """The record a request names, for the current user: 404 when there is none (or it is archived and the
    user may not open archived records), 403 when the user may not `need` it."""
    if record_id is None:
        abort(404)
    record = db.session.get(model, record_id, options=list(options))
    if record is None:
        abort(404)
    if getattr(record, "archived_at", None) is not None and not in_roles(
        current_user, policy_of(record).archived
    ):
        abort(404)
    if not can(current_user, record, need):
        abort(403)
    return record


# --- the coarse rule: which roles reach a view ------------------------------------------------------


def public(view):
    """Mark a view as reachable without signing in (sign-in page, token feeds, public forms)."""
    view.is_public = True
    return view


def allow(roles: Iterable[str]):
    """Admit only these roles (a named set) to a view; others get 403, anonymous visitors the sign-in page."""
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


def require_sign_in():
    """before_request: every endpoint needs a signed-in, active user unless marked @public."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    view = current_app.view_functions.get(request.endpoint)
    if view is not None and getattr(view, "is_public", False):
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    return None


def may(endpoint: str, user=None) -> bool:
    """Whether `user` (the current one by default) reaches `endpoint` by the role rule its view declares:
    the question a link asks before it is shown, answered by the same decorator that guards the view."""
    user = current_user if user is None else user
    view = current_app.view_functions.get(endpoint)
    if view is None:
        raise LookupError(f"no endpoint {endpoint!r}")
    if getattr(view, "is_public", False):
        return True
    if not is_active_user(user):
        return False
    allowed = getattr(view, "allowed_roles", None)
    return allowed is None or user.role in allowed


def template_can(target: Any, action: str) -> bool:
    """`can(record, "edit")` in templates: the current user's answer."""
    return can(current_user, target, action)
