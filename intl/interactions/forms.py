from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import Form, LocalDateField, VersionField
from ..core.pickers import resolve
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
        self.other_contact_ids: list[int] = []

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

    def validate_also_contacts(self, field):
        """Each line names one contact (the picker's 'Name [#id]', or a name only one contact has)."""
        ids = []
        for line in (field.data or "").splitlines():
            if line.strip():
                try:
                    ids.append(resolve("contact", line).id)
                except ValidationError as error:
                    raise ValidationError(f"{line.strip()}: {error}") from None
        self.other_contact_ids = ids

    def occurred_at(self, zone: str) -> datetime:
        """The date and time typed, read in the user's zone."""
        text = self.occurred_time.data
        hours, minutes = (int(p) for p in text.split(":")) if text else (0, 0)
        return datetime.combine(self.occurred_on.data, time(hours, minutes), ZoneInfo(zone))

    def fields(self, zone: str) -> dict:
        return {
            "kind": self.kind.data,
            "occurred_at": self.occurred_at(zone),
            "subject": self.subject.data.strip(),
            "text": self.text.data or None,
            "participants_text": self.participants_text.data or None,
        }
