"""All lecture URLs.

| URL | roles | what |
| --- | --- | --- |
| /lectures, /lectures/series/<id>, /lectures/<id>, /lectures/<id>/photos/<photo> | admin, officer, intern | read |
| /lectures/series/new, .../series/<id>/edit, .../archive, .../lectures/new | admin, officer | keep a series |
| /lectures/<id>/edit, .../cancel, .../report, .../photos, .../registration | admin, officer | keep a lecture |

A lecture that takes registrations does so through an event (kind "lecture"): lectures register with events
as the host of that event (its programme shows the lecture's calendar entry, its page links the lecture).
"""

from flask import Blueprint, url_for
from flask_babel import gettext as _

from ..core import hooks
from ..core.i18n import localized
from ..events.hosts import EventHost, HostNote, register_host
from . import (
    access,  # noqa: F401  (registers the policies)
    queries,
    views,
)
from .models import LECTURE_STATUSES, SPEAKER_ROLES, LectureSeries
from .services import SOURCE_KIND, after_series_archive_change

bp = Blueprint("lectures", __name__)

SERIES = "/lectures/series/<int:series_id>"
LECTURE = "/lectures/<int:lecture_id>"

bp.add_url_rule("/lectures", "index", views.index)
bp.add_url_rule("/lectures/series/new", "create_series", views.create_series, methods=["GET", "POST"])
bp.add_url_rule(SERIES, "series_detail", views.series_detail)
bp.add_url_rule(f"{SERIES}/edit", "edit_series", views.edit_series, methods=["GET", "POST"])
bp.add_url_rule(f"{SERIES}/archive", "archive_series", views.archive_series, methods=["POST"])
bp.add_url_rule(f"{SERIES}/lectures/new", "create_lecture", views.create_lecture, methods=["GET", "POST"])
bp.add_url_rule(LECTURE, "detail", views.detail)
bp.add_url_rule(f"{LECTURE}/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule(f"{LECTURE}/cancel", "cancel", views.cancel, methods=["POST"])
bp.add_url_rule(f"{LECTURE}/report", "report", views.report, methods=["GET", "POST"])
bp.add_url_rule(f"{LECTURE}/photos", "add_photo", views.add_photo, methods=["POST"])
bp.add_url_rule(f"{LECTURE}/photos/<int:photo_id>", "photo", views.photo)
bp.add_url_rule(f"{LECTURE}/registration", "open_registration", views.open_registration, methods=["POST"])


@bp.context_processor
def labels():
    return {
        "LECTURE_STATUSES": {k: str(v) for k, v in LECTURE_STATUSES.items()},
        "SPEAKER_ROLES": {k: str(v) for k, v in SPEAKER_ROLES.items()},
    }


def event_note(event) -> HostNote | None:
    """What the page of an event holding a lecture's registrations says of the lecture."""
    lecture = queries.lecture_holding(event.id)
    if lecture is None:
        return None
    return HostNote(
        intro=_("This event holds the registrations of a lecture:"),
        label=localized(lecture.topic),
        url=url_for("lectures.detail", lecture_id=lecture.id),
    )


@bp.record_once
def _register(state) -> None:
    # Archived, restored or purged: the series' lectures leave the calendars as cancelled, or come back.
    hooks.archive_changed.register(after_series_archive_change, LectureSeries)
    register_host(EventHost(SOURCE_KIND, queries.lecture_ids_holding, event_note))
