"""Form fields shared by every feature: dates that accept ROC input, multilingual names, edit versions."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.i18n import get_translations as wtforms_translations
from wtforms.validators import Length, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from .dates import ANY_PRECISION, DAY, DAY_ONLY, input_text, read_date, uses_roc_dates
from .i18n import current_locale_code
from .localized import LocalizedText

# WTForms ships its own messages ("This field is required.") in many languages; use them in ours, and English
# where it has none (Vietnamese, Indonesian and Thai).
_WTFORMS_LOCALES = {"zh_Hant_TW": ["zh_TW"], "en": ["en"]}
# WTForms' own messages that the public forms can show, in our catalogs too, so that the languages WTForms
# lacks have them (the ids are WTForms', word for word).
WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Invalid email address."),
    _l("Invalid input."),
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid date value."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
)
_OURS = frozenset(message._args[0] for message in WTFORMS_MESSAGES)


class _OursFirst:
    """WTForms' translations, with the messages of WTFORMS_MESSAGES from our catalog."""

    def __init__(self, theirs):
        self.theirs = theirs

    def gettext(self, string):
        return get_translations().ugettext(string) if string in _OURS else self.theirs.gettext(string)

    def ngettext(self, singular, plural, n):
        return self.theirs.ngettext(singular, plural, n)


@lru_cache(maxsize=8)
def _wtforms_catalog(locale: str):
    return wtforms_translations([*_WTFORMS_LOCALES.get(locale, [locale.split("_")[0]]), "en"])


def _wtforms_messages(locale: str):
    return _OursFirst(_wtforms_catalog(locale))


class Form(FlaskForm):
    """The base of every form: CSRF from Flask-WTF, built-in messages in the user's language."""

    class Meta:
        def get_translations(self, form):
            return _wtforms_messages(current_locale_code())


def error_text(form) -> str:
    """Every error of a form on one line: the flash message of a form posted from another page."""
    return "; ".join(str(e) for errors in form.errors.values() for e in errors)


# Languages and scripts a record's name may be written in (Babel codes).
NAME_LOCALES = [
    "zh_Hant",
    "en",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "ms",
    "fil",
    "zh_Hans",
    "hi",
    "km",
    "lo",
    "my",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "ru",
    "ar",
    "he",
    "tr",
    "pl",
    "cs",
    "sv",
    "fi",
    "mn",
    "mi",
]


def name_locale_choices() -> list[tuple[str, str]]:
    viewer = Locale.parse(current_locale_code())
    return [("", "—")] + [
        (code, Locale.parse(code).get_display_name(viewer) or code) for code in NAME_LOCALES
    ]


class DateInput(TextInput):
    """A native date picker for Gregorian users; a text box for those who type ROC dates, and wherever a date
    may be known to the month or year only (a native picker cannot say "1962")."""

    def __call__(self, field, **kwargs):
        if uses_roc_dates() or getattr(field, "precision_allowed", DAY_ONLY) != DAY_ONLY:
            kwargs.setdefault("placeholder", field.placeholder())
            kwargs.setdefault("inputmode", "numeric")
            self.input_type = "text"
        else:
            self.input_type = "date"
        return super().__call__(field, **kwargs)


class LocalDateField(Field):
    """A date typed or picked in a form, read by the one reader (core.dates.read_date): every written form of
    Gregorian and ROC dates; an impossible date gets the one message on every form (never "required")."""

    widget = DateInput()
    precision_allowed = DAY_ONLY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.precision = DAY

    def placeholder(self) -> str:
        return "115/11/27" if uses_roc_dates() else "2026-11-27"

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return input_text(self.data, self.precision)

    def process_formdata(self, valuelist):
        self.data, self.precision = None, DAY
        if valuelist and valuelist[0].strip():
            found = read_date(valuelist[0], precision_allowed=self.precision_allowed)  # raises DateReadError
            self.data, self.precision = found.value, found.precision

    def pre_validate(self, form):
        # A date that could not be read keeps its own message: validators such as DataRequired would
        # otherwise replace it with "This field is required."
        if self.process_errors:
            raise StopValidation()


class PartialDateField(LocalDateField):
    """A date known to the day, the month or the year only (a tie signed in "1962" or "1974-07"): `data` is its
    first day and `precision` says how much of it is known. Set `precision` before rendering an edit form."""

    precision_allowed = ANY_PRECISION

    def placeholder(self) -> str:
        return "民國51年, 63/07/23" if uses_roc_dates() else "1962, 1974-07, 2026-11-27"


class NameEntryForm(Form):
    class Meta:
        csrf = False

    locale = SelectField(_l("Language"), choices=[], validate_choice=False, validators=[Optional()])
    text = StringField(_l("Name"), validators=[Optional(), Length(max=300)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = name_locale_choices()


class LocalizedTextField(FieldList):
    """Rows of (language, text); produces a LocalizedText. Blank rows are ignored; languages must differ."""

    def __init__(self, label=None, validators=None, required=True, extra_rows=2, **kwargs):
        super().__init__(FormField(NameEntryForm), label, validators, min_entries=1, **kwargs)
        self.required = required
        self.extra_rows = extra_rows

    def process(self, formdata, data=None, extra_filters=None):
        if isinstance(data, dict):
            data = [{"locale": k, "text": v} for k, v in data.items()]
        super().process(formdata, data if data not in (None,) else [], extra_filters)
        if formdata is None or not any(k.startswith(self.name + "-") for k in formdata):
            for _ in range(self.extra_rows):
                self.append_entry()

    @property
    def localized(self) -> LocalizedText:
        return LocalizedText(
            (entry.form.locale.data, entry.form.text.data) for entry in self.entries if entry.form.locale.data
        )

    def validate(self, form, extra_validators=()):
        # FieldList runs no pre_validate of its own: check the rows as a whole here.
        valid = super().validate(form, extra_validators)
        try:
            self._check_rows()
        except ValidationError as error:
            self.errors = [*self.errors, str(error)] if isinstance(self.errors, list) else [str(error)]
            return False
        return valid

    def _check_rows(self):
        seen = set()
        for entry in self.entries:
            code, text = entry.form.locale.data, (entry.form.text.data or "").strip()
            if text and not code:
                raise ValidationError(_l("Choose the language of each name."))
            if code and code not in NAME_LOCALES:
                raise ValidationError(_l("Choose a language from the list."))
            if code and text:
                if code in seen:
                    raise ValidationError(_l("Give each language only one name."))
                seen.add(code)
        if self.required and not seen:
            raise ValidationError(_l("Enter at least one name."))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VersionField(HiddenField):
    """The record version the form was opened on, for refusing a save over someone else's change."""

    def process_formdata(self, valuelist):
        try:
            self.data = int(valuelist[0]) if valuelist and valuelist[0] else None
        except ValueError:
            self.data = None
