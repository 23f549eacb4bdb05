from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import Form, LocalDateField, VersionField
from .models import INTERACTION_KINDS


class InteractionForm(Form):
    kind = SelectField(_l("Kind"), choices=[])
    occurred_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    occurred_time = StringField(_l("Time (optional)"), validators=[Optional(), Length(max=5)])
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=300)])
    text = TextAreaField(_l("Text"), validators=[Optional(), Length(max=50000)])
    participants_text = StringField(_l("Other participants"), validators=[Optional(), Length(max=1000)])
    also_contacts = TextAreaField(
        _l("Also concerns these contacts"),
        validators=[Optional(), Length(max=5000)],
        description=_l("One per line, chosen from the suggestions (Name [#id])."),
        render_kw={"data-picker": "contact", "data-picker-multi": "1", "rows": 2},
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k, str(v)) for k, v in INTERACTION_KINDS.items()]

    def validate_occurred_time(self, field):
        text = (field.data or "").strip()
        if not text:
            return
        parts = text.split(":")
        if (
            len(parts) != 2
            or not all(p.isdigit() for p in parts)
            or not (0 <= int(parts[0]) < 24 and 0 <= int(parts[1]) < 60)
        ):
            raise ValidationError(_l("Enter a time such as 14:30."))
