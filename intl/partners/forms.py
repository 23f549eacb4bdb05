from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import FloatField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..core.countries import country_choices, default_zone, is_country, zones_for
from ..core.forms import (
    Form,
    LocalDateField,
    LocalizedTextField,
    MultiCheckboxField,
    PartialDateField,
    VersionField,
)
from ..core.i18n import current_locale_code
from ..core.time import is_valid_zone
from .models import AGREEMENT_STATES, AGREEMENT_TYPES, FOCUS_AREAS, OUR_PARTIES, PARTNER_KINDS


def _choices(mapping) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in mapping.items()]


class PartnerForm(Form):
    names = LocalizedTextField(_l("Names"))
    kind = SelectField(_l("Kind"), choices=[])
    country = SelectField(_l("Country"), choices=[], validators=[DataRequired()])
    region = StringField(_l("Region (state, prefecture, province)"), validators=[Optional(), Length(max=200)])
    timezone = SelectField(_l("Time zone"), choices=[], validate_choice=False)
    focus_areas = MultiCheckboxField(_l("Focus areas"), choices=[])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    longitude = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(PARTNER_KINDS)
        self.focus_areas.choices = _choices(FOCUS_AREAS)
        self.country.choices = [("", "—")] + country_choices(current_locale_code())
        self.timezone.choices = [("", "—")] + [(z, z) for z in zones_for(self.country.data)]

    def validate_country(self, field):
        if not is_country(field.data):
            raise ValidationError(_l("Choose a country from the list."))

    def validate_timezone(self, field):
        # A country with one zone needs no choice; elsewhere the zone must be one of the country's.
        if not is_country(self.country.data):
            return  # the country's own message says what to fix first
        if not field.data:
            field.data = default_zone(self.country.data)
            if not field.data:
                raise ValidationError(_l("This country has several time zones: choose one."))
        elif not is_valid_zone(field.data) or field.data not in zones_for(self.country.data):
            raise ValidationError(_l("Choose a time zone from the list."))


class AgreementForm(Form):
    agreement_type = SelectField(_l("Type"), choices=[])
    our_party = SelectField(_l("Party on our side"), choices=[])
    our_party_detail = StringField(
        _l("Which district, office or body"), validators=[Optional(), Length(max=200)]
    )
    title = StringField(_l("Title"), validators=[Optional(), Length(max=300)])
    signed_on = PartialDateField(
        _l("Signed on"),
        validators=[Optional()],
        description=_l("The day, or the month or year alone when that is all that is known (1962, 1974-07)."),
    )
    signatory_ours = StringField(_l("Our signatory"), validators=[Optional(), Length(max=300)])
    signatory_theirs = StringField(_l("Their signatory"), validators=[Optional(), Length(max=300)])
    place = StringField(_l("Place of signing"), validators=[Optional(), Length(max=300)])
    council_approved_on = LocalDateField(_l("Council approval"), validators=[Optional()])
    term_years = IntegerField(_l("Term (years)"), validators=[Optional(), NumberRange(1, 100)])
    renewal_on = LocalDateField(_l("Renewal due"), validators=[Optional()])
    superseded_by_id = SelectField(_l("Superseded by"), choices=[])
    state = SelectField(_l("State"), choices=[], default="in_force")
    state_since = LocalDateField(_l("In this state since"), validators=[Optional()])
    source = StringField(
        _l("Source"),
        validators=[Optional(), Length(max=300)],
        description=_l("Where the fact comes from: a council resolution, a register, a file."),
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    document = FileField(_l("Document (PDF or image)"))
    version = VersionField()

    def __init__(self, *args, superseding_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement_type.choices = _choices(AGREEMENT_TYPES)
        self.our_party.choices = _choices(OUR_PARTIES)
        self.state.choices = _choices(AGREEMENT_STATES)
        self.superseded_by_id.choices = [("", "—")] + [
            (str(key), label) for key, label in superseding_choices
        ]
        if self.superseded_by_id.data is None:
            self.superseded_by_id.data = ""
        elif not isinstance(self.superseded_by_id.data, str):
            self.superseded_by_id.data = str(self.superseded_by_id.data)

    @property
    def superseded_by(self) -> int | None:
        return int(self.superseded_by_id.data) if self.superseded_by_id.data else None

    def validate_state_since(self, field):
        if field.data and self.state.data == "in_force":
            raise ValidationError(
                _l("An agreement in force has no end: leave this empty or change its state.")
            )

    def validate_state(self, field):
        if self.superseded_by_id.data and field.data == "in_force":
            raise ValidationError(
                _l("An agreement superseded by another is not in force: choose 'Superseded'.")
            )

    def validate_renewal_on(self, field):
        if field.data and self.signed_on.data and field.data < self.signed_on.data:
            raise ValidationError(_l("The renewal cannot come before the signing."))
