"""Invitation lists built from contacts with the contact list's filters, the mail-merge export in each
guest's language, and the personal RSVP link."""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import select

from intl.events.models import Registration
from tests.helpers import page_text


def test_invite_contacts_by_filters_and_export_for_mail_merge(
    client, as_role, make_event, make_contact, make_organization, database
):
    from intl.contacts.services import ContactDetails, add_affiliation

    as_role("officer")
    consulate = make_organization(
        names={"ja": "日本台湾交流協会高雄事務所", "en": "Japan-Taiwan Exchange Association, Kaohsiung"},
        kind="embassy",
    )
    tanaka = make_contact(
        honorific="he",
        title={"ja": "所長", "en": "Chief", "zh_Hant": "處長"},
        details=ContactDetails(
            emails=[("work", "tanaka@koryu.or.jp")], languages=["ja", "en"], tag_names=["envoy"]
        ),
    )
    add_affiliation(tanaka, consulate.id, "Chief", None, None, True)
    lin = make_contact(
        family_name="林",
        given_name="美華",
        name_locale="zh_Hant",
        latin_name="Lin Mei-hua",
        country="TW",
        honorific="prof",
        details=ContactDetails(emails=[("work", "lin@nsysu.edu.tw")]),
    )
    make_contact(
        family_name="Smith", given_name="Anna", name_locale="en", latin_name="Anna Smith", country="US"
    )
    database.session.commit()
    event = make_event(registration_mode="invited", capacity=50)

    page = page_text(
        client.get(f"/events/{event.id}/invitations?country=JP", headers={"Accept-Language": "en"})
    )
    assert "Hiroshi Tanaka" in page and "Anna Smith" not in page
    client.post(
        f"/events/{event.id}/invitations",
        data={"country": "JP", "scope": "ticked", "contact": [str(tanaka.id)]},
    )
    client.post(f"/events/{event.id}/invitations", data={"country": "TW", "scope": "all"})
    client.post(
        f"/events/{event.id}/invitations", data={"tag": "envoy", "scope": "all"}
    )  # already on the list
    invited = database.session.scalars(select(Registration).order_by(Registration.id)).all()
    assert [(r.contact_id, r.status, r.source) for r in invited] == [
        (tanaka.id, "invited", "invitation"),
        (lin.id, "invited", "invitation"),
    ]
    assert "On the list" in page_text(
        client.get(f"/events/{event.id}/invitations?country=JP", headers={"Accept-Language": "en"})
    )

    body = client.get(f"/events/{event.id}/invitations.xlsx", headers={"Accept-Language": "en"}).data
    rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    header, first, second = rows
    assert header[:3] == ("Honorific", "Name", "Family name")
    assert first[:8] == (
        "閣下",  # written in Japanese, the language Tanaka's name is in (issue 15)
        "Hiroshi Tanaka",
        "田中",
        "博",
        "所長",
        "日本台湾交流協会高雄事務所",
        "Chief",
        "tanaka@koryu.or.jp",
    )
    assert first[9] == "ja" and first[10] == "Invited"
    assert second[1] == "林美華" and second[9] == "zh_Hant_TW" and second[0] != "Prof."  # written in Chinese
    rsvp = first[11]
    assert f"/register/{event.registration_token}/r/" in rsvp

    # the guest answers through the personal link: consent is needed to accept
    path = "/" + rsvp.split("/", 3)[3]
    anonymous = client.application.test_client()
    page = page_text(anonymous.get(path, headers={"Accept-Language": "en"}))
    assert "You are invited" in page and "data-invitation-answer" in page
    anonymous.post(path, data={"action": "accept"})
    database.session.expire_all()
    assert database.session.get(Registration, invited[0].id).status == "invited"
    anonymous.post(path, data={"action": "accept", "consent": "y"})
    database.session.expire_all()
    accepted = database.session.get(Registration, invited[0].id)
    assert accepted.status == "registered" and accepted.consent_at is not None
    lin_path = "/" + second[11].split("/", 3)[3]
    anonymous.post(lin_path, data={"action": "decline"})
    database.session.expire_all()
    assert database.session.get(Registration, invited[1].id).status == "declined"


def test_invite_all_needs_a_filter(client, as_role, make_event):
    as_role("officer")
    event = make_event()
    assert client.post(f"/events/{event.id}/invitations", data={"scope": "all"}).status_code == 400
    assert "Choose at least one filter" in page_text(
        client.get(f"/events/{event.id}/invitations", headers={"Accept-Language": "en"})
    )
