"""Static files a browser keeps: each URL the app writes names the file's content, so it never changes.

Flask serves static files for revalidation on every use (`no-cache` with an ETag). A page names some twenty
of them (Bootstrap, the fonts of five scripts, the app's CSS and JavaScript), so each page an officer opened
cost the server that page and about seventeen conditional requests more, answered 304 one by one by the same
workers, wherever no proxy serves /static/ itself (`make run`, gunicorn alone).

`url_for('static', filename=...)` now adds `v=`, a digest of the file's content: a browser may keep such a URL
for a year without asking again (`immutable`), and a changed file gets a new URL. Files a stylesheet names by
a relative path (the fonts' files) carry no digest and are kept for STATIC_MAX_AGE seconds, as the compose
proxy keeps every static file (deploy/nginx.conf). With the debugger on (`flask run --debug`) nothing is kept,
so that an edited stylesheet shows at the next reload.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from stat import S_ISREG

from flask import Flask, current_app, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
DIGEST_LENGTH = 12

# (static folder, filename) -> (modification time, size, digest): a file is read again only when it changed.
_digests: dict[tuple[str, str], tuple[int, int, str]] = {}


def content_digest(folder: str, filename: str) -> str | None:
    """The first hex digits of the SHA-256 of the file's content, or None when there is no such file.

    `filename` may come from a request's path (a versioned URL's check, before Flask looks for the file):
    only a regular file inside the folder is read, never `../` out of it nor a device."""
    joined = safe_join(folder, filename)
    if joined is None:
        return None
    path = Path(joined)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    key = (folder, filename)
    known = _digests.get(key)
    if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
        return known[2]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]
    _digests[key] = (stat.st_mtime_ns, stat.st_size, digest)
    return digest


def add_version(endpoint: str, values: dict) -> None:
    """url_defaults: the app's static URLs name their file's content."""
    if endpoint != "static" or "v" in values or current_app.debug:
        return
    filename = values.get("filename")
    digest = content_digest(current_app.static_folder, filename) if filename else None
    if digest is not None:
        values["v"] = digest


def max_age(app: Flask, filename: str) -> int | None:
    """How long a browser may keep this static file without asking: a year for a URL naming the file's
    current content, STATIC_MAX_AGE otherwise; None (ask every time) with the debugger on, and for every
    file that is not a static one (exports, attachments: private, never kept)."""
    if app.debug or request.endpoint != "static":
        return None
    wanted = request.args.get("v")
    if wanted and wanted == content_digest(app.static_folder, filename):
        return YEAR
    return app.config["STATIC_MAX_AGE"]


def mark_immutable(response):
    """after_request: a URL naming its content is never revalidated, not even on a reload."""
    if request.endpoint == "static" and response.cache_control.max_age == YEAR:
        response.cache_control.immutable = True
    return response


class StaticFilesKept(Flask):
    """The application class: Flask, with static files kept by browsers as above (Flask's documented way to
    set their lifetime is this method)."""

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        return max_age(self, filename) if filename else None


def register_static_versions(app: Flask) -> None:
    app.url_defaults(add_version)
    app.after_request(mark_immutable)
