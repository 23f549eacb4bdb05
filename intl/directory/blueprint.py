"""All directory URLs, and what the directory adds to the app.

| URL | who | what |
| --- | --- | --- |
| /sign-in/directory/<provider> | anyone | the directory's sign-in form (LDAP) or the redirect to the single sign-on (OIDC) |
| /sign-in/directory/oidc/callback | anyone | where the single sign-on sends the browser back (flask-multipass) |

The blueprint also sets up flask-multipass from the settings, checks directory users on their requests, gives
the sign-in page its providers, and has the worker sync the directory every DIRECTORY_SYNC_MINUTES.
"""

from flask import Blueprint, current_app

from ..auth.session import register_sign_out
from ..core.queue import Periodic, register_periodic
from . import services, views
from .cli import directory_cli
from .setup import init_directory

bp = Blueprint("directory", __name__)

bp.add_url_rule("/sign-in/directory/<provider>", "sign_in", views.sign_in, methods=["GET", "POST"])


def sync() -> None:
    """The worker's periodic sync: accounts the directory no longer vouches for lose their access."""
    if current_app.extensions.get("multipass") is not None:
        services.sync_all()


@bp.record_once
def _register(state) -> None:
    init_directory(state.app)
    state.app.before_request(views.check_directory_user)
    state.app.context_processor(views.sign_in_options)
    register_sign_out(views.sign_out_of_directory)
    state.app.cli.add_command(directory_cli)
    register_periodic(Periodic("directory-sync", "DIRECTORY_SYNC_MINUTES", sync))
