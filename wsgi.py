"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

from intl import create_app

app = create_app()
