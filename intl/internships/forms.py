from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    FloatField,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..auth.models import User
from ..contacts.forms import spoken_language_choices
from ..core.access import STAFF, in_roles
from ..core.countries import country_choices, is_country
from ..core.datetimes import TimeField
from ..core.db import db
from ..core.forms import Form, LocalDateField, LocalizedTextField, MultiCheckboxField, VersionField
from ..core.i18n import current_locale_code
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from ..schedule.leaders import active_leaders
from .access import INTERNS
from .models import LANGUAGE_LEVELS, PROGRAMME_KINDS, STUDY_LEVELS, TERMS
from .placement_models import EVALUATION_CRITERIA, PLACEMENT_STATUSES, QUARTER_HOUR, RATINGS


def _choices(mapping, blank: bool = False):
    items = [(str(k), str(v)) for k, v in mapping.items()]
    return [("", "—")] + items if blank else items


def user_choices(roles: frozenset[str], blank: bool = True):
    """Active accounts of these roles (a named role set), for a <select>."""
    users = db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(roles)).order_by(User.display_name)
    )
    return ([("", "—")] if blank else []) + [(str(u.id), f"{u.display_name} ({u.username})") for u in users]


def _user_id(value) -> int | None:
    return int(value) if (value or "").isdigit() else None


class OptionalSelectField(SelectField):
    """A <select> whose blank choice may also be left out of the request altogether."""

    def pre_validate(self, form):
        if self.data in (None, ""):
            self.data = ""
            return
        super().pre_validate(form)


class _Dates:
    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end cannot come before the start."))


class ProgrammeForm(_Dates, Form):
    title = LocalizedTextField(_l("Title"))
    kind = SelectField(_l("Kind"), choices=[])
    term = SelectField(_l("Term"), choices=[])
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(2000, 2200)])
    start_on = LocalDateField(_l("From"), validators=[DataRequired()])
    end_on = LocalDateField(_l("Until"), validators=[DataRequired()])
    apply_by = LocalDateField(_l("Applications close"), validators=[Optional()])
    coordinator_id = OptionalSelectField(_l("Coordinator"), choices=[], default="")
    plan_item_id = PlanItemField(_l("Plan item"), date_field="start_on")
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(PROGRAMME_KINDS)
        self.term.choices = _choices(TERMS)
        self.coordinator_id.choices = user_choices(STAFF)

    def fields(self) -> dict:
        return {
            "title": self.title.localized,
            "kind": self.kind.data,
            "term": self.term.data,
            "year": self.year.data,
            "start_on": self.start_on.data,
            "end_on": self.end_on.data,
            "apply_by": self.apply_by.data,
            "coordinator_id": _user_id(self.coordinator_id.data),
            "plan_item_id": self.plan_item_id.data,
            "description": self.description.data or None,
        }


class PositionForm(Form):
    title = LocalizedTextField(_l("Title"))
    host_organization_id = RecordPickerField(
        _l("Host bureau"),
        kind="organization",
        validators=[Optional()],
        description=_l("A bureau of the city government, chosen from the suggestions."),
    )
    host_unit = StringField(_l("Division or section"), validators=[Optional(), Length(max=300)])
    supervisor_id = OptionalSelectField(_l("Supervisor"), choices=[], default="")
    languages = MultiCheckboxField(_l("Languages wanted"), choices=[])
    places = IntegerField(_l("Places"), validators=[DataRequired(), NumberRange(1, 500)], default=1)
    description = TextAreaField(_l("What the intern will do"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.supervisor_id.choices = user_choices(STAFF)
        self.languages.choices = spoken_language_choices()

    def fields(self) -> dict:
        return {
            "title": self.title.localized,
            "host_organization_id": self.host_organization_id.data,
            "host_unit": self.host_unit.data or None,
            "supervisor_id": _user_id(self.supervisor_id.data),
            "languages": self.languages.data or [],
            "places": self.places.data,
            "description": self.description.data or None,
        }


class LanguageEntry(Form):
    class Meta:
        csrf = False

    language = OptionalSelectField(_l("Language"), choices=[], default="", validators=[Optional()])
    level = OptionalSelectField(_l("Level"), choices=[], default="", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [("", "—")] + spoken_language_choices()
        self.level.choices = _choices(LANGUAGE_LEVELS, blank=True)


class ApplicationForm(Form):
    position_id = OptionalSelectField(_l("Position applied for"), choices=[], default="")
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    latin_name = StringField(_l("Name in Latin letters"), validators=[Optional(), Length(max=200)])
    email = StringField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    nationality = OptionalSelectField(_l("Nationality"), choices=[], default="", validators=[Optional()])
    school = StringField(_l("School"), validators=[Optional(), Length(max=300)])
    department = StringField(_l("Department"), validators=[Optional(), Length(max=300)])
    study_level = OptionalSelectField(_l("Level of study"), choices=[], default="", validators=[Optional()])
    study_year = IntegerField(_l("Year of study"), validators=[Optional(), NumberRange(1, 10)])
    languages = FieldList(FormField(LanguageEntry), min_entries=3)
    cv = FileField(_l("CV (PDF or image)"))
    transcript = FileField(_l("Transcript (PDF or image)"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        locale = current_locale_code()
        self.position_id.choices = [("", "—")] + [(str(p.id), p.title.get_for(locale)) for p in positions]
        self.nationality.choices = [("", "—")] + country_choices(locale)
        self.study_level.choices = _choices(STUDY_LEVELS, blank=True)

    def validate_nationality(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(_l("Choose a country from the list."))

    def validate_languages(self, field):
        seen = set()
        for entry in field.entries:
            code, level = entry.form.language.data, entry.form.level.data
            if level and not code:
                raise ValidationError(_l("Choose the language of each level."))
            if code and code in seen:
                raise ValidationError(_l("Give each language only once."))
            seen.add(code)

    def language_pairs(self) -> list[list[str]]:
        return [
            [entry.form.language.data, entry.form.level.data or ""]
            for entry in self.languages.entries
            if entry.form.language.data
        ]

    def fields(self) -> dict:
        return {**self.student_fields(), "notes": self.notes.data or None}

    def student_fields(self) -> dict:
        """What the student tells about themselves (all but the office's own notes)."""
        return {
            "position_id": _user_id(self.position_id.data),
            "name": self.name.data.strip(),
            "latin_name": (self.latin_name.data or "").strip() or None,
            "email": self.email.data or None,
            "phone": self.phone.data or None,
            "nationality": self.nationality.data or None,
            "school": self.school.data or None,
            "department": self.department.data or None,
            "study_level": self.study_level.data or None,
            "study_year": self.study_year.data,
            "languages": self.language_pairs(),
        }


class PublicApplicationForm(ApplicationForm):
    """The form a student fills in through a programme's public link: the officers' application form without
    the office's notes, with the e-mail (the office answers there), the school and the CV required, the
    position required when the programme has positions, and consent to the use of their data."""

    notes = None
    version = None
    consent = BooleanField(
        _l("I agree that the office uses these details as the privacy notice above describes."),
        validators=[DataRequired(_l("The office can consider your application only with your consent."))],
    )

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, positions=positions, **kwargs)
        self.has_positions = bool(positions)
        self.name.label.text = _l("Full name")
        self.email.validators = [
            DataRequired(_l("Give your e-mail address: the office answers there.")),
            Email(check_deliverability=False),
            Length(max=254),
        ]
        self.email.flags.required = True
        self.school.validators = [DataRequired(), Length(max=300)]
        self.school.flags.required = True
        mb = current_app.config["MAX_DOCUMENT_BYTES"] // (1024 * 1024)
        self.cv.description = _l("A PDF or an image (JPEG, PNG) of at most %(mb)s MB.", mb=mb)
        self.transcript.description = _l(
            "Optional: a PDF or an image (JPEG, PNG) of at most %(mb)s MB.", mb=mb
        )

    def validate_position_id(self, field):
        if self.has_positions and not field.data:
            raise ValidationError(_l("Choose the position you apply for."))

    def validate_cv(self, field):
        if not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Attach your CV."))


class StatusForm(Form):
    status = SelectField(_l("New status"), choices=[], validate_choice=False)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class InterviewForm(Form):
    day = LocalDateField(_l("Date"), validators=[DataRequired()])
    start_time = TimeField(_l("Starts"), validators=[DataRequired()])
    end_time = TimeField(_l("Ends"), validators=[DataRequired()])
    venue = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    interviewers = MultiCheckboxField(_l("Interviewers"), choices=[], coerce=int)
    leaders = MultiCheckboxField(_l("Leaders on the panel"), choices=[], coerce=int)
    notes = TextAreaField(_l("Notes for the interviewers"), validators=[Optional(), Length(max=5000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.interviewers.choices = [(int(v), label) for v, label in user_choices(STAFF, False)]
        self.leaders.choices = [
            (leader.id, f"{leader.title.get_for('zh_Hant_TW')} {leader.names.native}")
            for leader in active_leaders()
        ]

    def validate_end_time(self, field):
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The end must come after the start."))

    def validate_interviewers(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one interviewer."))


class PlacementForm(_Dates, Form):
    position_id = SelectField(_l("Position"), choices=[])
    intern_id = SelectField(
        _l("Intern"),
        choices=[],
        description=_l("The intern's user account (an administrator creates it on the users page)."),
    )
    supervisor_id = SelectField(_l("Supervisor"), choices=[])
    start_on = LocalDateField(_l("From"), validators=[DataRequired()])
    end_on = LocalDateField(_l("Until"), validators=[DataRequired()])
    weekly_hours = FloatField(_l("Hours per week"), validators=[Optional(), NumberRange(0.5, 60)])
    working_hours = StringField(
        _l("Working hours"),
        validators=[Optional(), Length(max=300)],
        description=_l("For example: Monday to Friday, 09:00–17:00."),
    )
    status = SelectField(_l("Status"), choices=[], default="active")
    version = VersionField()

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        locale = current_locale_code()
        self.position_id.choices = [
            (str(p.id), f"{p.programme.title.get_for(locale)} · {p.title.get_for(locale)}") for p in positions
        ]
        self.intern_id.choices = user_choices(INTERNS)
        self.supervisor_id.choices = user_choices(STAFF)
        self.status.choices = _choices(PLACEMENT_STATUSES)

    def validate_intern_id(self, field):
        if not _user_id(field.data):
            raise ValidationError(_l("Choose the intern's account."))
        if not in_roles(db.session.get(User, _user_id(field.data)), INTERNS):
            raise ValidationError(_l("Choose an active intern account."))

    def validate_supervisor_id(self, field):
        if not _user_id(field.data):
            raise ValidationError(_l("Choose a supervisor."))
        if not in_roles(db.session.get(User, _user_id(field.data)), STAFF):
            raise ValidationError(_l("Choose an active officer."))

    def fields(self) -> dict:
        return {
            "intern_id": _user_id(self.intern_id.data),
            "supervisor_id": _user_id(self.supervisor_id.data),
            "start_on": self.start_on.data,
            "end_on": self.end_on.data,
            "weekly_hours": self.weekly_hours.data,
            "working_hours": self.working_hours.data or None,
        }


class HoursField(DecimalField):
    """Hours in quarter steps (1.5, 0.25; a comma works as the decimal mark too); `minutes` holds the value."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0]:
            valuelist = [valuelist[0].strip().replace(",", ".")]
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(_l("Enter the hours as a number, such as 3.5."))) from None

    @property
    def minutes(self) -> int | None:
        try:
            return int(Decimal(self.data) * 60) if self.data is not None else None
        except (InvalidOperation, TypeError):
            return None


class EntryForm(Form):
    work_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    hours = HoursField(_l("Hours"), places=2, validators=[InputRequired()], render_kw={"step": "0.25"})
    description = TextAreaField(_l("What I did"), validators=[DataRequired(), Length(max=4000)])
    served = SelectField(_l("For"), choices=[], validate_choice=False)
    version = VersionField()

    def validate_hours(self, field):
        value = field.data
        if value is None:
            return
        if value <= 0 or value > 24:
            raise ValidationError(_l("Enter more than 0 and at most 24 hours."))
        if (value * 60) % QUARTER_HOUR != 0:
            raise ValidationError(_l("Log hours in quarter hours (0.25, 0.5, 0.75)."))


class ReviewForm(Form):
    comment = StringField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class EvaluationForm(Form):
    rating_reliability = SelectField(EVALUATION_CRITERIA["rating_reliability"], coerce=int, choices=[])
    rating_quality = SelectField(EVALUATION_CRITERIA["rating_quality"], coerce=int, choices=[])
    rating_languages = SelectField(EVALUATION_CRITERIA["rating_languages"], coerce=int, choices=[])
    rating_teamwork = SelectField(EVALUATION_CRITERIA["rating_teamwork"], coerce=int, choices=[])
    rating_initiative = SelectField(EVALUATION_CRITERIA["rating_initiative"], coerce=int, choices=[])
    rating_overall = SelectField(_l("Overall"), coerce=int, choices=[])
    strengths = TextAreaField(_l("Strengths"), validators=[Optional(), Length(max=5000)])
    improvements = TextAreaField(_l("To work on"), validators=[Optional(), Length(max=5000)])
    recommend = BooleanField(_l("I would recommend this intern"), default=True)
    # Asked when the placement is completed before its planned end (see the view).
    last_day = LocalDateField(_l("Last day served"), validators=[Optional()])
    leave_unsubmitted = BooleanField(
        _l("Complete now: the drafts and returned entries stay in the log and are not counted")
    )

    RATING_FIELDS = (*EVALUATION_CRITERIA, "rating_overall")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.RATING_FIELDS:
            self[name].choices = [(k, f"{k} — {v}") for k, v in RATINGS.items()]

    def fields(self) -> dict:
        values = {name: self[name].data for name in self.RATING_FIELDS}
        values.update(
            strengths=self.strengths.data or None,
            improvements=self.improvements.data or None,
            recommend=bool(self.recommend.data),
        )
        return values
