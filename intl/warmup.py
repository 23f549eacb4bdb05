"""Getting a worker ready before it serves: load what every request needs, then take everything loaded so
far out of the garbage collector's view.

A warm worker holds a few hundred thousand long-lived objects (modules, CLDR data, compiled templates);
without gc.freeze() each full collection walks them all, adding a 100 ms stall to every dozenth request.
"""

from __future__ import annotations

import gc

from babel import Locale
from flask import Flask


def warm_up(app: Flask) -> None:
    # The office's own languages, read on nearly every page; a guest's (ja, ko, vi ...) is loaded by the worker
    # that first serves it: warming all seven kept some 9 MB of CLDR data in every worker.
    for code in (app.config["BABEL_DEFAULT_LOCALE"], "en"):
        locale = Locale.parse(code)
        _ = locale.territories, locale.languages, locale.date_formats, locale.time_zones
    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        app.jinja_env.get_template(name)
    with app.test_request_context():  # import what the first requests would (lazy modules, babel domains)
        app.test_client().get("/sign-in")
    gc.collect()
    gc.freeze()
    # A request allocates tens of thousands of short-lived objects: collect the young generation less often
    # than Python's 700, so that full collections (which walk every live object) do not land in the middle of
    # requests. Not much less often: the request's garbage in reference cycles (ORM states, sessions) waits for
    # that collection, and the memory it held is scattered among live objects by the time it is freed. At
    # 50,000 a worker grew to 128 MB resident after the pages of bench/http.py at office scale x10, at 10,000
    # to 120 (2,000: 120; 20,000: 123), the CPU per page the same within the machine's noise.
    gc.set_threshold(10_000, 20, 100)
