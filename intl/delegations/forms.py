from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..auth.queries import officer_choices
from ..core.datetimes import TimeField
from ..core.forms import Form, LocalDateField, LocalizedTextField, MultiCheckboxField, VersionField
from ..core.multipick import MultiRecordField
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from .models import CATEGORIES, DELEGATION_STATUSES, DIRECTIONS, MEMBER_ROLES


def _choices(mapping):
    return [(k, str(v)) for k, v in mapping.items()]


class DelegationForm(Form):
    title = LocalizedTextField(_l("Title"))
    direction = SelectField(_l("Direction"), choices=[])
    partners = MultiRecordField(
        _l("Partners"),
        kind="partner",
        validators=[Optional()],
        description=_l("One per line, chosen from the suggestions."),
    )
    purpose = TextAreaField(_l("Purpose"), validators=[Optional(), Length(max=5000)])
    categories = MultiCheckboxField(_l("Categories"), choices=[])
    start_on = LocalDateField(_l("From"), validators=[DataRequired()])
    end_on = LocalDateField(_l("Until"), validators=[DataRequired()])
    status = SelectField(_l("Status"), choices=[])
    lead_officer_id = SelectField(_l("Lead officer"), choices=[], validate_choice=False)
    budget = IntegerField(_l("Budget (NT$)"), validators=[Optional(), NumberRange(0, 10**10)])
    actual_cost = IntegerField(_l("Actual cost (NT$)"), validators=[Optional(), NumberRange(0, 10**10)])
    emergency_contacts = TextAreaField(
        _l("Emergency contacts"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Printed on the itinerary: the officer on duty, hotel, hospital."),
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    plan_item_id = PlanItemField(_l("Plan item"), date_field="start_on")
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction.choices = _choices(DIRECTIONS)
        self.categories.choices = _choices(CATEGORIES)
        self.status.choices = _choices(DELEGATION_STATUSES)
        self.lead_officer_id.choices = officer_choices()

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end cannot come before the start."))
        if field.data and self.start_on.data and (field.data - self.start_on.data).days > 366:
            raise ValidationError(_l("A visit lasts at most a year."))

    def validate_lead_officer_id(self, field):
        if field.data and field.data not in {value for value, _label in self.lead_officer_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    @property
    def lead_officer(self) -> int | None:
        return int(self.lead_officer_id.data) if self.lead_officer_id.data else None


class MemberForm(Form):
    contact_id = RecordPickerField(_l("Person"), kind="contact")
    role = SelectField(_l("Role"), choices=[])
    arrival_flight = StringField(_l("Arrival flight"), validators=[Optional(), Length(max=50)])
    arrival_on = LocalDateField(_l("Arrival date"), validators=[Optional()])
    arrival_time = TimeField(_l("Arrival time"), validators=[Optional()])
    departure_flight = StringField(_l("Departure flight"), validators=[Optional(), Length(max=50)])
    departure_on = LocalDateField(_l("Departure date"), validators=[Optional()])
    departure_time = TimeField(_l("Departure time"), validators=[Optional()])
    hotel = StringField(_l("Hotel"), validators=[Optional(), Length(max=300)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _choices(MEMBER_ROLES)

    def validate_contact_id(self, field):
        if not field.data and not field.errors:
            raise ValidationError(_l("Choose a person from the suggestions."))


class OutcomeForm(Form):
    outcome = TextAreaField(_l("Outcome: what was agreed"), validators=[Optional(), Length(max=50000)])
    actual_cost = IntegerField(_l("Actual cost (NT$)"), validators=[Optional(), NumberRange(0, 10**10)])
    version = VersionField()


class AttachmentForm(Form):
    file = FileField(_l("Photo or signed document (PDF, JPEG, PNG)"))
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=300)])

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a file to upload."))


class CopyForm(Form):
    start_on = LocalDateField(_l("The new programme starts on"), validators=[DataRequired()])
