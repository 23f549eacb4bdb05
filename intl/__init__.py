"""Intl Desk: the application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import PROJECT_ROOT, load_config


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(overrides))
    _prepare_storage(app)

    from . import models  # noqa: F401  (every model must be imported before migrations or queries)
    from .extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    from .core.migrations import render_item

    migrate.init_app(
        app,
        db,
        directory=str(PROJECT_ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    csrf.init_app(app)

    from .core.i18n import select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)

    from .auth.session import init_login

    init_login(app, login_manager)

    from .core.errors import register_error_handlers
    from .core.permissions import require_sign_in
    from .core.security import register_security_headers
    from .core.templating import register_template_helpers
    from .core.urls import register_converters

    register_converters(app)
    app.before_request(require_sign_in)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)

    from .admin.views import bp as admin_bp
    from .auth.views import bp as auth_bp
    from .contacts.blueprint import bp as contacts_bp
    from .correspondence.blueprint import bp as correspondence_bp
    from .courses.views import bp as courses_bp
    from .delegations.blueprint import bp as delegations_bp
    from .events.blueprint import bp as events_bp
    from .followups.blueprint import bp as followups_bp
    from .gifts.blueprint import bp as gifts_bp
    from .groups.views import bp as groups_bp
    from .home.views import bp as home_bp
    from .imports.views import bp as imports_bp
    from .interactions.views import bp as interactions_bp
    from .internships.blueprint import bp as internships_bp
    from .lectures.views import bp as lectures_bp
    from .organizations.views import bp as organizations_bp
    from .partners.views import bp as partners_bp
    from .plan.blueprint import bp as plan_bp
    from .printing.blueprint import bp as printing_bp
    from .schedule.blueprint import bp as schedule_bp

    for blueprint in (
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
        printing_bp,
        admin_bp,
    ):
        app.register_blueprint(blueprint)

    from .cli import register_cli

    register_cli(app)
    return app


def _prepare_storage(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
