"""All letter URLs in one place; the handlers live in views, translation_views, template_views and
document_views.

| URL | endpoint | who |
| --- | --- | --- |
| GET /letters | index | admin, officer, intern (interns: letters they translate) |
| GET, POST /letters/new | create | admin, officer |
| GET /letters/<id> | detail | admin, officer, intern (+ can_view) |
| GET, POST /letters/<id>/edit | edit | admin, officer (+ can_edit) |
| POST /letters/<id>/move, /assign, /attachments, /archive | move, assign, add_attachment, archive | admin, officer |
| GET /letters/<id>/attachments/<aid> | attachment | admin, officer, intern (+ can_view) |
| POST /letters/<id>/translations | add_translation | admin, officer |
| GET, POST /letters/<id>/translations/<lang> | translation | admin, officer, intern (own draft) |
| POST /letters/<id>/translations/<lang>/review | review_translation | admin, officer |
| GET /letters/<id>/letter.pdf, letter.docx | letter_pdf, letter_docx | admin, officer, intern (+ can_view) |
| GET /letters/templates; GET, POST /letters/templates/new, /letters/templates/<id> | templates, template_create, template_edit | admin, officer |
| GET, POST /letters/new/from-template | draft | admin, officer |
"""

from __future__ import annotations

import click
from flask import Blueprint

bp = Blueprint("correspondence", __name__, cli_group="correspondence")

VIEWERS = ("admin", "officer", "intern")


@bp.context_processor
def labels():
    from .models import CHANNELS, PARTY_ROLES, TEMPLATE_KINDS, TRANSLATION_STATUSES
    from .workflow import DIRECTIONS, STATUSES

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
    from ..core.db import db
    from .demo import seed_templates

    added = seed_templates()
    db.session.commit()
    click.echo(f"Added {added} letter templates.")


@bp.cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index of every letter."""
    from ..core.db import db
    from .services import reindex_letters

    count = reindex_letters()
    db.session.commit()
    click.echo(f"Reindexed {count} letters.")


from . import document_views, template_views, translation_views, views  # noqa: E402, F401
