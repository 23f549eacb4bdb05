"""Letter templates: placeholders filled from the contact, organization, partner, delegation or lecture in the
template's language, names in the order and script of that language, nothing evaluated, gaps left visible."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intl.correspondence import filling
from intl.correspondence.models import Letter, LetterTemplate
from tests.helpers import page_text


@pytest.fixture
def japanese(make_contact, make_organization, database):
    org = make_organization()
    contact = make_contact(honorific="mayor", title={"ja": "市長", "en": "Mayor", "zh_Hant": "市長"})
    from intl.contacts.services import add_affiliation

    add_affiliation(contact, org.id, "市長", None, None, True)
    database.session.commit()
    return contact


@pytest.fixture
def english(make_contact):
    from intl.contacts.services import ContactDetails

    return make_contact(
        family_name="Smith",
        given_name="John",
        name_locale="en",
        latin_name=None,
        chinese_name="史密斯",
        honorific="dr",
        title={"en": "Director"},
        country="US",
        details=ContactDetails(emails=[("work", "smith@example.org")]),
    )


def test_names_follow_the_letters_language(app, japanese, english):
    with app.test_request_context():
        # a Japanese recipient: family name first, in kanji, in Japanese and Chinese letters
        assert filling.recipient_name(japanese, "ja") == "田中博"
        assert filling.recipient_name(japanese, "zh_Hant") == "田中博"
        assert filling.recipient_name(japanese, "en") == "Hiroshi Tanaka"
        # an English recipient: given name first; the Chinese name in Chinese letters
        assert filling.recipient_name(english, "en") == "John Smith"
        assert filling.recipient_name(english, "zh_Hant") == "史密斯"
        # honorifics come from the catalogs in the template's language, whatever the reader's
        assert filling.honorific(english, "en") == "Dr."
        assert filling.honorific(english, "zh_Hant") == "博士"
        assert filling.honorific(japanese, "ja") == "市長"  # the Japanese catalog (issue 15)


def test_a_template_is_filled_in_its_language(app, japanese, english, make_partner, make_agreement):
    yokohama = make_partner()
    make_agreement(yokohama, signed_on=date(2016, 5, 1))
    make_agreement(yokohama, agreement_type="mou", signed_on=date(2020, 1, 1))
    with app.test_request_context():
        sources = filling.Sources(
            on=date(2026, 11, 27),
            contact=japanese,
            partner=yokohama,
            sender_name="陳其邁",
            sender_title="市長",
        )
        ja = filling.values(sources, "ja")
        assert ja["recipient_name"] == "田中博" and ja["partner_name"] == "横浜市"
        assert ja["organization"] == "横浜市国際局" and ja["recipient_title"] == "市長"
        assert ja["anniversary_years"] == "10"  # from the first agreement, 2016
        zh = filling.values(sources, "zh_Hant")
        assert (
            zh["date"] == "民國115年11月27日" and zh["partner_name"] == "橫濱市" and zh["honorific"] == "市長"
        )
        en = filling.values(filling.Sources(on=date(2026, 11, 27), contact=english), "en")
        assert en["date"] == "November 27, 2026"
        body = "Dear {honorific} {recipient_name},\nOur {anniversary_years}th year with {partner_name}."
        assert (
            filling.fill(body, en)
            == "Dear Dr. John Smith,\nOur {anniversary_years}th year with {partner_name}."
        )
        assert filling.unfilled(filling.fill(body, en)) == ["anniversary_years", "partner_name"]


def test_filling_evaluates_nothing(app):
    with app.test_request_context():
        known = {"recipient_name": "Ann"}
        text = "{recipient_name.__class__} {0} {} {{recipient_name}} {recipient_name!r} 100% {recipient_name}"
        assert (
            filling.fill(text, known) == "{recipient_name.__class__} {0} {} {Ann} {recipient_name!r} 100% Ann"
        )


def test_draft_a_reply_from_a_template(
    client, as_role, make_letter, make_template, japanese, make_partner, database
):
    officer = as_role("officer")
    partner = make_partner()
    original = make_letter(
        "incoming",
        parties=[("sender", "contact", japanese.id), ("sender", "partner", partner.id)],
        confidential=False,
    )
    template = make_template(
        kind="thank_you",
        language="ja",
        subject="{partner_name}訪問のお礼",
        body="{organization}\n{recipient_title}　{recipient_name} 様\n\n{delegation_title}のご来訪に感謝いたします。",
    )
    page = page_text(client.get(f"/letters/new/from-template?reply_to={original.id}"))
    assert f"田中博 [#{japanese.id}]" in page  # the sender is proposed as the recipient
    response = client.post(
        f"/letters/new/from-template?reply_to={original.id}",
        data={
            "template_id": str(template.id),
            "contact_id": f"Hiroshi Tanaka [#{japanese.id}]",
            "partner_id": f"Yokohama [#{partner.id}]",
            "letter_on": "2026-11-27",
            "signatory": "me",
            "reply_to": str(original.id),
        },
    )
    assert response.status_code == 302, page_text(response)[:2000]
    draft = database.session.scalars(select(Letter).where(Letter.in_reply_to_id == original.id)).one()
    assert draft.direction == "outgoing" and draft.status == "draft" and draft.language == "ja"
    assert draft.subject == "横浜市訪問のお礼"
    assert draft.body.startswith("横浜市国際局\n市長　田中博 様")
    assert "{delegation_title}" in draft.body  # nothing chose a delegation: left visible
    assert draft.signatory == officer.display_name and draft.template_id == template.id
    assert draft.assigned_to_id == officer.id
    assert sorted((p.role, p.kind) for p in draft.parties) == [
        ("recipient", "contact"),
        ("recipient", "partner"),
    ]
    detail = page_text(client.get(f"/letters/{draft.id}"))
    assert "{delegation_title}" in detail.split("data-placeholders")[1]


def test_a_lecture_speakers_invitation_is_linked_to_the_lecture(
    client, as_role, make_template, make_contact, database
):
    from datetime import UTC, datetime

    from intl.core.models import RECORD_KINDS
    from intl.correspondence.queries import letters_about

    if "lecture" not in RECORD_KINDS:
        pytest.skip("lectures are not part of this build yet")
    from intl.lectures.models import Lecture, LectureSeries

    officer = as_role("officer")
    speaker = make_contact(
        family_name="Gibson", given_name="Neil", name_locale="en", latin_name="Neil Gibson"
    )
    series = LectureSeries(title={"zh_Hant": "外交講座", "en": "Diplomatic lectures"})
    database.session.add(series)
    database.session.flush()
    lecture = Lecture(
        series_id=series.id,
        topic={"en": "Cities as diplomats", "zh_Hant": "城市外交"},
        speaker_id=speaker.id,
        start_dt=datetime(2026, 12, 3, 6, tzinfo=UTC),
        end_dt=datetime(2026, 12, 3, 8, tzinfo=UTC),
    )
    database.session.add(lecture)
    database.session.commit()
    template = make_template(body="Dear {recipient_name}, please speak on {event_title}.")
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/letters/new/from-template?link=lecture:{lecture.id}"))
    assert f"Neil Gibson [#{speaker.id}]" in page and f"lecture #{lecture.id}" in page
    response = client.post(
        "/letters/new/from-template",
        data={
            "template_id": str(template.id),
            "contact_id": f"Neil Gibson [#{speaker.id}]",
            "other_links": f"lecture #{lecture.id}",
            "letter_on": "2026-11-27",
        },
    )
    assert response.status_code == 302
    letter = database.session.scalars(select(Letter)).one()
    assert letter.body == "Dear Neil Gibson, please speak on Cities as diplomats."
    assert [(link.kind, link.entity_id) for link in letter.links] == [("lecture", lecture.id)]
    assert letters_about("lecture", lecture.id, officer) == [letter]
    detail = page_text(client.get(f"/letters/{letter.id}"))
    assert f"/lectures/{lecture.id}" in detail.split("data-links")[1]


def test_templates_are_kept_by_officers(client, as_role, make_user, login, database):
    as_role("officer")
    response = client.post(
        "/letters/templates/new",
        data={
            "kind": "condolence",
            "language": "en",
            "name": "Flood",
            "subject": "Condolences",
            "body": "Dear {recipient_name},",
            "active": "y",
        },
    )
    assert response.status_code == 302
    template = database.session.scalars(select(LetterTemplate)).one()
    response = client.post(
        f"/letters/templates/{template.id}",
        data={
            "kind": "condolence",
            "language": "en",
            "name": "Flood",
            "subject": "Our condolences",
            "body": "Dear {recipient_name},",
            "version": template.version,
        },
    )
    assert response.status_code == 302
    database.session.refresh(template)
    assert template.subject == "Our condolences" and template.active is False
    login(make_user("intern"))
    assert client.get("/letters/templates").status_code == 403
    assert client.get("/letters/new/from-template").status_code == 403


def test_the_standard_templates_are_seeded_once(app, runner, database):
    from intl.correspondence.demo import seed_templates

    first = seed_templates()
    assert first == 19 and seed_templates() == 0  # 11, and the 8 of issue 15 (ko, vi, id, th)
    kinds = {(t.kind, t.language) for t in database.session.scalars(select(LetterTemplate))}
    assert {kind for kind, _l in kinds} == {"invitation", "thank_you", "anniversary", "condolence", "intent"}
    assert ("invitation", "ja") in kinds


def test_a_template_saved_over_someone_elses_change_shows_both(client, as_role, make_template, database):
    template = make_template()
    seen = template.version
    as_role("officer")
    fields = {
        "kind": "invitation",
        "language": "en",
        "name": "invitation en",
        "body": "Dear {recipient_name},",
    }
    assert (
        client.post(
            f"/letters/templates/{template.id}", data={**fields, "subject": "First", "version": seen}
        ).status_code
        == 302
    )
    response = client.post(
        f"/letters/templates/{template.id}", data={**fields, "subject": "Second", "version": seen}
    )
    assert response.status_code == 200
    page = page_text(response)
    assert "First" in page and "Second" in page
    database.session.refresh(template)
    assert template.subject == "First" and template.version == seen + 1
