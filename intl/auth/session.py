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
