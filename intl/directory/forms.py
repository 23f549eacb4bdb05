"""The directory's sign-in form (LDAP / Active Directory name and password)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..core.forms import Form


class DirectorySignInForm(Form):
    username = StringField(_l("Directory user name"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
