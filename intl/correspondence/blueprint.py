"""All letter URLs in one place, the labels the letter templates use, the letters' commands and the hooks
they register. Who may do what is decided in access.py; each view declares the roles it admits.
"""

from __future__ import annotations

import click
from flask import Blueprint

from ..core import hooks
from ..core.db import db
from . import document_views, services, template_views, translation_views, views
from .demo import seed_templates
from .models import CHANNELS, PARTY_ROLES, TEMPLATE_KINDS, TRANSLATION_STATUSES, Letter
from .workflow import DIRECTIONS, STATUSES

bp = Blueprint("correspondence", __name__, cli_group="correspondence")

BOTH = ["GET", "POST"]

bp.add_url_rule("/letters", "index", views.index)
bp.add_url_rule("/letters/new", "create", views.create, methods=BOTH)
bp.add_url_rule("/letters/new/from-template", "draft", template_views.draft, methods=BOTH)
bp.add_url_rule("/letters/<int:letter_id>", "detail", views.detail)
bp.add_url_rule("/letters/<int:letter_id>/edit", "edit", views.edit, methods=BOTH)
bp.add_url_rule("/letters/<int:letter_id>/move", "move", views.move, methods=["POST"])
bp.add_url_rule("/letters/<int:letter_id>/assign", "assign", views.assign, methods=["POST"])
bp.add_url_rule(
    "/letters/<int:letter_id>/attachments", "add_attachment", views.add_attachment, methods=["POST"]
)
bp.add_url_rule("/letters/<int:letter_id>/attachments/<int:attachment_id>", "attachment", views.attachment)
bp.add_url_rule("/letters/<int:letter_id>/archive", "archive", views.archive, methods=["POST"])
bp.add_url_rule(
    "/letters/<int:letter_id>/translations",
    "add_translation",
    translation_views.add_translation_view,
    methods=["POST"],
)
bp.add_url_rule(
    "/letters/<int:letter_id>/translations/<language>",
    "translation",
    translation_views.translation,
    methods=BOTH,
)
bp.add_url_rule(
    "/letters/<int:letter_id>/translations/<language>/review",
    "review_translation",
    translation_views.review_translation_view,
    methods=["POST"],
)
bp.add_url_rule("/letters/<int:letter_id>/letter.pdf", "letter_pdf", document_views.letter_pdf)
bp.add_url_rule("/letters/<int:letter_id>/letter.docx", "letter_docx", document_views.letter_docx)
bp.add_url_rule("/letters/templates", "templates", template_views.templates)
bp.add_url_rule("/letters/templates/new", "template_create", template_views.template_create, methods=BOTH)
bp.add_url_rule(
    "/letters/templates/<int:template_id>", "template_edit", template_views.template_edit, methods=BOTH
)


@bp.record_once
def _register(state) -> None:
    hooks.before_purge.register(services.unindex, Letter)


@bp.context_processor
def labels():
    def translated(mapping):
        return {key: str(value) for key, value in mapping.items()}

    return {
        "LETTER_DIRECTIONS": translated(DIRECTIONS),
        "LETTER_STATUSES": translated(STATUSES),
        "CHANNELS": translated(CHANNELS),
        "PARTY_ROLES": translated(PARTY_ROLES),
        "TRANSLATION_STATUSES": translated(TRANSLATION_STATUSES),
        "TEMPLATE_KINDS": translated(TEMPLATE_KINDS),
    }


@bp.cli.command("seed-templates")
def seed_templates_command() -> None:
    """Add the standard letter templates (invitation, thank-you ...) that are not there yet."""
    added = seed_templates()
    db.session.commit()
    click.echo(f"Added {added} letter templates.")


@bp.cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index of every letter."""
    count = services.reindex_letters()
    db.session.commit()
    click.echo(f"Reindexed {count} letters.")
