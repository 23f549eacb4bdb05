"""Intl Desk: the application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import models  # noqa: F401  (every model, for SQLAlchemy's metadata and Alembic)
from .admin.blueprint import bp as admin_bp
from .auth.blueprint import bp as auth_bp
from .auth.session import init_login
from .cli import register_cli
from .config import PROJECT_ROOT, load_config
from .contacts.blueprint import bp as contacts_bp
from .core.access import require_sign_in
from .core.db import register_request_transactions
from .core.errors import register_error_handlers
from .core.i18n import select_locale, select_timezone
from .core.migrations import init_migrations
from .core.queue import init_queue
from .core.request_log import register_request_log
from .core.security import register_security_headers
from .core.sessions import CookieSessions
from .core.static_files import StaticFilesKept, register_static_versions
from .core.templating import register_template_helpers
from .core.urls import register_converters
from .correspondence.blueprint import bp as correspondence_bp
from .courses.blueprint import bp as courses_bp
from .delegations.blueprint import bp as delegations_bp
from .directory.blueprint import bp as directory_bp
from .events.blueprint import bp as events_bp
from .extensions import babel, csrf, db, login_manager
from .followups.blueprint import bp as followups_bp
from .gifts.blueprint import bp as gifts_bp
from .groups.blueprint import bp as groups_bp
from .health.blueprint import bp as health_bp
from .home.blueprint import bp as home_bp
from .imports.blueprint import bp as imports_bp
from .interactions.blueprint import bp as interactions_bp
from .internships.blueprint import bp as internships_bp
from .jobs.blueprint import bp as jobs_bp
from .lectures.blueprint import bp as lectures_bp
from .organizations.blueprint import bp as organizations_bp
from .partners.blueprint import bp as partners_bp
from .plan.blueprint import bp as plan_bp
from .printing.blueprint import bp as printing_bp
from .protocol.blueprint import bp as protocol_bp
from .schedule.blueprint import bp as schedule_bp
from .workdays.blueprint import bp as workdays_bp

# In the order their menus appear; each feature's blueprint holds its URLs, template helpers and hooks.
BLUEPRINTS = (
    auth_bp,
    home_bp,
    partners_bp,
    organizations_bp,
    contacts_bp,
    groups_bp,
    interactions_bp,
    imports_bp,
    delegations_bp,
    correspondence_bp,
    events_bp,
    lectures_bp,
    courses_bp,
    followups_bp,
    gifts_bp,
    internships_bp,
    plan_bp,
    schedule_bp,
    workdays_bp,
    printing_bp,
    protocol_bp,
    admin_bp,
    jobs_bp,
    health_bp,
    directory_bp,
)


def create_app(overrides: dict | None = None, *, migrations: bool = True) -> Flask:
    """The application; `migrations=False` leaves out `flask db` and Flask-Migrate (Alembic): what a web worker
    serves without (see wsgi.py)."""
    app = StaticFilesKept(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(overrides))
    app.session_interface = CookieSessions()
    _prepare_storage(app)
    if app.config["PROXY_COUNT"]:
        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A database file has no server that could have dropped a pooled connection: the ping before each
        # checkout (twice per page that logs an access) would only cost. PostgreSQL keeps it.
        options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {k: v for k, v in options.items() if k != "pool_pre_ping"}
    db.init_app(app)
    register_request_transactions(app)
    if migrations:
        init_migrations(app, str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    init_login(app, login_manager)

    register_converters(app)
    app.before_request(require_sign_in)
    register_error_handlers(app)
    register_security_headers(app)
    register_static_versions(app)
    register_template_helpers(app)
    register_request_log(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    init_queue(app)  # after the blueprints: they declare the job kinds and the worker's periodic work
    register_cli(app)
    return app


def _prepare_storage(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
