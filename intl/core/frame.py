"""The parts of every page's frame that are the same for everyone of one role reading one language.

The main menu asks `may()` of some 25 endpoints and translates every item; the head names ten static files; the
language switcher and the account menu are fixed lists. Rendered for each request they were a third of a small
page's time (profile of the contact list, issue 12). They depend only on the reader's role (what `may()`
answers), the language and the script root the URLs start with, so each is rendered once per such key and
reused; the templates in templates/frame/ must hold nothing else of the user (no name, no CSRF token, no path).
"""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user
from markupsafe import Markup

from .access import is_active_user
from .i18n import current_locale_code


def frame_part(name: str) -> Markup:
    """templates/frame/NAME.html as this reader's role and language see it."""
    role = current_user.role if is_active_user(current_user) else None
    key = (name, role, current_locale_code(), request.script_root)
    rendered = current_app.extensions.setdefault("frame_parts", {})  # per app: tests build many
    part = rendered.get(key)
    if part is None:
        template = current_app.jinja_env.get_template(f"frame/{name}.html")
        part = rendered[key] = Markup(template.render(current_user=current_user))
    return part
