"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

import click

from intl import create_app
from intl.warmup import warm_up

# Loaded by a command (`flask --app wsgi db upgrade`, `worker`, ...) there is a click context: the app then has
# the migration commands. Served by gunicorn there is none, and its workers never import Alembic.
app = create_app(migrations=click.get_current_context(silent=True) is not None)
warm_up(app)
