from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from ..core.forms import Form, LocalDateField, LocalizedTextField, VersionField
from ..core.pickers import RecordPickerField
from .models import GROUP_ROLES


class GroupForm(Form):
    names = LocalizedTextField(_l("Names"))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    version = VersionField()


class MemberForm(Form):
    contact_id = RecordPickerField(_l("Member"), kind="contact")
    role = SelectField(_l("Role"), choices=[])
    organization_id = RecordPickerField(
        _l("Bureau or organization"), kind="organization", validators=[Optional()]
    )
    term_start = LocalDateField(_l("Term starts"), validators=[Optional()])
    term_end = LocalDateField(_l("Term ends"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(k, str(v)) for k, v in GROUP_ROLES.items()]

    def validate_contact_id(self, field):
        if not field.data and not field.errors:
            raise ValidationError(_l("Choose a person from the suggestions."))

    def validate_term_end(self, field):
        if field.data and self.term_start.data and field.data < self.term_start.data:
            raise ValidationError(_l("The end cannot come before the start."))
