"""Flask-Login wiring: loading the user of a session and where to send anonymous visitors."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..core.db import db
from .models import User


def init_login(app, login_manager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _sep, stamp = session_id.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.get_id() != session_id:
            return None
        return user


# Where signing out must go further than this app: the directory's single sign-on ends its own session too,
# or the next "sign in with single sign-on" would let the browser straight back in. A handler returns a
# response (a redirect to the provider) or None; the directory registers one (intl/directory/blueprint.py).
_sign_out_handlers: list = []


def register_sign_out(handler) -> None:
    if handler not in _sign_out_handlers:
        _sign_out_handlers.append(handler)


def signed_out_response(return_url: str):
    """The first handler's response for a sign-out whose session came from elsewhere, or None."""
    for handler in _sign_out_handlers:
        response = handler(return_url)
        if response is not None:
            return response
    return None
