"""Issue 15, for each of the seven languages, end to end: a guest registers through the public link in the
language, gets the confirmation by e-mail (a real SMTP server on this machine) in it, with the .ics whose
summary is in it, and cancels; a student applies for an internship and gets the receipt in it; a delegation
from a city of that language gets its itinerary in Chinese and that language (read back with pypdf)."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import UTC, date, datetime

import icalendar
import pytest
from babel.dates import format_date
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import escape
from pypdf import PdfReader
from sqlalchemy import select

from intl.contacts.names import addressed
from intl.core.localized import LocalizedText
from intl.events.models import Registration
from intl.internships.models import InternshipApplication
from tests.helpers import MINIMAL_PDF, page_text
from tests.internships.students import student

from .languages import EVENT_TITLE, GUEST_NAME, LANGUAGES, PARTNER_NAMES, PROGRAMME_TITLE, SECOND, key, tag


def say(locale: str, message: str, **params) -> str:
    with force_locale(locale):
        return _(message, **params)


def translated(locale: str, message: str, **params) -> str:
    """The message in `locale`, checked to be a translation (not the English id) outside English."""
    text = say(locale, message, **params)
    if locale != "en":
        assert text != say("en", message, **params), f"{locale} lacks {message!r}"
    return text


def calendar_of(message) -> icalendar.Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_a_guest_registers_is_confirmed_and_cancels_in_their_language(
    app, client, make_event, register, smtp_server, database, locale
):
    event = make_event(title=EVENT_TITLE, capacity=5)
    title, name, email = EVENT_TITLE[key(locale)], GUEST_NAME[locale], f"guest-{locale}@example.org"

    page = client.get(f"/register/{event.registration_token}?lang={locale}")
    html = page.get_data(as_text=True)
    assert f'<html lang="{tag(locale)}">' in html
    with app.test_request_context():
        assert (
            translated(locale, "Register") in html and translated(locale, "How we use your details") in html
        )
        assert title in html

    response = register(event, name=name, email=email)
    assert response.status_code == 302
    status_page = page_text(client.get(response.location))
    with app.test_request_context():
        assert translated(locale, "You are registered") in status_page

        confirmation = smtp_server.messages[email]
        assert confirmation["Content-Language"] == tag(locale)
        assert confirmation["Subject"] == translated(locale, "Registration confirmed: %(event)s", event=title)
        text = confirmation.get_body(("plain",)).get_content()
        assert say(locale, "Dear %(name)s,", name=addressed(name, locale)) in text
        assert translated(locale, "Thank you for registering. Your seat is confirmed.") in text
        assert format_date(date(2027, 3, 20), "full", locale=locale) in text  # Babel's date for the language
        [entry] = calendar_of(confirmation).walk("VEVENT")
        assert str(entry["SUMMARY"]) == title and str(entry["STATUS"]) == "CONFIRMED"
        registered = translated(locale, "Your registration: %(status)s", status=say(locale, "Registered"))
        assert registered in str(entry["DESCRIPTION"])

    assert client.post(response.location, data={"action": "cancel"}).status_code == 302
    database.session.expire_all()
    registration = database.session.scalars(select(Registration).where(Registration.email == email)).one()
    assert registration.status == "cancelled" and registration.locale == locale  # remembered for later mail
    with app.test_request_context():
        assert translated(locale, "Your registration is cancelled") in page_text(
            client.get(response.location)
        )
        cancellation = smtp_server.received[-1]
        assert cancellation["Subject"] == translated(locale, "Registration cancelled: %(event)s", event=title)
        text = cancellation.get_body(("plain",)).get_content()
        assert (
            translated(locale, "Your registration is cancelled, as you asked. Thank you for letting us know.")
            in text
        )
        [entry] = calendar_of(cancellation).walk("VEVENT")
        assert str(entry["SUMMARY"]) == title and str(entry["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("locale", LANGUAGES)
def test_a_student_applies_and_gets_the_receipt_in_their_language(
    app, client, open_programme, smtp_server, database, locale
):
    programme = open_programme(title=LocalizedText(PROGRAMME_TITLE))
    name = GUEST_NAME[locale]
    data = student(programme.positions[0].id, name=name, email="student@example.edu")
    data["cv"] = (io.BytesIO(MINIMAL_PDF), "cv.pdf")
    response = client.post(
        f"/internships/apply/{programme.application_token}?lang={locale}",
        data=data,
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.test_request_context():
        assert translated(locale, "Application received") in page_text(client.get(response.location))
        receipt = smtp_server.messages["student@example.edu"]
        programme_title = PROGRAMME_TITLE[key(locale)]
        assert receipt["Content-Language"] == tag(locale)
        assert receipt["Subject"] == translated(
            locale, "Application received: %(programme)s", programme=programme_title
        )
        text = receipt.get_body(("plain",)).get_content()
        assert say(locale, "Dear %(name)s,", name=addressed(name, locale)) in text
        assert translated(locale, "Thank you for applying. The office has received your application.") in text
        documents = translated(locale, "Documents received")
        assert say(locale, "%(label)s: %(value)s", label=documents, value=say(locale, "CV")) in text
    database.session.expire_all()
    application = database.session.scalars(select(InternshipApplication)).one()
    assert application.locale == locale  # later mail to the student uses it


@pytest.fixture
def delegation_from(database, make_user, make_partner, make_contact):
    from intl.delegations.services import add_member, create_delegation
    from intl.schedule.services import create_engagement

    def make(locale: str, purpose: str = ""):
        names, country, zone = PARTNER_NAMES[locale]
        partner = make_partner(names=names, country=country, timezone=zone)
        member = make_contact(
            family_name="Guest",
            given_name="Head",
            name_locale="en",
            latin_name="Head Guest",
            country="US",
            honorific="mr",
        )
        delegation = create_delegation(
            [partner.id],
            title=LocalizedText({"zh_Hant": "友好城市訪問團", "en": "Friendship delegation"}),
            direction="inbound",
            start_on=date(2026, 11, 27),
            end_on=date(2026, 11, 28),
            status="confirmed",
            purpose=purpose,
        )
        add_member(delegation, member.id, role="head")
        create_engagement(
            {},
            title=LocalizedText({"zh_Hant": "拜會市長", "en": "Courtesy call on the Mayor"}),
            kind="courtesy_call",
            start_dt=datetime(2026, 11, 27, 2, 0, tzinfo=UTC),
            end_dt=datetime(2026, 11, 27, 3, 0, tzinfo=UTC),
            timezone="Asia/Taipei",
            venue="四維行政中心",
            delegation_id=delegation.id,
            status="confirmed",
            visibility="public",
        )
        database.session.commit()
        return delegation

    return make


def squeezed(text: str) -> str:
    """Text without white space (narrow columns wrap), Thai SARA AM (ำ) read as pypdf reads it back: the font
    draws it as NIKHAHIT + SARA AA, and pypdf maps the pair to SARA AA alone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKD", text).replace("\u0e4d", ""))


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_itinerary_of_a_delegation_reads_in_chinese_and_its_language(
    app, client, as_role, delegation_from, locale
):
    as_role("officer")
    delegation = delegation_from(locale)
    # Narrow columns wrap: the text is compared without white space.
    text = squeezed(pdf_text(client.get(f"/delegations/{delegation.id}/itinerary.pdf")))
    other = SECOND[locale]
    with app.test_request_context():
        for message in ("Itinerary", "Dates of the visit", "Delegation members", "Courtesy call"):
            assert squeezed(say("zh_Hant_TW", message)) in text, message  # the Chinese side
            assert squeezed(translated(other, message)) in text, (other, message)  # the reader's side
        assert squeezed(say(other, "Day %(number)s", number=1)) in text
        assert squeezed(addressed("Head Guest", other, "mr")) in text  # as the reader addresses him
        assert squeezed(addressed("Head Guest", "zh_Hant_TW", "mr")) in text  # Head Guest先生
    assert "民國115年11月27日" in text
    assert squeezed(format_date(date(2026, 11, 27), "full", locale=other)) in text
    names = PARTNER_NAMES[locale][0]
    assert squeezed(names["zh_Hant"]) in text and squeezed(names.get(other, names["en"])) in text


# Thai has no spaces between words: the PDF must break lines between words. The paragraph is made of these
# words (split as finely as Thai dictionaries split them), so every allowed break is known.
THAI_WORDS = [
    "การ",
    "ประชุม",
    "ความ",
    "ร่วม",
    "มือ",
    "ระหว่าง",
    "เมือง",
    "พี่",
    "เมือง",
    "น้อง",
    "ด้าน",
    "การ",
    "ท่อง",
    "เที่ยว",
    "วัฒนธรรม",
    "และ",
    "การ",
    "ศึกษา",
    "ของ",
    "นัก",
    "ศึกษา",
    "ต่าง",
    "ชาติ",
    "ใน",
    "เกาสง",
] * 5


def test_a_long_thai_paragraph_breaks_between_words_in_the_pdf(client, as_role, delegation_from):
    as_role("officer")
    paragraph = "".join(THAI_WORDS)
    delegation = delegation_from("th", purpose=paragraph)
    text = pdf_text(client.get(f"/delegations/{delegation.id}/itinerary.pdf"))
    start = text.index(THAI_WORDS[0] + THAI_WORDS[1])
    lines, length = [], 0
    for line in text[start:].split("\n"):
        if length >= len(paragraph):
            break
        lines.append(line.strip())
        length += len(line.strip())
    assert "".join(lines) == paragraph  # nothing lost, nothing reordered
    assert len(lines) >= 3  # the paragraph wraps
    boundaries, position = set(), 0
    for word in THAI_WORDS:
        position += len(word)
        boundaries.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries, f"a line breaks inside a word: {line!r}"


@pytest.mark.parametrize("locale", ["ja", "ko", "vi", "id", "th"])
def test_a_refused_public_form_explains_itself_in_the_guests_language(app, client, make_event, locale):
    """Field errors, WTForms' own included (WTForms has no Vietnamese, Indonesian or Thai), in the language."""
    event = make_event()
    client.get(f"/register/{event.registration_token}?lang={locale}")
    page = client.post(f"/register/{event.registration_token}", data={"name": "", "email": "bad"})
    errors = re.findall(r"invalid-feedback[^>]*>([^<]+)<", page.get_data(as_text=True))
    with app.test_request_context():
        assert translated(locale, "This field is required.") in errors
        assert translated(locale, "Invalid email address.") in errors
        assert translated(locale, "Registration needs your consent to the use of your details.") in errors


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_cookie_notice_is_in_the_visitors_language(client, make_event, locale):
    notice = (
        "About cookies: this site sets one cookie, which keeps your session (your language, and this form safe"
        " from forgery) and ends when you close the browser. It holds none of your details and is not shared."
        " No tracking or advertising cookies are used."
    )
    event = make_event(title=EVENT_TITLE)
    html = client.get(f"/register/{event.registration_token}?lang={locale}").get_data(as_text=True)
    footer = html.split("data-cookie-notice>")[1].split("</footer>")[0]
    assert footer == str(escape(translated(locale, notice)))
    # The cookie it describes is the only one the page sets, and it ends with the browser (no Expires).
    cookies = [
        value
        for key, value in client.get(f"/register/{event.registration_token}").headers.items()
        if key == "Set-Cookie"
    ]
    assert all("Expires" not in cookie for cookie in cookies) and len({c.split("=")[0] for c in cookies}) <= 1
