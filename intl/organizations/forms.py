from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import Email, Length, Optional, ValidationError

from ..core.countries import country_choices, is_country
from ..core.forms import Form, LocalizedTextField, VersionField
from ..core.i18n import current_locale_code
from ..core.pickers import RecordPickerField
from .models import ORGANIZATION_KINDS


class OrganizationForm(Form):
    names = LocalizedTextField(_l("Names"))
    kind = SelectField(_l("Kind"), choices=[])
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    parent_id = RecordPickerField(_l("Parent organization"), kind="organization", validators=[Optional()])
    partner_id = RecordPickerField(_l("Partner city"), kind="partner", validators=[Optional()])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=500)])
    email = EmailField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=100)])
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=2000)])
    tags = StringField(
        _l("Tags"), validators=[Optional(), Length(max=1000)], description=_l("Separate tags with commas.")
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k, str(v)) for k, v in ORGANIZATION_KINDS.items()]
        self.country.choices = [("", "—")] + country_choices(current_locale_code())

    def validate_country(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(_l("Choose a country from the list."))

    def validate_website(self, field):
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError(_l("A web address starts with http:// or https://."))
