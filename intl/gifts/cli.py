"""`flask --app wsgi gifts reassess`: apply the ethics rules again after the GIFT_* settings change (the
command is registered on the gifts blueprint's command group)."""

from __future__ import annotations

import click

from ..core.db import db
from .services import reassess_all


@click.command("reassess")
def reassess_command() -> None:
    """Recompute which received gifts need a report, and by when, with the current thresholds."""
    count = reassess_all()
    db.session.commit()
    click.echo(f"Reassessed {count} group(s) of received gifts.")
