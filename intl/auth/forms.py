from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..core.forms import Form, VersionField
from .models import DATE_STYLES


class SignInForm(Form):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)])
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))],
    )


DATE_STYLE_LABELS = {
    "gregorian": _l("Gregorian (2026-11-27)"),
    "roc": _l("ROC (民國115年11月27日)"),
    "buddhist": _l("Buddhist era, in Thai (27 พ.ย. 2569)"),
}


class ProfileForm(Form):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=200)])
    locale = SelectField(_l("Language"), choices=[])
    date_style = SelectField(
        lazy_pgettext("user setting", "Dates"), choices=[(s, DATE_STYLE_LABELS[s]) for s in DATE_STYLES]
    )
    timezone = SelectField(_l("Time zone"), choices=[])
    version = VersionField()
