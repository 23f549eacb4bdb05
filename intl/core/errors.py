"""Error pages in the user's language: every refusal is a page, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from .db import db


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Bad request"),
            _("The request could not be understood. Check the address or the form and try again."),
        ),
        403: (_("Not allowed"), _("Your role does not allow you to open this page.")),
        404: (
            _("Not found"),
            _("There is nothing at this address. It may have been archived or never existed."),
        ),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        409: (
            _("Edit conflict"),
            _(
                "Someone else saved this record while you were editing it. Open it again to see their changes; your input was not saved."
            ),
        ),
        413: (_("File too large"), _("The upload is larger than the office allows. Choose a smaller file.")),
        429: (_("Too many requests"), _("Please wait a moment before trying again.")),
        500: (
            _("Something went wrong"),
            _("The office's system hit an error. Nothing you entered was saved; please try again."),
        ),
    }


def render_error(code: int, detail: str | None = None):
    title, message = _messages().get(code, (_("Error"), ""))
    return render_template("errors/error.html", code=code, title=title, message=message, detail=detail), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            _(
                "The form had expired or was not sent by this site. Go back, reload the page and submit again."
            ),
        )

    @app.errorhandler(StaleDataError)
    def stale(error):
        db.session.rollback()
        return render_error(409)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in (301, 302, 303, 307, 308) or error.code is None:
            return error
        if request.path.startswith("/static/"):
            return error
        db.session.rollback()
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        db.session.rollback()
        return render_error(500)
