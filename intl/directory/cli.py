"""`flask --app wsgi directory check` (can the app reach each configured provider?) and `directory sync` (ask
the directory about every account it gave access to, as the worker does every DIRECTORY_SYNC_MINUTES)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from . import services
from .setup import is_configured, multipass

directory_cli = AppGroup("directory", help="Signing in with the city's directory.")


@directory_cli.command("check")
def check_command() -> None:
    """Reach each configured provider: bind and search LDAP; read the OpenID Connect discovery document."""
    if not is_configured():
        raise click.ClickException("No directory is configured (DIRECTORY_LDAP_URL, DIRECTORY_OIDC_ISSUER).")
    import requests
    from ldap3.core.exceptions import LDAPException

    from .providers import LDAPDirectory  # with ldap3 and authlib: see setup.multipass_settings

    failed = False
    for name, provider in multipass.identity_providers.items():
        if name == "ldap":
            directory = LDAPDirectory(provider.settings["ldap"])
            try:
                connection = directory.connect()
                connection.search(
                    directory.settings["user_base"], directory.settings["user_filter"], size_limit=1
                )
                connection.unbind()
                click.echo(
                    f"ldap: bound as {directory.settings['bind_dn'] or '(anonymous)'} and searched "
                    f"{directory.settings['user_base']}: OK"
                )
            except LDAPException as error:
                failed = True
                click.echo(f"ldap: FAILED: {error}", err=True)
        elif name == "oidc":
            url = (
                current_app.config["DIRECTORY_OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration"
            )
            try:
                document = requests.get(url, timeout=10)
                document.raise_for_status()
                click.echo(f"oidc: {url} names the issuer {document.json()['issuer']}: OK")
            except (requests.RequestException, ValueError, KeyError) as error:
                failed = True
                click.echo(f"oidc: FAILED: {error}", err=True)
    mapping = services.group_roles()
    click.echo(
        "Groups to roles: "
        + (", ".join(f"{g} → {r}" for g, r in mapping.items()) or "(none: nobody gets in)")
    )
    if failed or not mapping:
        raise click.ClickException("The directory is not ready.")


@directory_cli.command("sync")
def sync_command() -> None:
    """Ask the directory about every account it gave access to; those it no longer vouches for lose it."""
    if not is_configured():
        raise click.ClickException("No directory is configured.")
    counts = services.sync_all()
    click.echo(
        f"Checked {counts['checked']} account(s): {counts['kept']} kept, {counts['removed']} lost access."
    )
