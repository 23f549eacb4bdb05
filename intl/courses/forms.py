from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, NumberRange, Optional, ValidationError

from ..auth.models import User
from ..auth.queries import officer_choices
from ..contacts.forms import spoken_language_choices
from ..core.collation import sort_key
from ..core.db import db
from ..core.forms import Form, LocalizedTextField, VersionField
from ..core.i18n import current_locale_code
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from ..events.forms import TimedForm, choices
from ..organizations.models import Organization
from .models import COURSE_STATUSES, COURSE_TOPICS


class CourseForm(Form):
    title = LocalizedTextField(_l("Title"))
    topic = SelectField(_l("Topic"), choices=[])
    language = SelectField(_l("Language of instruction"), choices=[], validate_choice=False)
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    capacity = IntegerField(_l("Places"), validators=[Optional(), NumberRange(1, 10_000)])
    organizer_id = SelectField(_l("Organizer"), choices=[], validate_choice=False)
    status = SelectField(_l("Status"), choices=[])
    # A course has no date of its own: it counts in the year of its first session.
    plan_item_id = PlanItemField(_l("Plan item"), date_field=None)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = choices(COURSE_TOPICS)
        self.status.choices = choices(COURSE_STATUSES)
        self.language.choices = [("", "—"), *spoken_language_choices()]
        self.organizer_id.choices = officer_choices()

    def validate_language(self, field):
        if field.data and field.data not in {code for code, _name in self.language.choices}:
            raise ValidationError(_l("Choose a language from the list."))

    def validate_organizer_id(self, field):
        if field.data and field.data not in {value for value, _label in self.organizer_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def fields(self) -> dict:
        return {
            "title": self.title.localized,
            "topic": self.topic.data,
            "language": self.language.data or None,
            "description": (self.description.data or "").strip() or None,
            "capacity": self.capacity.data,
            "organizer_id": int(self.organizer_id.data) if self.organizer_id.data else None,
            "status": self.status.data,
            "plan_item_id": self.plan_item_id.data,
            "notes": (self.notes.data or "").strip() or None,
        }


class CourseSessionForm(TimedForm):
    title = LocalizedTextField(_l("Title of the session (optional)"), required=False, extra_rows=1)
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    trainer_id = RecordPickerField(_l("Trainer"), kind="contact")
    trainer_name = StringField(
        _l("Trainer (not in contacts)"),
        validators=[Optional(), Length(max=200)],
        description=_l("For a colleague or a trainer the office does not keep as a contact."),
    )
    version = VersionField()

    def fields(self) -> dict:
        start, end = self.span()
        return {
            "title": self.title.localized,
            "start_dt": start,
            "end_dt": end,
            "timezone": self.timezone.data,
            "venue": (self.venue.data or "").strip() or None,
            "trainer_id": self.trainer_id.data,
            "trainer_name": (self.trainer_name.data or "").strip() or None,
        }


def bureau_choices() -> list[tuple[str, str]]:
    locale = current_locale_code()
    bureaus = db.session.scalars(
        select(Organization).where(Organization.kind == "city_bureau", Organization.archived_at.is_(None))
    )
    return [("", "—")] + sorted(
        ((str(b.id), b.names.get_for(locale)) for b in bureaus), key=lambda c: sort_key(c[1], locale)
    )


def staff_account_choices() -> list[tuple[str, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name))
    return [("", "—")] + [(str(u.id), u.display_name) for u in users]


class EnrolmentForm(Form):
    user_id = SelectField(_l("Staff account"), choices=[], validate_choice=False)
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=200)],
        description=_l("For colleagues without an account; leave empty when you chose an account."),
    )
    bureau_id = SelectField(_l("Bureau"), choices=[], validate_choice=False)
    email = StringField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = staff_account_choices()
        self.bureau_id.choices = bureau_choices()

    def validate_user_id(self, field):
        if field.data and field.data not in {value for value, _label in self.user_id.choices}:
            raise ValidationError(_l("Choose an account from the list."))
        if not field.data and not (self.name.data or "").strip():
            raise ValidationError(_l("Choose an account or give a name."))

    def validate_bureau_id(self, field):
        if field.data and field.data not in {value for value, _label in self.bureau_id.choices}:
            raise ValidationError(_l("Choose a bureau from the list."))

    def fields(self) -> dict:
        user = db.session.get(User, int(self.user_id.data)) if self.user_id.data else None
        return {
            "user_id": user.id if user else None,
            "name": (self.name.data or "").strip() or (user.display_name if user else ""),
            "bureau_id": int(self.bureau_id.data) if self.bureau_id.data else None,
            "email": (self.email.data or "").strip() or (user.email if user else None),
        }
