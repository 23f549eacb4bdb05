"""All letter URLs in one place, the labels the letter templates use, the letters' commands and the hooks
they register. Who may do what is decided in access.py; each view declares the roles it admits.
"""

from __future__ import annotations

import click
from flask import Blueprint

from ..core import hooks
from ..core.db import db
from ..core.translations import labels as translated
from . import services
from .demo import seed_templates
from .models import CHANNELS, PARTY_ROLES, TEMPLATE_KINDS, TRANSLATION_STATUSES, Letter
from .views import documents, letters, templates, translations
from .workflow import DIRECTIONS, STATUSES

bp = Blueprint("correspondence", __name__, cli_group="correspondence")

BOTH = ["GET", "POST"]

bp.add_url_rule("/letters", "index", letters.index)
bp.add_url_rule("/letters/new", "create", letters.create, methods=BOTH)
bp.add_url_rule("/letters/new/from-template", "draft", templates.draft, methods=BOTH)
bp.add_url_rule("/letters/<int:letter_id>", "detail", letters.detail)
bp.add_url_rule("/letters/<int:letter_id>/edit", "edit", letters.edit, methods=BOTH)
bp.add_url_rule("/letters/<int:letter_id>/move", "move", letters.move, methods=["POST"])
bp.add_url_rule("/letters/<int:letter_id>/assign", "assign", letters.assign, methods=["POST"])
bp.add_url_rule(
    "/letters/<int:letter_id>/attachments", "add_attachment", letters.add_attachment, methods=["POST"]
)
bp.add_url_rule("/letters/<int:letter_id>/attachments/<int:attachment_id>", "attachment", letters.attachment)
bp.add_url_rule("/letters/<int:letter_id>/archive", "archive", letters.archive, methods=["POST"])
bp.add_url_rule(
    "/letters/<int:letter_id>/translations",
    "add_translation",
    translations.add_translation_view,
    methods=["POST"],
)
bp.add_url_rule(
    "/letters/<int:letter_id>/translations/<language>",
    "translation",
    translations.translation,
    methods=BOTH,
)
bp.add_url_rule(
    "/letters/<int:letter_id>/translations/<language>/review",
    "review_translation",
    translations.review_translation_view,
    methods=["POST"],
)
bp.add_url_rule("/letters/<int:letter_id>/letter.pdf", "letter_pdf", documents.letter_pdf)
bp.add_url_rule("/letters/<int:letter_id>/letter.docx", "letter_docx", documents.letter_docx)
bp.add_url_rule("/letters/templates", "templates", templates.templates)
bp.add_url_rule("/letters/templates/new", "template_create", templates.template_create, methods=BOTH)
bp.add_url_rule(
    "/letters/templates/<int:template_id>", "template_edit", templates.template_edit, methods=BOTH
)


@bp.record_once
def _register(state) -> None:
    hooks.before_purge.register(services.unindex, Letter)


@bp.context_processor
def labels():
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
