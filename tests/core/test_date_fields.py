"""Every date field of every form reads dates with the one reader: an impossible date gets the same message
on the gift, engagement, delegation, partner (agreement) and contact forms, never "This field is required"."""

import pytest
from werkzeug.datastructures import MultiDict

from intl.contacts.forms import ContactForm
from intl.delegations.forms import DelegationForm
from intl.gifts.forms import ReceivedGiftForm
from intl.partners.forms import AgreementForm
from intl.schedule.forms import EngagementForm

FORMS = [
    (ReceivedGiftForm, "exchanged_on"),  # required
    (EngagementForm, "start_on"),  # required
    (DelegationForm, "start_on"),  # required
    (AgreementForm, "signed_on"),  # a partner's tie, known to the day, month or year
    (ContactForm, "collected_on"),
]


@pytest.mark.parametrize(("form_class", "name"), FORMS)
@pytest.mark.parametrize("typed", ["2025-02-30", "115/02/30", "民國115年2月30日"])
def test_an_impossible_date_has_the_same_message_on_every_form(app, form_class, name, typed):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = form_class(formdata=MultiDict({name: typed}))
        form.validate()
        assert form[name].errors == ["That date does not exist."]


@pytest.mark.parametrize(("form_class", "name"), FORMS)
@pytest.mark.parametrize("typed", ["民國 115/11/27", "民國115/11/27", "115.11.27", "2026/11/27"])
def test_every_form_reads_every_written_form(app, form_class, name, typed):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = form_class(formdata=MultiDict({name: typed}))
        form.validate()
        assert form[name].errors == [] and form[name].data.isoformat() == "2026-11-27"


def test_a_blank_required_date_still_says_it_is_required(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = DelegationForm(formdata=MultiDict({"start_on": ""}))
        form.validate()
        assert form.start_on.errors == ["This field is required."]


def test_year_only_is_accepted_for_a_signing_date_only(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        agreement = AgreementForm(formdata=MultiDict({"signed_on": "1962"}))
        agreement.validate()
        assert agreement.signed_on.errors == []
        assert (agreement.signed_on.data.isoformat(), agreement.signed_on.precision) == ("1962-01-01", "year")
        delegation = DelegationForm(formdata=MultiDict({"start_on": "1962"}))
        delegation.validate()
        assert delegation.start_on.errors and "2026-11-27" in delegation.start_on.errors[0]
