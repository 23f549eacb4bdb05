"""Flask extensions, created once here and bound to the app in the factory."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

from .core.db import db

babel = Babel()
login_manager = LoginManager()
migrate = Migrate()
csrf = CSRFProtect()

__all__ = ["db", "babel", "login_manager", "migrate", "csrf"]
