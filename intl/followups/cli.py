"""`flask --app wsgi followups send-digest [--dry-run]`: the daily reminder e-mail, for cron."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from ..core import mail
from ..core.db import db
from ..core.time import office_today
from .digest import prepare, record_sent, send
from .digest_job import queue_digest

followups_cli = AppGroup("followups", help="Follow-up reminders.")


@followups_cli.command("send-digest")
@click.option("--dry-run", is_flag=True, help="Print who would get which reminder; send nothing.")
@click.option("--date", "on", help="Compute the reminders as of this date (YYYY-MM-DD); default today.")
@click.option("--again", is_flag=True, help="Also send to those who already got this day's digest.")
@click.option(
    "--queue",
    "queued",
    is_flag=True,
    help="Hand the sending to the job queue (retried if the server is down).",
)
def send_digest_command(dry_run: bool, on: str | None, again: bool, queued: bool) -> None:
    """E-mail each person their overdue follow-ups, those due this week and the gift reports they owe."""
    try:
        today = date.fromisoformat(on) if on else office_today()
    except ValueError:
        raise click.BadParameter("use the form YYYY-MM-DD", param_hint="--date") from None
    if queued and not dry_run:
        job = queue_digest(today, again=again)
        db.session.commit()
        click.echo(f"Queued as job {job.id}.")
        return
    messages, missing, repeated = prepare(today, again=again)
    for digest in missing:
        click.echo(f"Skipped {digest.user.username}: no e-mail address.")
    for digest in repeated:
        click.echo(f"Skipped {digest.user.username}: already sent today (--again sends it once more).")
    if dry_run:
        for _digest, message in messages:
            click.echo(f"Would send to {message['To']}: {message['Subject']}")
        click.echo(f"Dry run: {len(messages)} digest(s) not sent.")
        return
    if not messages:
        click.echo("Nothing to send.")
        return
    try:
        outcomes = send(messages)
    except mail.SEND_ERRORS as error:
        raise click.ClickException(f"Could not reach the mail server {mail.server_name()}: {error}") from None
    record_sent(outcomes, today)
    failed = 0
    for outcome in outcomes:
        if outcome.error:
            failed += 1
            click.echo(f"Failed for {outcome.message['To']}: {outcome.error}", err=True)
        else:
            click.echo(f"Sent to {outcome.message['To']}: {outcome.message['Subject']}")
    click.echo(f"Sent {len(outcomes) - failed} digest(s).")
    if failed:
        raise click.ClickException(f"{failed} digest(s) could not be sent.")
