from __future__ import annotations

from babel import Locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, Optional, ValidationError

from ..core.countries import country_choices, is_country
from ..core.forms import (
    NAME_LOCALES,
    Form,
    LocalDateField,
    LocalizedTextField,
    MultiCheckboxField,
    VersionField,
    name_locale_choices,
)
from ..core.i18n import current_locale_code
from ..core.pickers import RecordPickerField
from .models import (
    ADDRESS_KINDS,
    COLLECTION_METHODS,
    EMAIL_KINDS,
    HONORIFICS,
    LEGAL_BASES,
    NEEDS,
    PHONE_KINDS,
    PURPOSES,
)

# Languages people speak, offered as tick boxes (Babel codes; names come from CLDR).
SPOKEN_LANGUAGES = [
    "zh",
    "en",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "ms",
    "fil",
    "hi",
    "km",
    "lo",
    "my",
    "de",
    "fr",
    "es",
    "pt",
    "ru",
    "ar",
    "nan",
    "hak",
]


def _choices(mapping, blank=False):
    items = [(k, str(v)) for k, v in mapping.items()]
    return [("", "—")] + items if blank else items


def spoken_language_choices():
    names = Locale.parse(current_locale_code()).languages  # CLDR also names 閩南語 and 客家話
    return [(code, names.get(code, code)) for code in SPOKEN_LANGUAGES]


class EmailEntry(Form):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)  # checked when saving
    address = StringField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(EMAIL_KINDS)


class PhoneEntry(Form):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    number = StringField(_l("Phone"), validators=[Optional(), Length(max=100)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(PHONE_KINDS)


class AddressEntry(Form):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    text = TextAreaField(_l("Address"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    country = SelectField(_l("Country"), choices=[], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(ADDRESS_KINDS)
        self.country.choices = [("", "—")] + country_choices(current_locale_code())


class ContactForm(Form):
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_name = StringField(_l("Given name"), validators=[Optional(), Length(max=200)])
    name_locale = SelectField(_l("Language of the name"), choices=[], validators=[Optional()])
    chinese_name = StringField(_l("Chinese name"), validators=[Optional(), Length(max=200)])
    latin_name = StringField(_l("English / Latin name"), validators=[Optional(), Length(max=300)])
    honorific = SelectField(_l("Honorific"), choices=[], validators=[Optional()])
    title = LocalizedTextField(_l("Title"), required=False, extra_rows=1)
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    emails = FieldList(FormField(EmailEntry), min_entries=2)
    phones = FieldList(FormField(PhoneEntry), min_entries=2)
    addresses = FieldList(FormField(AddressEntry), min_entries=1)
    languages = MultiCheckboxField(_l("Languages spoken"), choices=[])
    needs = MultiCheckboxField(_l("Dietary and religious needs"), choices=[])
    needs_notes = TextAreaField(_l("Needs, allergies (details)"), validators=[Optional(), Length(max=5000)])
    protocol_notes = TextAreaField(_l("Protocol notes"), validators=[Optional(), Length(max=20000)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=20000)])
    tags = StringField(
        _l("Tags"), validators=[Optional(), Length(max=1000)], description=_l("Separate tags with commas.")
    )
    photo = FileField(_l("Photo (JPEG or PNG)"))
    purpose = SelectField(_l("Purpose of keeping the data"), choices=[])
    legal_basis = SelectField(_l("Legal basis"), choices=[])
    collected_on = LocalDateField(_l("Collected on"), validators=[Optional()])
    collection_method = SelectField(_l("How it was collected"), choices=[], validators=[Optional()])
    source = StringField(
        _l("Source"),
        validators=[Optional(), Length(max=300)],
        description=_l("Where the data came from when not from the person (an embassy, a partner city)."),
    )
    consent = BooleanField(_l("Consent given"))
    consent_on = LocalDateField(_l("Consent date"), validators=[Optional()])
    retain_until = LocalDateField(_l("Keep until"), validators=[Optional()])
    # Set when the officer has seen the possible duplicates and confirms this is another person.
    confirm_new_person = BooleanField(_l("This is a different person: save anyway"))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_locale.choices = name_locale_choices()
        self.honorific.choices = _choices(HONORIFICS, blank=True)
        countries = [("", "—")] + country_choices(current_locale_code())
        self.country.choices = countries
        self.languages.choices = spoken_language_choices()
        self.needs.choices = _choices(NEEDS)
        self.purpose.choices = _choices(PURPOSES)
        self.legal_basis.choices = _choices(LEGAL_BASES)
        self.collection_method.choices = _choices(COLLECTION_METHODS, blank=True)

    def validate_family_name(self, field):
        if not any(
            (f.data or "").strip()
            for f in (self.family_name, self.given_name, self.chinese_name, self.latin_name)
        ):
            raise ValidationError(_l("Enter at least one name."))

    def validate_name_locale(self, field):
        if field.data and field.data not in NAME_LOCALES:
            raise ValidationError(_l("Choose a language from the list."))

    def validate_country(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(_l("Choose a country from the list."))

    def validate_consent_on(self, field):
        if field.data and not self.consent.data:
            raise ValidationError(_l("Tick 'Consent given' to record when it was given."))

    def validate_legal_basis(self, field):
        if field.data == "consent" and not self.consent.data:
            raise ValidationError(_l("Consent is the legal basis: tick 'Consent given'."))


class AffiliationForm(Form):
    organization_id = RecordPickerField(_l("Organization"), kind="organization")
    position = StringField(_l("Position"), validators=[Optional(), Length(max=300)])
    start_on = LocalDateField(_l("From"), validators=[Optional()])
    end_on = LocalDateField(_l("Until"), validators=[Optional()])
    is_current = BooleanField(_l("Current position"), default=True)

    def validate_organization_id(self, field):
        if not field.data and not field.errors:
            raise ValidationError(_l("Choose an organization from the suggestions."))

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("The end cannot come before the start."))


class MergeForm(Form):
    other_id = RecordPickerField(_l("The duplicate to merge into this contact"), kind="contact")
    confirm = BooleanField(_l("I have compared both records; merge them"))


class AnonymizeForm(Form):
    confirm_text = StringField(_l("Type ANONYMIZE to confirm"), validators=[Length(max=20)])
