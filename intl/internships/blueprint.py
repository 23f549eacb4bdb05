"""All internship URLs, under /internships:

| URL | who | what |
| --- | --- | --- |
| "", /programmes/new, /programmes/<id>[/edit, /archive, /application-link] | staff | programmes |
| /programmes/<id>/positions/new, /positions/<id>/edit | staff | positions |
| /applications, /programmes/<id>/applications/new, /applications/<id>[/edit, /status, /archive] | staff | applications |
| /applications/<id>/documents/<cv, transcript>, /applications/<id>/interview[/cancel] | staff | documents, interviews |
| /placements, /placements/new, /placements/<id>/edit | staff | placements |
| /placements/<id>, /placements/<id>/certificate.pdf | staff, and the placement's intern | a placement and its log |
| /placements/<id>/evaluation | the placement's supervisor (or an administrator) | the evaluation |
| /approvals, /approvals/approve, /log/<id>/review | the supervisor (or an administrator) | approving the log |
| /me, /me/log/new, /log/<id>/edit, /log/<id>/submit, /log/<id>/delete | the intern | their own log |
| /apply/<token>, /apply/<token>/received | anyone with the link | a student applies (no sign-in) |
"""

from flask import Blueprint

from ..core import hooks
from ..core.i18n import format_month
from ..core.jobs import register_job_kind
from . import access  # noqa: F401  (registers the policies)
from .application_mail import APPLICATION_MAIL_JOB
from .models import (
    APPLICATION_SOURCES,
    APPLICATION_STATUSES,
    LANGUAGE_LEVELS,
    PROGRAMME_KINDS,
    STUDY_LEVELS,
    TERMS,
    InternshipApplication,
)
from .placement_models import ENTRY_STATUSES, EVALUATION_CRITERIA, PLACEMENT_STATUSES, RATINGS
from .services import unindex_application
from .views import applications, log, placements, programmes, public

bp = Blueprint("internships", __name__, url_prefix="/internships")

PROGRAMME = "/programmes/<int:programme_id>"
APPLICATION = "/applications/<int:application_id>"
PLACEMENT = "/placements/<int:placement_id>"
ENTRY = "/log/<int:entry_id>"
GET_POST = ["GET", "POST"]
POST = ["POST"]

bp.add_url_rule("", "index", programmes.index)
bp.add_url_rule("/programmes/new", "create_programme", programmes.create_programme, methods=GET_POST)
bp.add_url_rule(PROGRAMME, "programme", programmes.programme)
bp.add_url_rule(f"{PROGRAMME}/edit", "edit_programme", programmes.edit_programme, methods=GET_POST)
bp.add_url_rule(
    f"{PROGRAMME}/application-link",
    "rotate_application_token",
    programmes.rotate_application_token,
    methods=POST,
)
bp.add_url_rule(f"{PROGRAMME}/archive", "archive_programme", programmes.archive_programme, methods=POST)
bp.add_url_rule(f"{PROGRAMME}/positions/new", "create_position", programmes.create_position, methods=GET_POST)
bp.add_url_rule(
    "/positions/<int:position_id>/edit", "edit_position", programmes.edit_position, methods=GET_POST
)

bp.add_url_rule("/applications", "applications", applications.applications)
bp.add_url_rule(
    f"{PROGRAMME}/applications/new", "create_application", applications.create_application, methods=GET_POST
)
bp.add_url_rule(f"{APPLICATION}/edit", "edit_application", applications.edit_application, methods=GET_POST)
bp.add_url_rule(APPLICATION, "application", applications.application)
bp.add_url_rule(f"{APPLICATION}/status", "change_status", applications.change_status, methods=POST)
bp.add_url_rule(f"{APPLICATION}/documents/<any(cv, transcript):which>", "document", applications.document)
bp.add_url_rule(f"{APPLICATION}/interview", "interview", applications.interview, methods=GET_POST)
bp.add_url_rule(
    f"{APPLICATION}/interview/cancel", "cancel_interview", applications.cancel_interview, methods=POST
)
bp.add_url_rule(
    f"{APPLICATION}/archive", "archive_application", applications.archive_application, methods=POST
)

bp.add_url_rule("/placements", "placements", placements.placements)
bp.add_url_rule("/placements/new", "create_placement", placements.create_placement, methods=GET_POST)
bp.add_url_rule(f"{PLACEMENT}/edit", "edit_placement", placements.edit_placement, methods=GET_POST)
bp.add_url_rule(PLACEMENT, "placement", placements.placement)
bp.add_url_rule(f"{PLACEMENT}/evaluation", "evaluate", placements.evaluate, methods=GET_POST)
bp.add_url_rule(f"{PLACEMENT}/certificate.pdf", "certificate_pdf", placements.certificate_pdf)

bp.add_url_rule("/me", "my_internship", log.my_internship)
bp.add_url_rule("/me/log/new", "new_entry", log.new_entry, methods=GET_POST)
bp.add_url_rule(f"{ENTRY}/edit", "edit_entry", log.edit_entry, methods=GET_POST)
bp.add_url_rule(f"{ENTRY}/submit", "submit_entry", log.submit_entry, methods=POST)
bp.add_url_rule(f"{ENTRY}/delete", "delete_entry", log.delete_entry, methods=POST)
bp.add_url_rule("/approvals", "approvals", log.approvals)
bp.add_url_rule(f"{ENTRY}/review", "review_entry", log.review_entry, methods=POST)
bp.add_url_rule("/approvals/approve", "bulk_approve", log.bulk_approve, methods=POST)

bp.add_url_rule("/apply/<token>", "public_apply", public.public_apply, methods=GET_POST)
bp.add_url_rule("/apply/<token>/received", "public_applied", public.public_applied)

bp.after_request(public.keep_application_links_private)


def month_label(day) -> str:
    """'November 2026', '2026年11月', or '民國115年11月' for those who read ROC dates."""
    return format_month(day)


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "PROGRAMME_KINDS": translated(PROGRAMME_KINDS),
        "TERMS": translated(TERMS),
        "STUDY_LEVELS": translated(STUDY_LEVELS),
        "LANGUAGE_LEVELS": translated(LANGUAGE_LEVELS),
        "APPLICATION_STATUSES": translated(APPLICATION_STATUSES),
        "APPLICATION_SOURCES": translated(APPLICATION_SOURCES),
        "PLACEMENT_STATUSES": translated(PLACEMENT_STATUSES),
        "ENTRY_STATUSES": translated(ENTRY_STATUSES),
        "EVALUATION_CRITERIA": translated(EVALUATION_CRITERIA),
        "RATINGS": translated(RATINGS),
        "month_label": month_label,
    }


@bp.record_once
def _register(state) -> None:
    # Before an application is purged, its names leave the search index.
    hooks.before_purge.register(unindex_application, InternshipApplication)
    # A student's receipt and the officers' notes go out from the worker.
    register_job_kind(APPLICATION_MAIL_JOB)
