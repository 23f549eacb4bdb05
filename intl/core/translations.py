"""UI translations looked up once per request, and label tables translated once per locale.

Flask-Babel finds the catalog anew for every string (the request's Babel namespace, its domain, the locale,
the cache: a handful of context look-ups each), and a page asks for 50 to 200 strings; the label tables a
blueprint gives its templates (honorifics, kinds of e-mail...) were translated whole on every request. The
profile of a list page put a sixth of its time there. The catalogs do not change while the app runs, so:
- templates' `_()` read the catalog found once per request. It is kept where `flask_babel.refresh()` and
  `force_locale()` clear or swap it (`babel_translations` of Flask-Babel's namespace in `g`), so a request
  that changes its language mid-way reads the new one;
- `labels(mapping)` gives a table of lazy strings as plain strings in the request's language, built once
  per locale and table.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, g, has_app_context
from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup

from .i18n import current_locale_code

_labels: dict[tuple[int, str], dict] = {}


def request_translations():
    """The gettext catalog of the request's language, found once per request."""
    if not has_app_context():
        return get_translations()
    namespace = getattr(g, "_flask_babel", None)
    found = getattr(namespace, "babel_translations", None)
    if found is None:
        found = get_translations()  # creates the namespace when there was none
        g._flask_babel.babel_translations = found
    return found


def labels(mapping: Mapping) -> dict:
    """`{key: str(label)}` of a module-level table of lazy strings, in the request's language (cached per
    locale: the tables are constants and the catalogs do not change while the app runs)."""
    key = (id(mapping), current_locale_code())
    table = _labels.get(key)
    if table is None:
        table = _labels[key] = {name: str(label) for name, label in mapping.items()}
    return table


def install(app: Flask) -> None:
    """Templates' `_()`, `gettext()`, `ngettext()`, `pgettext()` read the request's catalog (after Babel's
    init_app).

    They behave as Jinja's "newstyle" callables (the text marked safe when autoescaping, the variables
    escaped and always formatted in), but each is one call from the template: Jinja's own wrap the catalog's
    function in two more calls through the template context (`_` resolves `gettext`, which calls the
    function), and a page asks for 30 to 200 strings."""

    @pass_context
    def gettext(context, string, **variables):
        text = request_translations().ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", num)
        text = request_translations().ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def pgettext(context, string_context, string, **variables):
        variables.setdefault("context", string_context)
        text = request_translations().upgettext(string_context, string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def npgettext(context, string_context, singular, plural, num, **variables):
        variables.setdefault("context", string_context)
        variables.setdefault("num", num)
        text = request_translations().unpgettext(string_context, singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    # `{% trans %}` blocks call the same names; newstyle tells the compiler that these format their variables
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(
        _=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext
    )
