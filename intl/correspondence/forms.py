from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import Form, LocalDateField, VersionField, name_locale_choices
from ..core.i18n import language_name
from ..core.multipick import MultiRecordField
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from .models import CHANNELS, TEMPLATE_KINDS
from .queries import delegation_choices
from .records import available_link_kinds, link_model, live_record
from .steps import assignable_users
from .workflow import DIRECTIONS

_LINK = re.compile(r"([a-z_]+)\s*#?\s*(\d{1,10})")


def _choices(mapping, blank: bool = False):
    return ([("", "—")] if blank else []) + [(k, str(v)) for k, v in mapping.items()]


def language_choices():
    return [(code, label) for code, label in name_locale_choices() if code]


def staff_choices(blank: bool = True):
    return ([("", "—")] if blank else []) + [(str(u.id), u.display_name) for u in assignable_users()]


def parse_links(text: str | None) -> list[tuple[str, int]]:
    """'event #12, lecture 3' -> [('event', 12), ('lecture', 3)]; raises ValidationError for unknown ones."""
    found = []
    for kind, number in _LINK.findall((text or "").lower()):
        model = link_model(kind) if kind != "delegation" else None
        if model is None:
            raise ValidationError(
                _(
                    "Link events or lectures as 'event #12' or 'lecture #3' (available: %(kinds)s).",
                    kinds=", ".join(k for k in available_link_kinds() if k != "delegation") or "—",
                )
            )
        if live_record(kind, int(number)) is None:
            raise ValidationError(_("No such record: %(kind)s #%(id)s.", kind=kind, id=number))
        found.append((kind, int(number)))
    return found


class LetterForm(Form):
    direction = SelectField(_l("Direction"), choices=[])
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=500)])
    their_reference = StringField(
        _l("Their reference"),
        validators=[Optional(), Length(max=100)],
        description=_l("The sender's own number, to quote in the reply."),
    )
    letter_on = LocalDateField(_l("Date of the letter"), validators=[DataRequired()])
    received_on = LocalDateField(_l("Received on"), validators=[Optional()])
    channel = SelectField(_l("Channel"), choices=[])
    language = SelectField(_l("Language"), choices=[])
    body = TextAreaField(
        _l("Text"),
        validators=[Optional(), Length(max=200_000)],
        description=_l(
            "Separate paragraphs with a blank line: translations follow them paragraph by paragraph."
        ),
    )
    confidential = BooleanField(_l("Confidential: only administrators and the officers assigned see it"))
    due_on = LocalDateField(_l("Reply due"), validators=[Optional()])
    assigned_to_id = SelectField(_l("Officer in charge"), choices=[], validate_choice=False)
    contacts = MultiRecordField(
        _l("Correspondents: people"),
        kind="contact",
        validators=[Optional()],
        description=_l(
            "Who wrote an incoming letter, or whom an outgoing one is addressed to. One per line."
        ),
    )
    organizations = MultiRecordField(_l("Correspondents: organizations"), kind="organization")
    partners = MultiRecordField(_l("Correspondents: partners"), kind="partner")
    copies = MultiRecordField(_l("Copies to"), kind="contact")
    delegations = SelectMultipleField(_l("Delegations"), choices=[], validate_choice=False)
    other_links = StringField(
        _l("Events and lectures"),
        validators=[Optional(), Length(max=500)],
        description=_l("For example: lecture #3, event #12"),
    )
    signatory = StringField(_l("Signed by"), validators=[Optional(), Length(max=300)])
    signatory_title = StringField(_l("Signatory's title"), validators=[Optional(), Length(max=300)])
    plan_item_id = PlanItemField(_l("Plan item"), date_field="letter_on")
    in_reply_to_id = HiddenField()
    version = VersionField()

    def __init__(self, *args, linked_delegations: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.direction.choices = _choices(DIRECTIONS)
        self.channel.choices = _choices(CHANNELS)
        self.language.choices = language_choices()
        self.assigned_to_id.choices = staff_choices()
        self.delegations.choices = delegation_choices(linked_delegations)
        self.links: list[tuple[str, int]] = []

    def validate_assigned_to_id(self, field):
        if field.data and field.data not in {value for value, _label in self.assigned_to_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def validate_delegations(self, field):
        known = {value for value, _label in self.delegations.choices}
        if any(value not in known for value in field.data or []):
            raise ValidationError(_l("Choose delegations from the list."))

    def validate_other_links(self, field):
        self.links = parse_links(field.data)

    def validate_due_on(self, field):
        if field.data and self.letter_on.data and field.data < self.letter_on.data:
            raise ValidationError(_l("The reply cannot be due before the letter's date."))

    @property
    def assigned_to(self) -> int | None:
        return int(self.assigned_to_id.data) if self.assigned_to_id.data else None


class MoveForm(Form):
    target = HiddenField(validators=[DataRequired()])
    expected = HiddenField()
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class AssignForm(Form):
    assigned_to_id = SelectField(_l("Officer in charge"), choices=[], validate_choice=False)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assigned_to_id.choices = staff_choices(blank=False)

    def validate_assigned_to_id(self, field):
        if field.data not in {value for value, _label in self.assigned_to_id.choices}:
            raise ValidationError(_l("Choose an officer from the list."))


class AttachmentForm(Form):
    file = FileField(_l("Scan or PDF"))
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=300)])

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a file to upload."))


class TranslationAddForm(Form):
    language = SelectField(_l("Language"), choices=[])
    translator_id = SelectField(_l("Translator"), choices=[], validate_choice=False)

    def __init__(self, *args, translators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        self.translator_id.choices = [("", "—")] + [(str(u.id), u.display_name) for u in translators]

    @property
    def translator(self) -> int | None:
        return int(self.translator_id.data) if (self.translator_id.data or "").isdigit() else None


class TranslationForm(Form):
    """The side-by-side editor's fixed fields; the paragraphs come as paragraph-0, paragraph-1 ..."""

    subject = StringField(_l("Subject"), validators=[Optional(), Length(max=500)])
    translator_id = SelectField(_l("Translator"), choices=[], validate_choice=False)
    version = VersionField()

    def __init__(self, *args, translators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.translator_id.choices = [("", "—")] + [(str(u.id), u.display_name) for u in translators]


class TemplateForm(Form):
    kind = SelectField(_l("Kind"), choices=[])
    language = SelectField(_l("Language"), choices=[])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=500)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=50_000)])
    active = BooleanField(_l("In use"), default=True)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices(TEMPLATE_KINDS)
        self.language.choices = language_choices()


class DraftForm(Form):
    """A new outgoing letter from a template, filled from the chosen records."""

    template_id = SelectField(_l("Template"), choices=[], validate_choice=False)
    contact_id = RecordPickerField(_l("Recipient"), kind="contact")
    organization_id = RecordPickerField(_l("Organization"), kind="organization")
    partner_id = RecordPickerField(_l("Partner"), kind="partner")
    delegation_id = SelectField(_l("Delegation"), choices=[], validate_choice=False)
    other_links = StringField(
        _l("Event or lecture"),
        validators=[Optional(), Length(max=100)],
        description=_l("For example: lecture #3, event #12"),
    )
    letter_on = LocalDateField(_l("Date of the letter"), validators=[DataRequired()])
    due_on = LocalDateField(_l("Reply due"), validators=[Optional()])
    signatory = SelectField(_l("Signed by"), choices=[], validate_choice=False)
    confidential = BooleanField(_l("Confidential: only administrators and the officers assigned see it"))
    reply_to = HiddenField()

    def __init__(self, *args, templates=(), signatories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.template_id.choices = [
            (
                str(t.id),
                f"{TEMPLATE_KINDS.get(t.kind, t.kind)} · {language_name(t.language)} · {t.name}",
            )
            for t in templates
        ]
        self.delegation_id.choices = [("", "—"), *delegation_choices()]
        self.signatory.choices = [("", "—"), *signatories]
        self.links: list[tuple[str, int]] = []

    def validate_template_id(self, field):
        if field.data not in {value for value, _label in self.template_id.choices}:
            raise ValidationError(_l("Choose a template from the list."))

    def validate_delegation_id(self, field):
        if field.data and field.data not in {value for value, _label in self.delegation_id.choices}:
            raise ValidationError(_l("Choose a delegation from the list."))

    def validate_signatory(self, field):
        if field.data and field.data not in {value for value, _label in self.signatory.choices}:
            raise ValidationError(_l("Choose who signs from the list."))

    def validate_other_links(self, field):
        self.links = parse_links(field.data)[:1]
