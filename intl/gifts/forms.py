from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core.forms import Form, LocalDateField, LocalizedTextField, VersionField
from ..core.i18n import current_locale_code, format_date
from ..core.pickers import RecordPickerField
from ..core.plan_links import PlanItemField
from .models import DISPOSITIONS, MOVEMENT_REASONS, OCCASION_KINDS
from .queries import delegation_choices, giver_choices, leader_choices, stock_items

NT_MAX = 10**9


def _choices(mapping, blank: bool = False):
    return ([("", "—")] if blank else []) + [(k, str(v)) for k, v in mapping.items()]


def _int_or_none(value) -> int | None:
    return int(value) if value not in (None, "") and str(value).isdigit() else None


class GiftForm(Form):
    """The fields gifts given and received share; the two subclasses add their own."""

    exchanged_on = LocalDateField(_l("Date"), validators=[DataRequired()])
    occasion_kind = SelectField(_l("Occasion"), choices=[])
    delegation_id = SelectField(_l("Delegation"), choices=[], validate_choice=False)
    occasion_id = IntegerField(_l("Event number"), validators=[Optional(), NumberRange(1, 2**31 - 1)])
    occasion_note = StringField(
        _l("About the occasion"),
        validators=[Optional(), Length(max=300)],
        description=_l("For example: the Consul General's courtesy call on the Mayor."),
    )
    leader_id = SelectField(_l("Leader"), choices=[], validate_choice=False)
    user_id = SelectField(_l("Officer"), choices=[], validate_choice=False)
    contact_id = RecordPickerField(_l("Contact"), kind="contact")
    partner_id = RecordPickerField(_l("Partner"), kind="partner")
    organization_id = RecordPickerField(_l("Organization"), kind="organization")
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(max=5000)])
    photo = FileField(_l("Photo (JPEG, PNG)"))
    quantity = IntegerField(_l("Quantity"), default=1, validators=[InputRequired(), NumberRange(1, 10000)])
    estimated_value = IntegerField(
        _l("Estimated value (NT$)"),
        validators=[Optional(), NumberRange(0, NT_MAX)],
        description=_l("The market value of the whole gift."),
    )
    plan_item_id = PlanItemField(_l("Plan item"), date_field="exchanged_on")
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.occasion_kind.choices = _choices(OCCASION_KINDS)
        self.delegation_id.choices = delegation_choices(_int_or_none(self.delegation_id.data))
        self.leader_id.choices = leader_choices()
        self.user_id.choices = giver_choices()

    def validate_delegation_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose a delegation from the list."))
        if self.occasion_kind.data == "delegation" and not field.data:
            raise ValidationError(_l("Choose the delegation."))

    def validate_occasion_kind(self, field):
        if (
            field.data == "event"
            and not self.occasion_id.data
            and not (self.occasion_note.data or "").strip()
        ):
            raise ValidationError(_l("Say which event: its number or a note about it."))

    def validate_leader_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose a leader from the list."))

    def validate_user_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose an officer from the list."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        pickers = (self.contact_id, self.partner_id, self.organization_id)
        if not any(p.data for p in pickers) and not any(p.errors for p in pickers):
            self.contact_id.errors = [_l("Choose a contact, a partner or an organization (or several).")]
            return False
        return valid

    def fields_data(self) -> dict:
        kind = self.occasion_kind.data
        occasion_id = None
        if kind == "delegation":
            occasion_id = _int_or_none(self.delegation_id.data)
        elif kind == "event":
            occasion_id = self.occasion_id.data
        return {
            "exchanged_on": self.exchanged_on.data,
            "occasion_kind": kind,
            "occasion_id": occasion_id,
            "occasion_note": (self.occasion_note.data or "").strip() or None,
            "leader_id": _int_or_none(self.leader_id.data),
            "user_id": _int_or_none(self.user_id.data),
            "contact_id": self.contact_id.data,
            "partner_id": self.partner_id.data,
            "organization_id": self.organization_id.data,
            "description": (self.description.data or "").strip(),
            "quantity": self.quantity.data,
            "estimated_value": self.estimated_value.data,
            "plan_item_id": self.plan_item_id.data,
        }

    @staticmethod
    def data_of(gift) -> dict:
        """The form's data for editing a gift."""
        return {
            "exchanged_on": gift.exchanged_on,
            "occasion_kind": gift.occasion_kind,
            "delegation_id": str(gift.occasion_id or "") if gift.occasion_kind == "delegation" else "",
            "occasion_id": gift.occasion_id if gift.occasion_kind == "event" else None,
            "occasion_note": gift.occasion_note,
            "leader_id": str(gift.leader_id or ""),
            "user_id": str(gift.user_id or ""),
            "contact_id": gift.contact_id,
            "partner_id": gift.partner_id,
            "organization_id": gift.organization_id,
            "description": gift.description,
            "quantity": gift.quantity,
            "estimated_value": gift.estimated_value,
            "plan_item_id": gift.plan_item_id,
            "stock_item_id": str(gift.stock_item_id or ""),
            "giver_has_interest": {True: "yes", False: "no"}.get(gift.giver_has_interest),
            "official_courtesy": gift.official_courtesy,
            "to_many_staff": gift.to_many_staff,
            "version": gift.version,
        }


class GivenGiftForm(GiftForm):
    stock_item_id = SelectField(_l("From the gift store"), choices=[], validate_choice=False)
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Empty: the name of the gift from the store."),
    )
    give_again = BooleanField(_l("Give it again all the same"))

    def __init__(self, *args, already_given: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stock_item_id.choices = stock_choices(already_given or {}, _int_or_none(self.stock_item_id.data))

    def validate_stock_item_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose a gift from the store's list."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.stock_item_id.data:
            if self.estimated_value.data is None and not self.estimated_value.errors:
                self.estimated_value.errors = [_l("Estimate the value (NT$), even roughly.")]
                valid = False
            if not (self.description.data or "").strip() and not self.description.errors:
                self.description.errors = [_l("Describe the gift, or choose one from the store.")]
                valid = False
        return valid

    def fields_data(self) -> dict:
        return {**super().fields_data(), "stock_item_id": _int_or_none(self.stock_item_id.data)}


class ReceivedGiftForm(GiftForm):
    giver_has_interest = RadioField(
        _l("Does the giver have an interest in the receiver's duties?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        validators=[InputRequired(message=_l("Answer whether the giver has an interest."))],
        description=_l(
            "For example a company bidding for a city contract, or a party to a case the receiver handles."
        ),
    )
    official_courtesy = BooleanField(
        _l("Official courtesy (receiving foreign guests, visits abroad)"),
    )
    to_many_staff = BooleanField(_l("Given to many staff of the office together"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.estimated_value.data is None and not self.estimated_value.errors:
            self.estimated_value.errors = [
                _l("Estimate the market value (NT$): the ethics rules depend on it.")
            ]
            return False
        return valid

    def fields_data(self) -> dict:
        return {
            **super().fields_data(),
            "giver_has_interest": self.giver_has_interest.data == "yes",
            "official_courtesy": bool(self.official_courtesy.data),
            "to_many_staff": bool(self.to_many_staff.data),
        }


def stock_choices(already_given: dict[int, date], current: int | None = None):
    """The store's items with what is left; those already given to the chosen partner or contact say so."""
    locale = current_locale_code()
    items = stock_items()
    choices = [("", "—")]
    for item in items:
        if item.quantity <= 0 and item.id != current:
            continue
        label = f"{item.name.get_for(locale)} ({_('%(n)s in stock', n=item.quantity)})"
        if item.id in already_given:
            label += " — " + _("already given on %(date)s", date=format_date(already_given[item.id]))
        choices.append((str(item.id), label))
    return choices


class EthicsRecordForm(Form):
    reported_to_supervisor_on = LocalDateField(_l("Reported to the supervisor on"), validators=[Optional()])
    ethics_unit_notified_on = LocalDateField(_l("Ethics unit notified on"), validators=[Optional()])
    disposition = SelectField(_l("Disposition"), choices=[])
    disposition_note = TextAreaField(
        _l("Disposition note"),
        validators=[Optional(), Length(max=5000)],
        description=_l("What the ethics unit proposed and the agency head decided; where the gift is now."),
    )
    version = VersionField()

    def __init__(self, *args, received_on: date | None = None, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.disposition.choices = _choices(DISPOSITIONS, blank=True)
        self._received_on, self._today = received_on, today

    def _check_date(self, field):
        if field.data and self._received_on and field.data < self._received_on:
            raise ValidationError(_l("This date cannot come before the gift was received."))
        if field.data and self._today and field.data > self._today:
            raise ValidationError(_l("This date cannot be in the future."))

    validate_reported_to_supervisor_on = _check_date
    validate_ethics_unit_notified_on = _check_date


class StockItemForm(Form):
    name = LocalizedTextField(_l("Name"))
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    unit_value = IntegerField(
        _l("Value of one piece (NT$)"), validators=[InputRequired(), NumberRange(0, NT_MAX)]
    )
    photo = FileField(_l("Photo (JPEG, PNG)"))
    notes = TextAreaField(
        _l("Notes"),
        validators=[Optional(), Length(max=5000)],
        description=_l(
            "Where it is kept; who it suits or not (no clocks for Chinese guests, no knives for Japanese)."
        ),
    )
    version = VersionField()


class NewStockItemForm(StockItemForm):
    quantity = IntegerField(
        _l("Pieces in the store now"), default=0, validators=[InputRequired(), NumberRange(0, 100000)]
    )


class StockMoveForm(Form):
    change = IntegerField(
        _l("Pieces"),
        validators=[InputRequired(), NumberRange(-100000, 100000)],
        description=_l("Positive to add pieces, negative to take them out."),
    )
    reason = SelectField(
        _l("Why"), choices=[("purchase", MOVEMENT_REASONS["purchase"]), ("count", MOVEMENT_REASONS["count"])]
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])

    def validate_change(self, field):
        if field.data == 0:
            raise ValidationError(_l("Enter a number of pieces other than zero."))
