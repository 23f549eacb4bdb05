from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..auth.queries import officer_choices
from ..contacts.forms import spoken_language_choices
from ..core.countries import is_country
from ..core.datetimes import TimeField, combine, require_after
from ..core.forms import Form, LocalDateField, LocalizedTextField, MultiCheckboxField, VersionField
from ..core.i18n import LANGUAGE_NAMES
from ..core.multipick import MultiRecordField
from ..core.plan_links import PlanItemField
from ..core.time import all_zone_names, office_zone_name
from ..schedule.forms import zone_choices
from ..schedule.leaders import active_leaders
from .models import (
    AUDIENCES,
    EVENT_KINDS,
    EVENT_STATUSES,
    EVENT_VISIBILITIES,
    REGISTRATION_MODES,
    REGISTRATION_STATUSES,
)

MAX_SPAN_DAYS = 31


def choices(mapping):
    return [(k, str(v)) for k, v in mapping.items()]


def leader_choices():
    return [
        (leader.id, f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
        for leader in active_leaders()
    ]


class TimedForm(Form):
    """A start and an end typed in the place's own time zone (events, lectures, sessions)."""

    start_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    start_time = TimeField(_l("Starts"), validators=[InputRequired()])
    end_on = LocalDateField(_l("End date"), validators=[Optional()])
    end_time = TimeField(_l("Ends"), validators=[InputRequired()])
    timezone = SelectField(_l("Time zone of the place"), choices=[], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices(self.timezone.data or office_zone_name())
        if not self.timezone.data:
            self.timezone.data = office_zone_name()

    def validate_timezone(self, field):
        if field.data not in all_zone_names():
            raise ValidationError(_l("Choose a time zone from the list."))

    def span(self):
        """(start, end) as aware datetimes in the place's zone."""
        zone = self.timezone.data
        start = combine(self.start_on.data, self.start_time.data, zone)
        end = combine(self.end_on.data or self.start_on.data, self.end_time.data, zone)
        return start, end

    def validate_end_time(self, field):
        if None in (self.start_on.data, self.start_time.data, field.data):
            return
        if self.timezone.data not in all_zone_names():
            return
        start, end = self.span()
        require_after(start, end)
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValidationError(_l("It lasts at most a month."))

    def load_span(self, start_dt, end_dt, zone: str) -> None:
        start, end = start_dt.astimezone(ZoneInfo(zone)), end_dt.astimezone(ZoneInfo(zone))
        self.start_on.data, self.start_time.data = start.date(), start.time()
        self.end_on.data = end.date() if end.date() != start.date() else None
        self.end_time.data = end.time()
        self.timezone.data = zone


class EventForm(TimedForm):
    title = LocalizedTextField(_l("Title"))
    kind = SelectField(_l("Kind"), choices=[])
    audiences = MultiCheckboxField(_l("Audience"), choices=[])
    description = LocalizedTextField(_l("Description for guests"), required=False, extra_rows=1)
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    capacity = IntegerField(
        _l("Capacity"),
        validators=[Optional(), NumberRange(1, 100_000)],
        description=_l("Leave empty for no limit. Guests beyond it are put on the waitlist."),
    )
    languages = MultiCheckboxField(_l("Languages"), choices=[])
    registration_mode = SelectField(_l("Registration"), choices=[])
    registration_open = BooleanField(_l("Registration is open"), default=True)
    visibility = SelectField(_l("Visibility"), choices=[])
    status = SelectField(_l("Status"), choices=[])
    lead_officer_id = SelectField(_l("Lead officer"), choices=[], validate_choice=False)
    host_leaders = MultiCheckboxField(_l("Hosting leaders"), choices=[], coerce=int)
    staff = MultiCheckboxField(_l("Staff on duty"), choices=[], coerce=int)
    budget = IntegerField(_l("Budget (NT$)"), validators=[Optional(), NumberRange(0, 10**10)])
    actual_cost = IntegerField(_l("Actual cost (NT$)"), validators=[Optional(), NumberRange(0, 10**10)])
    plan_item_id = PlanItemField(_l("Plan item"), date_field="start_on")
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(EVENT_KINDS)
        self.audiences.choices = choices(AUDIENCES)
        self.languages.choices = spoken_language_choices()
        self.registration_mode.choices = choices(REGISTRATION_MODES)
        self.visibility.choices = choices(EVENT_VISIBILITIES)
        self.status.choices = choices(EVENT_STATUSES)
        self.lead_officer_id.choices = officer_choices()
        self.host_leaders.choices = leader_choices()
        self.staff.choices = [(int(v), label) for v, label in officer_choices(blank=False)]

    def validate_lead_officer_id(self, field):
        if field.data and field.data not in {value for value, _label in self.lead_officer_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def fields(self) -> dict:
        start, end = self.span()
        return {
            "title": self.title.localized,
            "kind": self.kind.data,
            "audiences": self.audiences.data or [],
            "description": self.description.localized,
            "start_dt": start,
            "end_dt": end,
            "timezone": self.timezone.data,
            "venue": (self.venue.data or "").strip() or None,
            "address": (self.address.data or "").strip() or None,
            "capacity": self.capacity.data,
            "languages": self.languages.data or [],
            "registration_mode": self.registration_mode.data,
            "registration_open": bool(self.registration_open.data),
            "visibility": self.visibility.data,
            "status": self.status.data,
            "lead_officer_id": int(self.lead_officer_id.data) if self.lead_officer_id.data else None,
            "host_leader_ids": sorted(self.host_leaders.data or []),
            "staff_user_ids": sorted(self.staff.data or []),
            "budget": self.budget.data,
            "actual_cost": self.actual_cost.data,
            "plan_item_id": self.plan_item_id.data,
            "notes": (self.notes.data or "").strip() or None,
        }


SESSION_STATUSES = {"tentative": _l("Tentative"), "confirmed": _l("Confirmed")}


class SessionForm(TimedForm):
    """One item of an event's programme (an engagement on the schedule)."""

    title = LocalizedTextField(_l("Title"))
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=500)])
    visibility = SelectField(_l("Visibility"), choices=[])
    status = SelectField(_l("Status"), choices=[])
    leaders = MultiCheckboxField(_l("Leaders"), choices=[], coerce=int)
    officers = MultiCheckboxField(_l("Officers"), choices=[], coerce=int)
    contacts = MultiRecordField(
        _l("Speakers and guests of honour"),
        kind="contact",
        validators=[Optional()],
        description=_l("One per line, chosen from the suggestions."),
    )
    notes = TextAreaField(_l("Notes for participants"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.visibility.choices = choices(EVENT_VISIBILITIES)
        self.status.choices = choices(SESSION_STATUSES)
        self.leaders.choices = leader_choices()
        self.officers.choices = [(int(v), label) for v, label in officer_choices(blank=False)]

    def fields(self) -> dict:
        start, end = self.span()
        return {
            "title": self.title.localized,
            "start_dt": start,
            "end_dt": end,
            "timezone": self.timezone.data,
            "venue": (self.venue.data or "").strip() or None,
            "address": (self.address.data or "").strip() or None,
            "visibility": self.visibility.data,
            "status": self.status.data,
            "notes": (self.notes.data or "").strip() or None,
        }

    def participants(self) -> dict[str, list[int]]:
        return {
            "leader": self.leaders.data or [],
            "user": self.officers.data or [],
            "contact": self.contacts.ids,
        }


class GuestDetailsForm(Form):
    """What a guest (or the office for them) tells us about themselves."""

    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    alt_name = StringField(
        _l("Name in another script (optional)"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example your name in Chinese characters, or in Latin letters."),
    )
    email = StringField(
        _l("E-mail"), validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=50)])
    organization = StringField(
        _l("Organization or school (optional)"), validators=[Optional(), Length(max=300)]
    )
    country = StringField(_l("Country or region (optional)"), validators=[Optional(), Length(max=2)])
    needs_notes = TextAreaField(
        _l("Dietary or access needs (optional)"),
        validators=[Optional(), Length(max=1000)],
        description=_l("For example vegetarian, halal, no beef, wheelchair access."),
    )

    def validate_country(self, field):
        if field.data and not is_country(field.data.upper()):
            raise ValidationError(_l("Choose a country from the list."))

    def details(self) -> dict:
        def text(field):
            return (field.data or "").strip() or None

        return {
            "name": self.name.data.strip(),
            "alt_name": text(self.alt_name),
            "email": text(self.email),
            "phone": text(self.phone),
            "organization": text(self.organization),
            "country": (self.country.data or "").upper() or None,
            "needs_notes": text(self.needs_notes),
        }


class PublicRegistrationForm(GuestDetailsForm):
    consent = BooleanField(
        _l("I agree that the office uses these details as the privacy notice above describes."),
        validators=[DataRequired(_l("Registration needs your consent to the use of your details."))],
    )


class GuestAnswerForm(Form):
    """An invited guest accepts or declines; a registered guest cancels. The action is the button pressed."""

    consent = BooleanField(
        _l("I agree that the office uses my details as the privacy notice above describes.")
    )


class OfficerRegistrationForm(GuestDetailsForm):
    status = SelectField(_l("Status"), choices=[])
    locale = SelectField(_l("Language of the guest's e-mails"), choices=[])
    send_email = BooleanField(
        _l("Send the confirmation e-mail"),
        default=True,
        description=_l(
            "To a registered or waitlisted guest with an e-mail address, in the language they read."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email.validators = [Optional(), Email(check_deliverability=False), Length(max=254)]
        self.email.flags.required = False
        self.status.choices = [("", _l("Registered, or waitlisted when full"))] + [
            (k, str(v)) for k, v in REGISTRATION_STATUSES.items() if k in ("invited", "waitlisted")
        ]
        self.locale.choices = [
            (code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]
        ]
        if not self.locale.data:
            self.locale.data = current_app.config["BABEL_DEFAULT_LOCALE"]

    def details(self) -> dict:
        return {**super().details(), "locale": self.locale.data}


class WalkInForm(Form):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    organization = StringField(_l("Organization or school"), validators=[Optional(), Length(max=300)])
