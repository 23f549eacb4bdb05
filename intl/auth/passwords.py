"""Password hashing (Argon2id) and the strength rule."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

# The password of an account the city's directory keeps: not an Argon2 hash, so no local password ever
# matches it, and the account's password is changed in the directory, not here.
DIRECTORY_PASSWORD = "!directory"


def has_local_password(user) -> bool:
    return user.password_hash != DIRECTORY_PASSWORD


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(time_cost=config["PASSWORD_TIME_COST"], memory_cost=config["PASSWORD_MEMORY_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A real hash to verify against when the user does not exist, so that timing does not reveal names.
_DUMMY = {}


def verify_dummy(password: str) -> None:
    if "hash" not in _DUMMY:
        _DUMMY["hash"] = hash_password("not-a-real-password-0")
    verify_password(_DUMMY["hash"], password)


def password_problem(password: str, user_inputs: list[str] | None = None) -> str | None:
    """Why a password is too weak, in the user's language, or None when it is acceptable."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return _("The password must be at least %(n)d characters long.", n=minimum)
    if len(password) > 200:
        return _("The password must be at most 200 characters long.")
    # zxcvbn's dictionaries (12 MB) only in the workers where someone sets a password, not in every one.
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:100], user_inputs=[u for u in (user_inputs or []) if u])
    if result["score"] < 3:
        return _("This password is too easy to guess. Use a longer phrase of unrelated words.")
    return None
