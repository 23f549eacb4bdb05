"""gunicorn's settings for Intl Desk, read from the working directory by `gunicorn wsgi:app` (command-line
flags such as --workers and --bind still apply on top)."""

import sys

# The app is imported and warmed up (wsgi.py: CLDR data, compiled templates, gc.freeze) once, in the master,
# before the workers are forked: they share those pages copy-on-write instead of each building its own copy.
# Measured at office scale x10 (bench/http.py): see bench/README.md.
preload_app = True


def post_fork(server, worker):
    """A worker must not reuse a database connection opened in the master: each opens its own."""
    wsgi = sys.modules.get("wsgi")
    if wsgi is None or not hasattr(wsgi, "app"):
        return  # another app served with these settings (bench/floor.py)
    from intl.core.db import db

    with wsgi.app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
