"""All contact URLs in one place; the handlers live in views, affiliation_views, privacy_views and exports."""

from flask import Blueprint

bp = Blueprint("contacts", __name__)


@bp.record_once
def _register(state) -> None:
    from ..core.pickers import register_picker
    from .models import Contact
    from .personal import write_log

    state.app.after_request(write_log)  # personal data shown by any page of any feature is logged

    register_picker(
        "contact",
        Contact,
        lambda r, locale: r.display_name(locale),
        lambda r: [r.native_name, r.chinese_name, r.latin_name],
    )


from . import affiliation_views, exports, privacy_views, views  # noqa: E402, F401  (register the routes)
