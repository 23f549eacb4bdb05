from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import Field, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import TextInput

from ..auth.queries import officer_choices
from ..core.forms import Form, LocalDateField, LocalizedTextField, VersionField
from ..core.i18n import ROC_OFFSET
from ..core.localized import LocalizedText
from ..imports.forms import spreadsheet_field
from .metrics import METRICS
from .models import PERIODS


class YearField(Field):
    """A year typed as the ROC year (115) or the Gregorian one (2026); holds the Gregorian year."""

    widget = TextInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return str(self.data - ROC_OFFSET) if self.data else ""

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().removeprefix("民國").removesuffix("年")
        if not text:
            return
        if not text.isdigit():
            raise ValueError(_l("Enter a year such as 115 (ROC) or 2026."))
        value = int(text)
        value = value + ROC_OFFSET if value < 1000 else value
        if not 1912 <= value <= 2200:
            raise ValueError(_l("Enter a year such as 115 (ROC) or 2026."))
        self.data = value


class PlanYearForm(Form):
    year = YearField(_l("Year (ROC or Gregorian)"), validators=[DataRequired()])
    title = LocalizedTextField(_l("Title"), required=False)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()


def bilingual(zh: str | None, en: str | None) -> LocalizedText:
    return LocalizedText({"zh_Hant": zh or "", "en": en or ""})


class PlanItemForm(Form):
    parent_id = SelectField(_l("Part of"), choices=[], validate_choice=False)
    number = StringField(
        _l("Number"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("As the plan writes it: 肆, 一, (一), 1."),
    )
    position = IntegerField(_l("Order among its siblings"), validators=[Optional(), NumberRange(0, 1000)])
    name = LocalizedTextField(_l("Name"))
    goal_zh = TextAreaField(_l("Goal (Chinese)"), validators=[Optional(), Length(max=5000)])
    goal_en = TextAreaField(_l("Goal (English)"), validators=[Optional(), Length(max=5000)])
    implementation_zh = TextAreaField(
        _l("Implementation points (Chinese)"), validators=[Optional(), Length(max=20000)]
    )
    implementation_en = TextAreaField(
        _l("Implementation points (English)"), validators=[Optional(), Length(max=20000)]
    )
    budget_thousand = IntegerField(
        _l("Budget (thousand NT$)"),
        validators=[Optional(), NumberRange(0, 10**9)],
        description=_l("Leave empty when the line is funded by the line it belongs to."),
    )
    responsible_id = SelectField(_l("Responsible officer"), choices=[], validate_choice=False)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    version = VersionField()

    def __init__(self, *args, parents: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_id.choices = [("", "—")] + [(str(i), label) for i, label in parents]
        self.responsible_id.choices = officer_choices()
        self._parents = {str(i) for i, _label in parents}

    def validate_parent_id(self, field):
        if field.data and field.data not in self._parents:
            raise ValidationError(_l("Choose an item from the list."))

    def validate_responsible_id(self, field):
        if field.data and field.data not in {v for v, _label in field.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def fields(self) -> dict:
        return {
            "parent_id": int(self.parent_id.data) if self.parent_id.data else None,
            "number": self.number.data.strip(),
            "name": self.name.localized,
            "goal": bilingual(self.goal_zh.data, self.goal_en.data),
            "implementation": bilingual(self.implementation_zh.data, self.implementation_en.data),
            "budget_thousand": self.budget_thousand.data,
            "responsible_id": int(self.responsible_id.data) if self.responsible_id.data else None,
            "notes": self.notes.data or None,
        }


def target_field_name(metric: str, period: str) -> str:
    return f"t_{metric}__{period}"


def targets_form_class():
    """A form with one box per figure and period (year, Q1-Q4)."""

    class TargetsForm(Form):
        pass

    for key in METRICS:
        for period in PERIODS:
            setattr(
                TargetsForm,
                target_field_name(key, period),
                IntegerField(validators=[Optional(), NumberRange(0, 10**9)]),
            )
    return TargetsForm


class ExpenseForm(Form):
    item_id = SelectField(_l("Plan item"), choices=[], validate_choice=False)
    spent_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    payee = StringField(_l("Payee"), validators=[DataRequired(), Length(max=300)])
    amount = IntegerField(_l("Amount (NT$)"), validators=[DataRequired(), NumberRange(0, 10**10)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])
    receipt = FileField(_l("Receipt (PDF or image)"))
    version = VersionField()

    def __init__(self, *args, items: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.item_id.choices = [(str(i), label) for i, label in items]

    def validate_item_id(self, field):
        if field.data not in {v for v, _label in field.choices}:
            raise ValidationError(_l("Choose an item from the list."))


class CopyForm(Form):
    year = YearField(_l("Copy to the year (ROC or Gregorian)"), validators=[DataRequired()])


class PlanImportForm(Form):
    year = YearField(_l("Plan year (ROC or Gregorian)"), validators=[DataRequired()])
    file = spreadsheet_field()
