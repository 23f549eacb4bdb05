from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from ..auth.queries import officer_choices
from ..core.forms import Form, LocalDateField, LocalizedTextField, MultiCheckboxField, VersionField
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from ..events.forms import TimedForm, choices, leader_choices
from .models import LECTURE_STATUSES, SPEAKER_ROLES


class SeriesForm(Form):
    title = LocalizedTextField(_l("Title"))
    university_id = RecordPickerField(_l("Partner university"), kind="organization")
    term = StringField(
        _l("Term"),
        validators=[Optional(), Length(max=100)],
        description=_l("For example 115學年度第1學期 or Autumn 2026."),
    )
    start_on = LocalDateField(_l("From"), validators=[Optional()])
    end_on = LocalDateField(_l("Until"), validators=[Optional()])
    lead_officer_id = SelectField(_l("Lead officer"), choices=[], validate_choice=False)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead_officer_id.choices = officer_choices()

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end cannot come before the start."))

    def validate_lead_officer_id(self, field):
        if field.data and field.data not in {value for value, _label in self.lead_officer_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def fields(self) -> dict:
        return {
            "title": self.title.localized,
            "university_id": self.university_id.data,
            "term": (self.term.data or "").strip() or None,
            "start_on": self.start_on.data,
            "end_on": self.end_on.data,
            "lead_officer_id": int(self.lead_officer_id.data) if self.lead_officer_id.data else None,
            "description": (self.description.data or "").strip() or None,
        }


class LectureForm(TimedForm):
    topic = LocalizedTextField(_l("Topic"))
    speaker_id = RecordPickerField(_l("Speaker"), kind="contact")
    speaker_role = SelectField(_l("Speaker's role"), choices=[])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    moderator = StringField(_l("Moderator"), validators=[Optional(), Length(max=300)])
    host_leaders = MultiCheckboxField(_l("Hosting leaders"), choices=[], coerce=int)
    host_officers = MultiCheckboxField(_l("Hosting officers"), choices=[], coerce=int)
    audience_size = IntegerField(_l("Expected audience"), validators=[Optional(), NumberRange(0, 100_000)])
    status = SelectField(_l("Status"), choices=[])
    plan_item_id = PlanItemField(_l("Plan item"), date_field="start_on")
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker_role.choices = choices(SPEAKER_ROLES)
        self.status.choices = choices(LECTURE_STATUSES)
        self.host_leaders.choices = leader_choices()
        self.host_officers.choices = [(int(v), label) for v, label in officer_choices(blank=False)]

    def fields(self) -> dict:
        start, end = self.span()
        return {
            "topic": self.topic.localized,
            "speaker_id": self.speaker_id.data,
            "speaker_role": self.speaker_role.data,
            "start_dt": start,
            "end_dt": end,
            "timezone": self.timezone.data,
            "venue": (self.venue.data or "").strip() or None,
            "address": (self.address.data or "").strip() or None,
            "moderator": (self.moderator.data or "").strip() or None,
            "host_leader_ids": sorted(self.host_leaders.data or []),
            "host_user_ids": sorted(self.host_officers.data or []),
            "audience_size": self.audience_size.data,
            "status": self.status.data,
            "plan_item_id": self.plan_item_id.data,
            "notes": (self.notes.data or "").strip() or None,
        }


class ReportForm(Form):
    report = TextAreaField(_l("Short report"), validators=[Optional(), Length(max=20000)])
    attendance = IntegerField(
        _l("Attendance (head count)"),
        validators=[Optional(), NumberRange(0, 100_000)],
        description=_l("When the lecture takes registrations, the checked-in guests are counted instead."),
    )
    version = VersionField()


class PhotoForm(Form):
    file = FileField(_l("Photo (JPEG, PNG, WebP)"))
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=300)])

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a file to upload."))


class OpenRegistrationForm(Form):
    capacity = IntegerField(
        _l("Seats"),
        validators=[Optional(), NumberRange(1, 100_000)],
        description=_l("Leave empty for no limit."),
    )
