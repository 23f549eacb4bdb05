from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import Form, LocalDateField
from .models import CLOSURE_KINDS
from .queries import office_day_on


class OfficeDayForm(Form):
    day = LocalDateField(_l("Date"), validators=[DataRequired()])
    kind = SelectField(_l("Kind"), choices=[])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k, str(v)) for k, v in CLOSURE_KINDS.items()]

    def validate_day(self, field):
        if field.data is not None and office_day_on(field.data) is not None:
            raise ValidationError(_l("This day is already in the office's calendar."))
