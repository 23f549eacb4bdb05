from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FloatField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..auth.queries import officer_choices
from ..core.datetimes import TimeField, combine, require_after
from ..core.forms import Form, LocalDateField, LocalizedTextField, MultiCheckboxField, VersionField
from ..core.multipick import MultiRecordField
from ..core.time import all_zone_names, office_zone_name
from .leaders import active_leaders
from .models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES
from .queries import account_choices

# Offered first in the time-zone list, after the office's own zone.
COMMON_ZONES = [
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Ho_Chi_Minh",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Kuala_Lumpur",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Pacific/Honolulu",
]


def _choices(mapping):
    return [(k, str(v)) for k, v in mapping.items()]


def zone_choices(current: str | None = None):
    zones = list(dict.fromkeys([*([current] if current else []), office_zone_name(), *COMMON_ZONES]))
    return [(z, z) for z in zones]


class EngagementWhenForm(Form):
    """When an engagement takes place, as the officer types it: the fields the engagement form and its live clash
    check share, so that both read a date (Gregorian or ROC) with the same field and say the same about it."""

    start_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    start_time = TimeField(_l("Starts"), validators=[Optional()])
    end_on = LocalDateField(_l("End date"), validators=[Optional()])
    end_time = TimeField(_l("Ends"), validators=[Optional()])
    timezone = SelectField(_l("Time zone of the place"), choices=[], validate_choice=False)
    all_day = BooleanField(_l("All day"))

    def validate_timezone(self, field):
        if field.data not in all_zone_names():
            raise ValidationError(_l("Choose a time zone from the list."))

    def validate_start_time(self, field):
        if not self.all_day.data and field.data is None:
            raise ValidationError(_l("Give a start time, or tick 'All day'."))

    def span(self):
        """(start, end) as aware datetimes in the place's zone."""
        zone = self.timezone.data
        if self.all_day.data:
            start = combine(self.start_on.data, None, zone)
            end = combine(self.end_on.data or self.start_on.data, None, zone) + timedelta(days=1)
            return start, end
        start = combine(self.start_on.data, self.start_time.data, zone)
        end_day = self.end_on.data or self.start_on.data
        end = combine(end_day, self.end_time.data, zone) if self.end_time.data else start + timedelta(hours=1)
        return start, end

    def validate_end_time(self, field):
        if self.start_on.data is None or self.timezone.data not in all_zone_names():
            return
        if not self.all_day.data and self.start_time.data is None:
            return
        start, end = self.span()
        require_after(start, end)
        if (end - start).days > 31:
            raise ValidationError(_l("An engagement lasts at most a month."))


class ClashProbeForm(EngagementWhenForm):
    """The live clash check's question (a GET that changes nothing: no CSRF token to carry)."""

    class Meta:
        csrf = False


class EngagementForm(EngagementWhenForm):
    title = LocalizedTextField(_l("Title"))
    kind = SelectField(_l("Kind"), choices=[])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=200)])
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    longitude = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    host = StringField(_l("Host"), validators=[Optional(), Length(max=300)])
    dress_code = StringField(_l("Dress code"), validators=[Optional(), Length(max=200)])
    interpreter = StringField(_l("Interpreter"), validators=[Optional(), Length(max=200)])
    notes = TextAreaField(_l("Notes for participants"), validators=[Optional(), Length(max=20000)])
    travel_minutes = IntegerField(
        _l("Travel time from the previous engagement (minutes)"),
        validators=[Optional(), NumberRange(0, 72 * 60)],
        description=_l("Leave empty to let the schedule estimate it from the places."),
    )
    visibility = SelectField(_l("Visibility"), choices=[])
    status = SelectField(_l("Status"), choices=[])
    leaders = MultiCheckboxField(_l("Leaders"), choices=[], coerce=int)
    contacts = MultiRecordField(
        _l("Contacts"),
        kind="contact",
        validators=[Optional()],
        description=_l("One per line, chosen from the suggestions."),
    )
    officers = MultiCheckboxField(_l("Officers"), choices=[], coerce=int)
    confirm_clashes = BooleanField(_l("I have seen the clashes: save anyway"))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(ENGAGEMENT_KINDS)
        self.visibility.choices = _choices(VISIBILITIES)
        self.status.choices = _choices(ENGAGEMENT_STATUSES)
        self.timezone.choices = zone_choices(self.timezone.data)
        self.leaders.choices = [
            (leader.id, f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
            for leader in active_leaders()
        ]
        self.officers.choices = [(int(v), label) for v, label in officer_choices(blank=False)]


class FeedTokenForm(Form):
    subject = SelectField(_l("Whose schedule"), choices=[], validate_choice=False)
    scope = SelectField(_l("Detail"), choices=[])
    locale = SelectField(_l("Language"), choices=[])
    label = StringField(_l("Label (where you use it)"), validators=[Optional(), Length(max=200)])


class LeaderForm(Form):
    names = LocalizedTextField(_l("Names"))
    title = LocalizedTextField(_l("Title"))
    user_id = SelectField(_l("Their account (or their aide's)"), choices=[], validate_choice=False)
    position = IntegerField(_l("Order"), validators=[Optional(), NumberRange(0, 1000)], default=0)
    color = StringField(
        _l("Colour in the calendar"),
        validators=[Optional(), Length(max=7), Regexp(r"^#[0-9a-fA-F]{6}$")],
        default="#0d6efd",
    )
    active = BooleanField(_l("Active"), default=True)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = [("", "—")] + account_choices()

    def fields(self) -> dict:
        return {
            "names": self.names.localized,
            "title": self.title.localized,
            "user_id": int(self.user_id.data) if (self.user_id.data or "").isdigit() else None,
            "position": self.position.data or 0,
            "color": self.color.data or "#0d6efd",
            "active": self.active.data,
        }


class StayForm(Form):
    """A leader away outside the office's programmes, door to door in the place's local times."""

    leader_id = SelectField(_l("Leader"), choices=[], coerce=int)
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    timezone = SelectField(_l("Time zone of the place"), choices=[], validate_choice=False)
    start_on = LocalDateField(_l("Away from"), validators=[DataRequired()])
    start_time = TimeField(_l("at"), validators=[Optional()])
    end_on = LocalDateField(_l("Until"), validators=[DataRequired()])
    end_time = TimeField(_l("at"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.leader_id.choices = [
            (leader.id, f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
            for leader in active_leaders()
        ]
        self.timezone.choices = zone_choices(self.timezone.data)

    def validate_timezone(self, field):
        if field.data not in all_zone_names():
            raise ValidationError(_l("Choose a time zone from the list."))

    def span(self):
        """(leaves, back) as aware datetimes: departure and return are local times of the place, the way a
        travel plan gives them; without a time, the whole day."""
        zone = self.timezone.data
        start = combine(self.start_on.data, self.start_time.data, zone)
        end = (
            combine(self.end_on.data, self.end_time.data, zone)
            if self.end_time.data
            else combine(self.end_on.data, None, zone) + timedelta(days=1)
        )
        return start, end

    def validate_end_on(self, field):
        if self.start_on.data is None or field.data is None or self.timezone.data not in all_zone_names():
            return
        start, end = self.span()
        require_after(start, end)
        if (end - start).days > 60:
            raise ValidationError(_l("A stay lasts at most two months."))


class AcceptClashForm(Form):
    note = TextAreaField(_l("Why it is accepted"), validators=[DataRequired(), Length(max=1000)])
