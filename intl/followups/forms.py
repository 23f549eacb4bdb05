from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..auth.queries import officer_choices
from ..core.forms import Form, LocalDateField, VersionField
from .models import FOLLOWUP_STATUSES


def owner_choices():
    return officer_choices()


class FollowUpForm(Form):
    description = StringField(_l("What was agreed"), validators=[DataRequired(), Length(max=2000)])
    owner_id = SelectField(_l("Owner"), choices=[], validate_choice=False)
    due_on = LocalDateField(_l("Due"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_id.choices = owner_choices()

    def validate_owner_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose an owner from the list."))

    @property
    def owner(self) -> int | None:
        return int(self.owner_id.data) if (self.owner_id.data or "").isdigit() else None


class FollowUpEditForm(FollowUpForm):
    status = SelectField(_l("Status"), choices=[])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(k, str(v)) for k, v in FOLLOWUP_STATUSES.items()]
