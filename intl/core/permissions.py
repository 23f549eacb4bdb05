"""Who may do what: roles, the sign-in requirement on every endpoint, and the role decorator.

Two layers, as everywhere in the product: a decorator for the coarse rule (which roles reach a view) and
`can_view(user)` / `can_edit(user)` on the records for the fine one.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

ADMIN, OFFICER, INTERN, LEADER = "admin", "officer", "intern", "leader"
ROLES = {
    ADMIN: _l("Administrator"),
    OFFICER: _l("Officer"),
    INTERN: _l("Intern"),
    LEADER: _l("Leader"),
}
STAFF = (ADMIN, OFFICER)


def public(view):
    """Mark a view as reachable without signing in (sign-in page, token feeds, public forms)."""
    view.is_public = True
    return view


def roles_required(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = roles
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


def has_role(*roles: str) -> bool:
    return current_user.is_authenticated and current_user.role in roles
