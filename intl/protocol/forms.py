"""The protocol desk's forms: the ranking table, an occasion's settings, a participant's rank and side, the
reception decided, a partner's flag, a seat."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import Form, LocalDateField, LocalizedTextField, VersionField
from ..core.i18n import LANGUAGE_NAMES
from ..core.pickers import RecordPickerField
from .models import (
    FLAG_CHOICES,
    FLAG_RULES,
    LONG_STYLES,
    RECEPTION_LEVELS,
    ROLES,
    SIDES,
    TABLE_SHAPES,
    TIE_BREAKS,
)


def _choices(mapping, blank: str | None = None) -> list[tuple[str, str]]:
    items = [(k, str(v)) for k, v in mapping.items()]
    return ([("", blank)] if blank is not None else []) + items


class RankForm(Form):
    label = LocalizedTextField(_l("Name of the rank"))
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    level = IntegerField(
        _l("Level (smaller is more senior)"), validators=[InputRequired(), NumberRange(0, 9999)]
    )
    keywords = TextAreaField(
        _l("Titles that give this rank, one per line, in any language"),
        validators=[Optional(), Length(max=5000)],
    )
    reception = SelectField(_l("Received by"), choices=[], validators=[Optional()])
    active = BooleanField(_l("In use"), default=True)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reception.choices = _choices(RECEPTION_LEVELS, "—")

    @property
    def keyword_list(self) -> list[str]:
        return list(
            dict.fromkeys(line.strip() for line in (self.keywords.data or "").splitlines() if line.strip())
        )


class OccasionForm(Form):
    tie_break = SelectField(_l("Equal ranks are ordered by"), choices=[])
    host_locale = SelectField(_l("Host's language"), choices=[])
    table_shape = SelectField(_l("Tables"), choices=[])
    long_style = SelectField(_l("Long-table arrangement"), choices=[])
    table_count = IntegerField(_l("Number of tables"), validators=[InputRequired(), NumberRange(1, 200)])
    seats_per_table = IntegerField(_l("Seats per table"), validators=[InputRequired(), NumberRange(2, 40)])
    co_host = BooleanField(_l("A co-host sits opposite the host"))
    flag_rule = SelectField(_l("Flags"), choices=[])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tie_break.choices = _choices(TIE_BREAKS)
        self.host_locale.choices = list(LANGUAGE_NAMES.items())
        self.table_shape.choices = _choices(TABLE_SHAPES)
        self.long_style.choices = _choices(LONG_STYLES)
        self.flag_rule.choices = _choices(FLAG_RULES)


class ParticipantForm(Form):
    side = SelectField(_l("Side"), choices=[])
    role = SelectField(_l("Role"), choices=[])
    rank_id = SelectField(_l("Rank"), choices=[], validators=[Optional()])
    adjustment = IntegerField(
        _l("Adjustment (levels; minus ranks higher)"),
        default=0,
        validators=[Optional(), NumberRange(-500, 500)],
    )
    adjustment_reason = StringField(_l("Reason for the adjustment"), validators=[Optional(), Length(max=300)])
    took_office_on = LocalDateField(_l("Took office (or presented credentials) on"), validators=[Optional()])
    partner_id = RecordPickerField(_l("Partner (country and tie)"), kind="partner")
    interprets_for_id = SelectField(_l("Interprets for"), choices=[], validators=[Optional()])

    def __init__(self, *args, ranks=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.side.choices = _choices(SIDES)
        self.role.choices = _choices(ROLES)
        self.rank_id.choices = [("", str(_l("From the title")))] + [(str(r.id), label) for r, label in ranks]
        self.interprets_for_id.choices = [("", "—")] + [(str(i), label) for i, label in others]

    def validate_adjustment(self, field):
        if (field.data or 0) != 0 and not (self.adjustment_reason.data or "").strip():
            raise ValidationError(_l("Say why the rank is adjusted."))


class AddParticipantForm(Form):
    contact_id = RecordPickerField(_l("Person"), kind="contact")
    side = SelectField(_l("Side"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.side.choices = _choices(SIDES)

    def validate_contact_id(self, field):
        if not field.data and not field.errors:
            raise ValidationError(_l("Choose a person from the suggestions."))


class SeatForm(Form):
    participant_id = IntegerField(validators=[InputRequired()])
    table = IntegerField(validators=[Optional()])
    seat = IntegerField(validators=[Optional()])


class ReceptionForm(Form):
    decided_level = SelectField(_l("Received by"), choices=[])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=5000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decided_level.choices = _choices(RECEPTION_LEVELS)


class FlagChoiceForm(Form):
    choice = SelectField(_l("Flag"), choices=[])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice.choices = _choices(FLAG_CHOICES)


class GiftCheckForm(Form):
    class Meta:
        csrf = False  # a question (GET), not a change

    description = StringField(_l("Gift"), validators=[Optional(), Length(max=500)])
    stock_item = SelectField(_l("From the gift store"), choices=[], validators=[Optional()])
