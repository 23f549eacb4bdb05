"""Flask extensions, created once here and bound to the app in the factory. Flask-Migrate is not among them:
intl.core.migrations binds it only to apps that migrate (commands, tests), never to a web worker's."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from .core.db import db

babel = Babel()
login_manager = LoginManager()
csrf = CSRFProtect()

__all__ = ["db", "babel", "login_manager", "csrf"]
