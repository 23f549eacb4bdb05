from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import vobject
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from intl.contacts.models import Contact, PersonalDataAccess
from intl.contacts.services import ContactDetails
from intl.core.audit import AuditEntry
from tests.helpers import page_text


def contact_form(**overrides):
    data = {
        "family_name": "ใจดี",
        "given_name": "สมชาย",
        "name_locale": "th",
        "chinese_name": "",
        "latin_name": "Somchai Jaidee",
        "honorific": "",
        "country": "TH",
        "emails-0-kind": "work",
        "emails-0-address": "somchai@example.th",
        "phones-0-kind": "mobile",
        "phones-0-number": "+66 81 234 5678",
        "purpose": "protocol",
        "legal_basis": "public_task",
        "languages": ["th", "en"],
        "needs": ["halal"],
        "tags": "VIP, 新南向",
    }
    data.update(overrides)
    return data


def names_found(client, query):
    page = page_text(client.get("/contacts", query_string={"q": query}))
    return page.split("data-contact-list")[1].split("</table>")[0]


def test_create_contact_with_thai_name_and_find_it_without_tone_marks(client, as_role, database):
    as_role("officer")
    response = client.post("/contacts/new", data=contact_form())
    assert response.status_code == 302
    contact = database.session.scalars(select(Contact)).one()
    assert contact.native_name == "สมชาย ใจดี"  # Thai: given name first
    assert [e.address for e in contact.emails] == ["somchai@example.th"]
    assert contact.languages == ["en", "th"] and contact.needs == ["halal"]
    assert sorted(contact.tag_names) == ["VIP", "新南向"]
    assert "สมชาย" in names_found(client, "สมชาย")
    assert "สมชาย" in names_found(client, "ใจด")  # without the tone mark of ใจดี
    assert "สมชาย" in names_found(client, "somchai@example")  # e-mail address
    assert "สมชาย" not in names_found(client, "田中")


def test_search_chinese_by_two_characters_and_vietnamese_without_marks(client, as_role, make_contact):
    as_role("intern")
    make_contact(
        family_name="陳",
        given_name="志明",
        name_locale="zh_Hant",
        chinese_name="陳志明",
        latin_name="Chen Chih-ming",
    )
    make_contact(
        family_name="Nguyễn",
        given_name="Thị Hương",
        name_locale="vi",
        chinese_name=None,
        latin_name=None,
        country="VN",
    )
    assert "陳志明" in names_found(client, "志明")
    assert "Nguyễn Thị Hương" in names_found(client, "nguyen thi huong")
    assert "Nguyễn Thị Hương" in names_found(client, "Hương")
    assert "陳志明" not in names_found(client, "huong")


def test_name_order_follows_the_persons_culture(make_contact):
    assert make_contact(family_name="田中", given_name="博", name_locale="ja").native_name == "田中博"
    assert (
        make_contact(family_name="김", given_name="민수", name_locale="ko").native_name == "김민수"
    )  # written together (issue 15)
    assert (
        make_contact(family_name="Nguyễn", given_name="Văn An", name_locale="vi").native_name
        == "Nguyễn Văn An"
    )
    assert (
        make_contact(family_name="Carter", given_name="Emily", name_locale="en").native_name == "Emily Carter"
    )
    assert make_contact(family_name=None, given_name="Suharti", name_locale="id").native_name == "Suharti"


def listed_in_order(client, locale: str, names: list[str]) -> list[str]:
    client.post("/language", data={"locale": locale})
    page = page_text(client.get("/contacts?sort=name"))
    return sorted(names, key=page.index)


def test_lists_follow_stroke_order_in_chinese_and_the_alphabet_in_english(client, as_role, make_contact):
    as_role("officer")
    people = [  # (Chinese name, Latin name), with the strokes of the family name
        ("黃偉哲", "Huang Wei-che"),  # 黃 12
        ("丁守中", "Ting Shou-chung"),  # 丁 2
        ("陳其邁", "Chen Chi-mai"),  # 陳 11
        ("王金平", "Wang Jin-pyng"),  # 王 4
        ("林佳龍", "Lin Chia-lung"),  # 林 8
    ]
    for chinese, latin in people:
        make_contact(
            family_name=chinese[0],
            given_name=chinese[1:],
            name_locale="zh_Hant",
            chinese_name=chinese,
            latin_name=latin,
        )
    make_contact(
        family_name="大野", given_name="一郎", name_locale="ja", chinese_name=None, latin_name="Ōno Ichirō"
    )
    chinese = [c for c, _latin in people]
    # by strokes, as Taiwan's official lists are (by code point 林 would come before 王), Japanese in kanji among them
    assert listed_in_order(client, "zh_Hant_TW", [*chinese, "大野一郎"]) == [
        "丁守中",
        "大野一郎",
        "王金平",
        "林佳龍",
        "陳其邁",
        "黃偉哲",
    ]
    latin = [latin for _c, latin in people]
    # the accented Ō files under O, not after the last plain letter
    assert listed_in_order(client, "en", [*latin, "Ōno Ichirō"]) == [
        "Chen Chi-mai",
        "Huang Wei-che",
        "Lin Chia-lung",
        "Ōno Ichirō",
        "Ting Shou-chung",
        "Wang Jin-pyng",
    ]


def test_possible_duplicates_are_flagged_and_confirmed(client, as_role, make_contact, database):
    as_role("officer")
    make_contact(
        latin_name="Hiroshi Tanaka", details=ContactDetails(emails=[("work", "tanaka@city.example.jp")])
    )
    same_email = client.post(
        "/contacts/new",
        data=contact_form(
            family_name="",
            given_name="",
            name_locale="",
            latin_name="H. Tanaka",
            **{"emails-0-address": "TANAKA@city.example.jp"},
        ),
    )
    assert same_email.status_code == 200 and "data-duplicates" in page_text(same_email)
    other_script = client.post(
        "/contacts/new",
        data=contact_form(
            family_name="",
            given_name="",
            name_locale="",
            latin_name="Tanaka Hiroshi",
            **{"emails-0-address": ""},
        ),
    )
    assert "data-duplicates" in page_text(other_script)  # word order and case do not matter
    assert database.session.scalar(select(Contact).where(Contact.latin_name == "Tanaka Hiroshi")) is None
    confirmed = client.post(
        "/contacts/new",
        data=contact_form(
            family_name="",
            given_name="",
            name_locale="",
            latin_name="Tanaka Hiroshi",
            confirm_new_person="y",
            **{"emails-0-address": ""},
        ),
    )
    assert confirmed.status_code == 302


def test_interns_see_name_title_and_organization_only(
    client, make_user, login, make_contact, make_organization
):
    from intl.contacts.services import add_affiliation

    org = make_organization()
    contact = make_contact(title={"en": "Director"}, protocol_notes="Prefers green tea")
    add_affiliation(contact, org.id, "Director", None, None, True)
    login(make_user("intern"))
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/contacts/{contact.id}"))
    assert "Hiroshi Tanaka" in page and "Director" in page and "Yokohama International Affairs Bureau" in page
    assert "tanaka@example.jp" not in page and "green tea" not in page and "data-limited-view" in page
    listing = page_text(client.get("/contacts"))
    assert "tanaka@example.jp" not in listing
    assert client.get(f"/contacts/{contact.id}.vcf").status_code == 403
    assert client.get(f"/contacts/{contact.id}/personal-data.json").status_code == 403
    assert client.get("/contacts/export.csv").status_code == 403


def test_viewing_personal_details_is_logged(client, make_user, login, make_contact, database):
    contact = make_contact()
    officer = login(make_user("officer"))
    client.get(f"/contacts/{contact.id}")
    client.get(f"/contacts/{contact.id}.vcf")
    rows = database.session.scalars(
        select(PersonalDataAccess)
        .where(PersonalDataAccess.contact_id == contact.id)
        .order_by(PersonalDataAccess.id)
    ).all()
    assert [(r.user_id, r.action) for r in rows] == [(officer.id, "view"), (officer.id, "export")]
    login(make_user("intern"))
    client.get(f"/contacts/{contact.id}")  # an intern does not see personal details: nothing to log
    assert database.session.query(PersonalDataAccess).count() == 2


def test_export_everything_held_on_one_person(client, as_role, make_contact, make_organization):
    from intl.contacts.services import add_affiliation
    from intl.interactions.services import create_interaction

    as_role("officer")
    contact = make_contact(needs=["halal"], needs_notes="peanut allergy")
    add_affiliation(contact, make_organization().id, "Director", None, None, True)
    create_interaction(
        ("contact", contact.id),
        [],
        kind="meeting",
        subject="Courtesy call",
        occurred_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    from intl.core.db import db

    db.session.commit()
    response = client.get(f"/contacts/{contact.id}/personal-data.json")
    assert response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["contact_uid"] == contact.uid
    profile = json.dumps(data["profile"], ensure_ascii=False)
    assert "tanaka@example.jp" in profile and "peanut allergy" in profile
    assert data["affiliations"][0]["position"] == "Director"
    assert data["interactions"][0]["subject"] == "Courtesy call"
    # The export lists the accesses before it (it is logged when its response leaves).
    assert data["history"] and data["access"] == []
    page = page_text(client.get(f"/contacts/{contact.id}/personal-data"))
    assert "peanut allergy" in page and "Courtesy call" in page
    data = json.loads(client.get(f"/contacts/{contact.id}/personal-data.json").data)
    assert [a["action"] for a in data["access"]] == ["export", "export"]


def test_anonymize_removes_details_but_keeps_history(client, as_role, make_contact, database):
    from intl.interactions.services import create_interaction

    as_role("officer")
    contact = make_contact(needs_notes="peanut allergy", protocol_notes="Seat next to the mayor")
    interaction = create_interaction(
        ("contact", contact.id),
        [],
        kind="meeting",
        subject="Visit to the port",
        occurred_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    database.session.commit()
    assert client.post(f"/contacts/{contact.id}/anonymize", data={"confirm_text": "no"}).status_code == 200
    response = client.post(f"/contacts/{contact.id}/anonymize", data={"confirm_text": "anonymize"})
    assert response.status_code == 302
    database.session.expire_all()
    contact = database.session.get(Contact, contact.id)
    assert contact.is_anonymized and contact.family_name is None and contact.emails == []
    assert contact.needs_notes is None and contact.protocol_notes is None
    assert interaction.id in [i.id for i in database.session.scalars(select(type(interaction)))]
    everything = json.dumps(
        [
            e.changes
            for e in database.session.scalars(
                select(AuditEntry).where(AuditEntry.kind == "contact", AuditEntry.entity_id == contact.id)
            )
        ],
        ensure_ascii=False,
    )
    assert "peanut" not in everything and "tanaka@example.jp" not in everything and "田中" not in everything
    assert "Hiroshi" not in names_found(client, "hiroshi")
    page = page_text(client.get(f"/contacts/{contact.id}"))
    assert "Visit to the port" in page


def test_merge_keeps_both_histories(client, as_role, make_contact, database):
    from intl.interactions.services import create_interaction

    as_role("officer")
    keep = make_contact(
        latin_name="Hiroshi Tanaka", details=ContactDetails(emails=[("work", "a@example.jp")])
    )
    other = make_contact(
        family_name=None,
        given_name=None,
        latin_name="H. Tanaka",
        notes="met at the expo",
        details=ContactDetails(emails=[("work", "b@example.jp")], tag_names=["Expo"]),
    )
    create_interaction(
        ("contact", other.id),
        [],
        kind="call",
        subject="Call about the expo",
        occurred_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    database.session.commit()
    compare = client.post(f"/contacts/{keep.id}/merge", data={"other_id": f"H. Tanaka [#{other.id}]"})
    assert "data-merge-preview" in page_text(compare)
    response = client.post(
        f"/contacts/{keep.id}/merge", data={"other_id": f"H. Tanaka [#{other.id}]", "confirm": "y"}
    )
    assert response.status_code == 302
    database.session.expire_all()
    keep, other = database.session.get(Contact, keep.id), database.session.get(Contact, other.id)
    assert sorted(e.address for e in keep.emails) == ["a@example.jp", "b@example.jp"]
    assert keep.notes == "met at the expo" and keep.tag_names == ["Expo"]
    assert other.archived_at is not None and other.merged_into_id == keep.id
    page = page_text(client.get(f"/contacts/{keep.id}"))
    assert "Call about the expo" in page  # the merged contact's interaction
    assert "met at the expo" in page.split("data-timeline")[1]  # and its audit history


def test_affiliations_over_time_with_one_current(client, as_role, make_contact, make_organization, database):
    as_role("officer")
    contact = make_contact()
    first = make_organization(names={"en": "Osaka Office"})
    second = make_organization(names={"en": "Tokyo Office"})
    client.post(
        f"/contacts/{contact.id}/affiliations",
        data={
            "organization_id": "Osaka Office",
            "position": "Deputy",
            "start_on": "2020-04-01",
            "is_current": "y",
        },
    )
    client.post(
        f"/contacts/{contact.id}/affiliations",
        data={
            "organization_id": f"Tokyo Office [#{second.id}]",
            "position": "Director",
            "start_on": "2024-04-01",
            "is_current": "y",
        },
    )
    database.session.expire_all()
    contact = database.session.get(Contact, contact.id)
    current = [a for a in contact.affiliations if a.is_current]
    assert [a.organization_id for a in current] == [second.id]
    assert {a.organization_id for a in contact.affiliations} == {first.id, second.id}
    bad = client.post(
        f"/contacts/{contact.id}/affiliations",
        data={"organization_id": "Nowhere Office"},
        headers={"Accept-Language": "en"},
    )
    assert bad.status_code == 200 and "Nothing by that name" in page_text(bad)


def test_filters(client, as_role, make_contact, make_organization, make_partner, database):
    from intl.contacts.services import add_affiliation
    from intl.groups.models import GroupMember, WorkingGroup

    as_role("officer")
    partner = make_partner()
    org = make_organization(partner_id=partner.id)
    a = make_contact(
        latin_name="Alpha Person", country="JP", details=ContactDetails(languages=["ja"], tag_names=["VIP"])
    )
    make_contact(
        family_name=None,
        given_name=None,
        latin_name="Beta Person",
        country="TH",
        name_locale="en",
        details=ContactDetails(languages=["th"]),
    )
    add_affiliation(a, org.id, None, None, None, True)
    group = WorkingGroup(names={"zh_Hant": "國際關係小組"})
    database.session.add(group)
    database.session.flush()
    database.session.add(GroupMember(group_id=group.id, contact_id=a.id, role="liaison"))
    database.session.commit()

    def listed(**args):
        return page_text(client.get("/contacts", query_string=args)).split("data-contact-list")[1]

    for args in (
        {"organization": org.id},
        {"partner": partner.id},
        {"country": "JP"},
        {"tag": "VIP"},
        {"language": "ja"},
        {"group_role": "liaison"},
    ):
        text = listed(**args)
        assert "Alpha" in text or "田中" in text, args
        assert "Beta Person" not in text, args
    assert "Beta Person" in listed(language="th")


def test_list_query_count_is_constant(client, as_role, make_contact, make_organization, count_queries):
    from intl.contacts.services import add_affiliation

    as_role("officer")
    org = make_organization()
    add_affiliation(make_contact(), org.id, "x", None, None, True)
    client.get("/contacts")
    with count_queries() as few:
        client.get("/contacts")
    for i in range(20):
        contact = make_contact(
            latin_name=f"Person {i}",
            details=ContactDetails(
                emails=[("work", f"p{i}@example.org")], tag_names=[f"tag{i}"], languages=["en"]
            ),
        )
        add_affiliation(contact, make_organization(names={"en": f"Org {i}"}).id, "x", None, None, True)
    with count_queries() as many:
        client.get("/contacts")
    assert many.count == few.count


def test_timeline_merges_interactions_and_changes_newest_first_paginated(
    client, as_role, make_contact, database
):
    from intl.interactions.services import create_interaction

    as_role("officer")
    contact = make_contact()
    start = datetime.now(UTC) - timedelta(days=60)
    for i in range(25):
        create_interaction(
            ("contact", contact.id),
            [],
            kind="note",
            subject=f"Note {i:02d}",
            occurred_at=start + timedelta(days=i),
        )
    database.session.commit()
    client.post(
        f"/contacts/{contact.id}/edit", data=contact_form(version=contact.version, latin_name="Renamed")
    )
    page = page_text(client.get(f"/contacts/{contact.id}"))
    timeline = page.split("data-timeline")[1]
    # the edit (today) comes before the newest note (35 days ago), which comes before older ones
    assert timeline.index("Renamed") < timeline.index("Note 24") < timeline.index("Note 23")
    assert "Note 05" not in timeline
    older = timeline.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = page_text(client.get(older)).split("data-timeline")[1]
    assert "Note 05" in second and "Note 24" not in second


def test_conflicting_edit_is_refused(client, as_role, make_contact, database):
    as_role("officer")
    contact = make_contact()
    version = contact.version
    assert (
        client.post(
            f"/contacts/{contact.id}/edit", data=contact_form(version=version, notes="first")
        ).status_code
        == 302
    )
    second = client.post(f"/contacts/{contact.id}/edit", data=contact_form(version=version, notes="second"))
    assert "data-conflict" in page_text(second)
    database.session.expire_all()
    assert database.session.get(Contact, contact.id).notes == "first"


def test_hostile_names_stored_verbatim_and_escaped(client, as_role, database):
    as_role("officer")
    name = "<img src=x onerror=alert(1)>'; DROP TABLE contact;--"
    response = client.post("/contacts/new", data=contact_form(latin_name=name, family_name="", given_name=""))
    contact_id = int(response.location.rsplit("/", 1)[1])
    assert database.session.get(Contact, contact_id).latin_name == name
    page = page_text(client.get(f"/contacts/{contact_id}"))
    assert "<img src=x" not in page and str(escape(name)) in page


def test_vcard_export_reads_back(client, as_role, make_contact, make_organization):
    from intl.contacts.services import add_affiliation

    as_role("officer")
    contact = make_contact(
        chinese_name="田中博",
        title={"en": "Director"},
        details=ContactDetails(
            emails=[("work", "tanaka@example.jp")], phones=[("mobile", "+81 90 1234 5678")], tag_names=["VIP"]
        ),
    )
    add_affiliation(contact, make_organization().id, "Director", None, None, True)
    first = client.get(f"/contacts/{contact.id}.vcf")
    assert first.mimetype == "text/vcard"
    card = vobject.readOne(first.data.decode())
    assert card.version.value == "4.0"
    assert card.n.value.family == "田中" and card.n.value.given == "博"
    assert {fn.value for fn in card.contents["fn"]} == {"田中博", "Hiroshi Tanaka"}
    assert card.email.value == "tanaka@example.jp"
    assert card.tel.value == "+81 90 1234 5678"
    assert card.org.value == ["Yokohama International Affairs Bureau"]
    assert card.uid.value == f"urn:uuid:{contact.uid}"
    listing = client.get("/contacts/export.vcf")
    cards = list(vobject.readComponents(listing.data.decode()))
    assert [c.uid.value for c in cards] == [f"urn:uuid:{contact.uid}"]


def test_csv_and_xlsx_exports_follow_filters(client, as_role, make_contact):
    as_role("officer")
    make_contact(country="JP")
    make_contact(
        family_name=None,
        given_name=None,
        latin_name="Somchai Jaidee",
        country="TH",
        details=ContactDetails(emails=[("work", "somchai@example.th")]),
    )
    client.post("/language", data={"locale": "en"})
    csv_text = client.get("/contacts/export.csv", query_string={"country": "TH"}).data.decode("utf-8-sig")
    assert "Somchai Jaidee" in csv_text and "Hiroshi" not in csv_text
    sheet = load_workbook(io.BytesIO(client.get("/contacts/export.xlsx").data)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Display name" and {r[5] for r in rows[1:]} == {"Hiroshi Tanaka", "Somchai Jaidee"}


def test_duplicate_keys_match_across_scripts_but_not_sound_alikes():
    from intl.contacts.duplicates import match_keys

    def same(a, b):
        stored_a, probes_a = match_keys(*a)
        stored_b, probes_b = match_keys(*b)
        return bool(probes_a & stored_b) or bool(probes_b & stored_a)

    assert same((None, None, None, "Nguyen Van An"), ("Nguyễn", "Văn An", None, None))
    assert same((None, None, None, "An Nguyen Van"), (None, None, None, "Nguyen Van An"))
    assert same(("김", "민수", None, None), (None, None, None, "Gim Minsu"))
    assert same((None, None, "陳志明", None), (None, None, None, "Zhiming Chen"))
    assert not same((None, None, "陳志明", None), (None, None, "陳智明", None))  # same sound, other person
    assert not same((None, None, "徐銘志", None), (None, None, "徐志明", None))


def test_a_purged_contact_leaves_the_search_index_and_the_duplicate_keys(
    client, login, make_user, make_contact, database
):
    from intl.contacts.duplicates import ContactMatchKey
    from intl.core.archive import archive
    from intl.core.search import SearchDoc

    contact = make_contact()
    contact_id = contact.id
    archive(contact)
    database.session.commit()
    assert database.session.scalars(
        select(ContactMatchKey).where(ContactMatchKey.contact_id == contact_id)
    ).all()
    login(make_user("admin"))
    response = client.post(f"/admin/archive/contact/{contact_id}/purge", data={"confirm": "purge"})
    assert response.status_code == 302
    database.session.expire_all()
    assert database.session.get(Contact, contact_id) is None
    assert not database.session.scalars(
        select(SearchDoc).where(SearchDoc.kind == "contact", SearchDoc.entity_id == contact_id)
    ).all()
    assert not database.session.scalars(
        select(ContactMatchKey).where(ContactMatchKey.contact_id == contact_id)
    ).all()


def test_an_affiliation_is_changed_only_under_its_own_contact(
    client, as_role, make_contact, make_organization, database
):
    from intl.contacts.services import add_affiliation

    as_role("officer")
    org = make_organization()
    one = make_contact()
    other = make_contact(latin_name="Someone Else", family_name="", given_name="")
    affiliation = add_affiliation(one, org.id, "Director", None, None, True)
    database.session.commit()
    assert client.get(f"/contacts/{other.id}/affiliations/{affiliation.id}").status_code == 404
    assert client.post(f"/contacts/{other.id}/affiliations/{affiliation.id}/remove").status_code == 404
    assert client.get(f"/contacts/{one.id}/affiliations/{affiliation.id}").status_code == 200


def test_list_row_shows_the_current_organization_first_email_and_tags(
    client, as_role, make_contact, make_organization
):
    """The list's organization, e-mail and tag columns (read for the page's rows in plain queries) show what
    the contact's own record says: the current affiliation that started last, the first address, tags by
    name; someone without access to personal data sees neither addresses nor tags."""
    from datetime import date

    from intl.contacts.services import add_affiliation

    contact = make_contact(
        latin_name="Listed Person",
        details=ContactDetails(
            emails=[("work", "first@example.org"), ("home", "second@example.org")],
            tag_names=["zeta", "alpha"],
        ),
    )
    earlier = make_organization(names={"en": "Earlier Current Org"})
    later = make_organization(names={"en": "Later Current Org"})
    past = make_organization(names={"en": "Past Org"})
    add_affiliation(contact, past.id, "x", date(2010, 1, 1), date(2012, 1, 1), False)
    add_affiliation(contact, earlier.id, "x", date(2015, 1, 1), None, True)
    add_affiliation(contact, later.id, "x", date(2020, 1, 1), None, True)
    assert contact.current_affiliation.organization_id == later.id

    as_role("officer")
    row = _list_row(client.get("/contacts?q=Listed").get_data(as_text=True), "Listed Person")
    assert "Later Current Org" in row and "Earlier Current Org" not in row and "Past Org" not in row
    assert "first@example.org" in row and "second@example.org" not in row
    assert row.index(">alpha<") < row.index(">zeta<")

    as_role("intern")
    row = _list_row(client.get("/contacts?q=Listed").get_data(as_text=True), "Listed Person")
    assert "Later Current Org" in row
    assert "first@example.org" not in row and "alpha" not in row


def _list_row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]
