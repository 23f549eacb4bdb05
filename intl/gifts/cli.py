"""`flask --app wsgi gifts reassess`: apply the ethics rules again after the GIFT_* settings change."""

from __future__ import annotations

import click
from flask.cli import AppGroup

gifts_cli = AppGroup("gifts", help="Gifts and their ethics record.")


@gifts_cli.command("reassess")
def reassess_command() -> None:
    """Recompute which received gifts need a report, and by when, with the current thresholds."""
    from ..core.db import db
    from .services import reassess_all

    count = reassess_all()
    db.session.commit()
    click.echo(f"Reassessed {count} group(s) of received gifts.")
