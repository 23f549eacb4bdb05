"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from intl import create_app
from intl.warmup import warm_up

app = create_app()
warm_up(app)
