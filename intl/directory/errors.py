"""The directory's own failure, apart from the providers (which bring ldap3, authlib and requests with them, and
are loaded only when a directory is configured): the sign-in error handler asks for it on every app."""

from __future__ import annotations

from flask_multipass.exceptions import IdentityRetrievalFailed


class DirectoryUnreachable(IdentityRetrievalFailed):
    """The directory did not answer: nothing can be concluded about the user."""
