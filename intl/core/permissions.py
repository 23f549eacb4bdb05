"""TRANSITION: the old names of `intl.core.access`, removed once every feature asks the access layer."""

from __future__ import annotations

from flask_login import current_user

from .access import ADMIN, INTERN, LEADER, OFFICER, STAFF, allow, public, require_sign_in  # noqa: F401
from .access import ROLE_LABELS as ROLES  # noqa: F401


def roles_required(*roles: str):
    return allow(roles)


def has_role(*roles: str) -> bool:
    return current_user.is_authenticated and current_user.role in roles
