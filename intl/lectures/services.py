"""Operations on lecture series and lectures. Each lecture's calendar entry (source_kind "lecture") is kept in
step with it: hosts (leaders, officers) and the speaker take part, so the lecture is in their feeds."""

from __future__ import annotations

from sqlalchemy import select

from ..core import audit
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import IMAGE_TYPES, store_upload
from ..events.models import Event
from ..events.registrations import figures
from ..events.services import create_event, update_event
from ..schedule.models import Engagement
from ..schedule.services import create_engagement, update_engagement
from .models import Lecture, LecturePhoto, LectureSeries

SOURCE_KIND = "lecture"
ENGAGEMENT_STATUS = {
    "planned": "tentative",
    "confirmed": "confirmed",
    "done": "confirmed",
    "cancelled": "cancelled",
}
EVENT_STATUS = {"planned": "planned", "confirmed": "confirmed", "done": "done", "cancelled": "cancelled"}


def create_series(**fields) -> LectureSeries:
    series = LectureSeries(**fields)
    db.session.add(series)
    db.session.flush()
    audit.record_create(series)
    return series


def update_series(series: LectureSeries, *, expected_version: int | None = None, **fields) -> None:
    """Change the series (EditConflict when it changed since the user's `expected_version`); its lectures'
    calendar entries follow."""
    check_version(series, expected_version, fields)
    before = series.audit_state()
    for name, value in fields.items():
        setattr(series, name, value)
    db.session.flush()
    audit.record_update(series, before)
    for lecture in series.lectures:  # the university's name is the host shown on each lecture's entry
        sync_calendar(lecture)


def engagement_of(lecture: Lecture) -> Engagement | None:
    return db.session.scalars(
        select(Engagement)
        .where(Engagement.source_kind == SOURCE_KIND, Engagement.source_id == lecture.id)
        .order_by(Engagement.id)
        .limit(1)
    ).first()


def _participants(lecture: Lecture) -> dict[str, list[int]]:
    return {
        "leader": list(lecture.host_leader_ids or []),
        "user": list(lecture.host_user_ids or []),
        "contact": [lecture.speaker_id] if lecture.speaker_id else [],
    }


def _calendar_fields(lecture: Lecture) -> dict:
    series = lecture.series
    live = series is not None and series.archived_at is None
    university = series.university if series is not None else None
    return {
        "title": dict(lecture.topic),
        "kind": "lecture",
        "start_dt": lecture.start_dt,
        "end_dt": lecture.end_dt,
        "timezone": lecture.timezone,
        "venue": lecture.venue,
        "address": lecture.address,
        "host": university.names.native if university is not None else None,
        "visibility": "public",
        "status": ENGAGEMENT_STATUS[lecture.status] if live else "cancelled",
    }


def sync_calendar(lecture: Lecture) -> None:
    engagement = engagement_of(lecture)
    if engagement is None:
        create_engagement(
            _participants(lecture), source_kind=SOURCE_KIND, source_id=lecture.id, **_calendar_fields(lecture)
        )
    else:
        update_engagement(engagement, _participants(lecture), **_calendar_fields(lecture))


def _event_fields(lecture: Lecture) -> dict:
    return {
        "title": dict(lecture.topic),
        "start_dt": lecture.start_dt,
        "end_dt": lecture.end_dt,
        "timezone": lecture.timezone,
        "venue": lecture.venue,
        "address": lecture.address,
        "status": EVENT_STATUS[lecture.status],
    }


def create_lecture(series: LectureSeries, **fields) -> Lecture:
    lecture = Lecture(series=series, **fields)
    db.session.add(lecture)
    db.session.flush()
    sync_calendar(lecture)
    audit.record_create(lecture)
    return lecture


def update_lecture(lecture: Lecture, *, expected_version: int | None = None, **fields) -> None:
    """Change the lecture (EditConflict when it changed since the user's `expected_version`); its calendar
    entry and the event holding its registrations follow."""
    check_version(lecture, expected_version, fields)
    before = lecture.audit_state()
    for name, value in fields.items():
        setattr(lecture, name, value)
    db.session.flush()
    sync_calendar(lecture)
    if lecture.event is not None:
        update_event(lecture.event, **_event_fields(lecture))
    audit.record_update(lecture, before)


def cancel_lecture(lecture: Lecture) -> None:
    update_lecture(lecture, status="cancelled")


def open_registration(lecture: Lecture, capacity: int | None) -> Event:
    """An event (kind "lecture") to hold the lecture's registrations; its calendar entry is the lecture's."""
    if lecture.event is not None:
        return lecture.event
    series = lecture.series
    event = create_event(
        with_calendar_entry=False,
        kind="lecture",
        audiences=["international_students", "public"],
        capacity=capacity,
        registration_mode="open",
        visibility="public",
        lead_officer_id=series.lead_officer_id,
        **_event_fields(lecture),
    )
    lecture.event_id = event.id
    db.session.flush()
    audit.record("update", lecture, {"event_id": [None, event.id]})
    return event


def attendance_of(lecture: Lecture) -> int | None:
    """Checked-in guests when the lecture takes registrations, else the head count the officer entered."""
    if lecture.event is not None:
        attended = figures(lecture.event).attended
        if attended:
            return attended
    return lecture.attendance


def add_photo(lecture: Lecture, upload, caption: str | None) -> LecturePhoto:
    stored = store_upload(upload, IMAGE_TYPES, user_id=acting_user_id())
    db.session.flush()
    photo = LecturePhoto(lecture_id=lecture.id, file_id=stored.id, caption=caption)
    db.session.add(photo)
    db.session.flush()
    audit.record("update", lecture, {"photos": [None, stored.original_name]})
    return photo


def after_series_archive_change(series: LectureSeries) -> None:
    """Archived or purged: the series' lectures leave the calendars as cancelled; restored: they come back.
    Registered with `hooks.archive_changed` (blueprint.py)."""
    for lecture in series.lectures:
        sync_calendar(lecture)
