"""All follow-up URLs (the roles of each are in access.py and on the views), and the labels templates read.

| URL                                        | endpoint              | who                                  |
| ------------------------------------------ | --------------------- | ------------------------------------ |
| /followups/mine                            | followups.mine        | admin, officer, intern               |
| /followups/new/<source_kind>/<source_id>   | followups.create      | admin, officer                       |
| /followups/<id>/edit                       | followups.edit        | admin, officer                       |
| /followups/<id>/set-status (POST)          | followups.set_status  | admin, officer; an intern, their own |
"""

from flask import Blueprint

from ..core.jobs import register_job_kind
from . import access, views  # noqa: F401  (access: the follow-up policy)
from .digest_job import DIGEST_JOB
from .models import FOLLOWUP_STATUSES

bp = Blueprint("followups", __name__)

# (path, endpoint, view, methods)
URLS = [
    ("/followups/mine", "mine", views.mine, ["GET"]),
    ("/followups/new/<source_kind>/<int:source_id>", "create", views.create, ["GET", "POST"]),
    ("/followups/<int:followup_id>/edit", "edit", views.edit, ["GET", "POST"]),
    ("/followups/<int:followup_id>/set-status", "set_status", views.set_status, ["POST"]),
]

for path, endpoint, view, methods in URLS:
    bp.add_url_rule(path, endpoint, view, methods=methods)


@bp.record_once
def _register(state) -> None:
    state.app.jinja_env.globals["FOLLOWUP_STATUS_LABELS"] = FOLLOWUP_STATUSES
    register_job_kind(DIGEST_JOB)  # `followups send-digest --queue`
