"""gunicorn's settings for Intl Desk, read from the working directory by `gunicorn wsgi:app` (command-line
flags such as --workers and --bind still apply on top)."""

import ctypes
import ctypes.util
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


def _glibc():
    """The C library when it is glibc (it has malloc_trim), else None (musl, macOS): then nothing is tuned."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


LIBC = _glibc()
M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
# glibc gives a block of 128 KB or more its own mapping, returned to the system when freed, but raises that
# threshold to the size of each such block freed: after a worker's first feed (a 4 MB text), every later feed's
# strings came from the heap and stayed there. Fixed at 128 KB, a large text's memory goes back when it is freed.
if LIBC is not None:
    LIBC.mallopt(M_MMAP_THRESHOLD, 128 * 1024)

# After a response this large (a leader's whole feed, an export), the worker hands the heap's free pages back to
# the system: the thousands of rows it read are freed, but glibc keeps their pages (a worker went from 130 to
# 148 MB resident for good after one feed at office scale x10). Trimming takes about a millisecond; an ordinary
# page is never followed by it.
TRIM_AFTER_BYTES = 1024 * 1024


def post_request(worker, req, environ, resp):
    if LIBC is not None and resp.sent >= TRIM_AFTER_BYTES:  # gunicorn's count of the body's bytes sent
        LIBC.malloc_trim(0)
