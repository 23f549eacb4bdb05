"""Command-line tools: `flask --app wsgi users create`, `demo-data`, `demo-logins`, `reindex`, `analyze`,
`worker`, `backup` and `restore`.

The features' own commands (`gifts reassess`, `correspondence seed-templates` ...) are registered by their
blueprints; the follow-ups' digest group is added here.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from .auth.models import User
from .auth.services import UserError, create_user
from .backup import backup_command, restore_command
from .core.access import ROLE_LABELS
from .core.countries import ORDER_FILE, write_orders
from .core.db import db, refresh_statistics
from .demo.data import DEMO_USERS
from .demo.loader import has_data, load_demo, load_synthetic_partners
from .followups.cli import followups_cli
from .reindex import reindex_all
from .worker import worker_command

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(list(ROLE_LABELS)), required=True)
@click.option("--name", "display_name", help="Display name (defaults to the user name).")
@click.option("--email")
def create_user_command(username: str, role: str, display_name: str | None, email: str | None) -> None:
    """Create a user; the password is asked twice (and can be piped on standard input)."""
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(username, password, role, display_name=display_name, email=email)
    except UserError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role}).")


@users_cli.command("list")
def list_users_command() -> None:
    for user in db.session.scalars(select(User).order_by(User.username)):
        click.echo(f"{user.username:20} {user.role:8} {'active' if user.active else 'inactive'}")


@click.command("demo-data")
@click.option("--scale", type=int, default=0, help="Also add this many synthetic partners (benchmarks).")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def demo_data_command(scale: int, if_empty: bool) -> None:
    """Load a realistic demo office: partners, agreements and a few users per role."""
    if if_empty and has_data():
        click.echo("The database already has data; demo data not loaded.")
    else:
        load_demo()
        click.echo("Demo data loaded.")
    if scale:
        load_synthetic_partners(scale)
        click.echo(f"Added {scale} synthetic partners.")
    refresh_statistics(full=True)
    db.session.commit()


@click.command("demo-logins")
def demo_logins_command() -> None:
    """Print the demo accounts and their passwords."""
    click.echo("Demo sign-ins (user name / password / role):")
    for user in DEMO_USERS:
        click.echo(f"  {user['username']:10} {user['password']:28} {user['role']}")


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index and sort keys (after adding a UI language, for example)."""
    count = reindex_all()
    click.echo(f"Reindexed {count} records.")


@click.command("analyze")
def analyze_command() -> None:
    """Refresh the database planner's statistics (after large imports or loads)."""
    refresh_statistics(full=True)
    db.session.commit()
    click.echo("Statistics refreshed.")


@click.command("country-order")
@with_appcontext
def country_order_command() -> None:
    """Store every UI language's country list in ICU's order (after upgrading Babel or PyICU)."""
    write_orders(ORDER_FILE, current_app.config["LANGUAGES"])
    click.echo(f"Wrote {ORDER_FILE}.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(country_order_command)
    app.cli.add_command(analyze_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_data_command)
    app.cli.add_command(demo_logins_command)
    app.cli.add_command(reindex_command)
    app.cli.add_command(followups_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
