from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..core.access import ROLE_LABELS
from ..core.forms import Form, LocalDateField, VersionField


def role_choices():
    return [(key, str(label)) for key, label in ROLE_LABELS.items()]


class NewUserForm(Form):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=80)])
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=role_choices)
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(max=200)])


class EditUserForm(Form):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=role_choices)
    active = BooleanField(_l("Active (may sign in)"))
    new_password = PasswordField(
        _l("Set a new password (leave empty to keep)"), validators=[Optional(), Length(max=200)]
    )
    version = VersionField()


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    kind = SelectField(_l("Record kind"), choices=[], validate_choice=False)
    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    user = SelectField(_l("User"), choices=[], validate_choice=False)
    since = LocalDateField(_l("From"), validators=[Optional()])
    until = LocalDateField(_l("Until"), validators=[Optional()])
