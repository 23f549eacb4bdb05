"""The order of precedence for real cases: rank from the title and the office's table, guests before hosts
among equals, each tie-break rule, adjustments; the list printed and exported and read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from intl.protocol import services
from intl.protocol.queries import precedence

GOVERNOR = {"ja": "神奈川県知事", "en": "Governor of Kanagawa Prefecture"}
MAYOR = {"ja": "横浜市長", "en": "Mayor of Yokohama", "zh_Hant": "橫濱市長"}
DEPUTY_MAYOR = {"ja": "横浜市副市長", "en": "Deputy Mayor of Yokohama"}
REPRESENTATIVE = {
    "en": "Representative, Japan-Taiwan Exchange Association",
    "zh_Hant": "日本台灣交流協會代表",
}
DEPUTY_MINISTER = {"en": "Deputy Minister of Foreign Affairs", "zh_Hant": "外交部次長"}


def names(occasion):
    return [e.person.latin_name or e.person.native_name for e in precedence(occasion)]


@pytest.mark.parametrize(
    ("senior", "junior"),
    [
        (GOVERNOR, MAYOR),  # a governor against a mayor
        (REPRESENTATIVE, DEPUTY_MINISTER),  # a representative (ambassador's rank) against a deputy minister
        (MAYOR, DEPUTY_MAYOR),  # 副市長 is not taken for 市長
    ],
    ids=["governor-mayor", "representative-deputy-minister", "mayor-deputy-mayor"],
)
def test_rank_from_title_orders_real_cases(person, occasion_with, senior, junior):
    low = person(junior, latin="Junior")
    high = person(senior, latin="Senior")
    occasion = occasion_with([(low, "guest"), (high, "guest")])  # added in the wrong order on purpose
    assert names(occasion) == ["Senior", "Junior"]
    ranks = [e.participant.rank.code for e in precedence(occasion)]
    assert ranks[0] != ranks[1]


def test_a_guest_precedes_a_host_of_equal_rank(person, make_leader, occasion_with):
    host = make_leader(
        names={"zh_Hant": "陳其邁", "en": "Chen Chi-mai"}, title={"zh_Hant": "市長", "en": "Mayor"}
    )
    guest = person(MAYOR, latin="Guest Mayor")
    occasion = occasion_with([(host, "host"), (guest, "guest")])
    assert names(occasion) == ["Guest Mayor", "Chen Chi-mai"]


def _three_mayors(person, make_partner, make_agreement):
    """Mayors from Japan, Thailand and the Philippines, who took office and tied with the city at
    different times: each rule puts a different one first."""
    jp = make_partner(names={"en": "Kumamoto"}, country="JP", timezone="Asia/Tokyo")
    th = make_partner(names={"en": "Chiang Mai"}, country="TH", timezone="Asia/Bangkok")
    ph = make_partner(names={"en": "Cebu"}, country="PH", timezone="Asia/Manila")
    make_agreement(jp, signed_on=date(2010, 1, 1))
    make_agreement(th, signed_on=date(2020, 1, 1))
    make_agreement(ph, signed_on=date(1962, 1, 1))
    people = [
        (person(MAYOR, latin="Japan", country="JP"), jp, date(2021, 5, 1)),
        (
            person(MAYOR, latin="Thailand", country="TH", locale="th", family="ทองดี", given="สมชาย"),
            th,
            date(2019, 1, 1),
        ),
        (
            person(MAYOR, latin="Philippines", country="PH", locale="en", family="Cruz", given="Maria"),
            ph,
            date(2023, 7, 1),
        ),
    ]
    return people


@pytest.mark.parametrize(
    ("rule", "locale", "expected"),
    [
        ("office_date", "zh_Hant_TW", ["Thailand", "Japan", "Philippines"]),
        # 日本 (4 strokes) · 泰國 (10) · 菲律賓 (12): Taiwan's official order, by stroke count.
        ("alphabetical", "zh_Hant_TW", ["Japan", "Thailand", "Philippines"]),
        ("alphabetical", "en", ["Japan", "Philippines", "Thailand"]),
        ("tie_seniority", "zh_Hant_TW", ["Philippines", "Japan", "Thailand"]),
    ],
)
def test_equals_are_broken_by_the_rule_the_office_chooses(
    database, person, make_partner, make_agreement, occasion_with, rule, locale, expected
):
    people = _three_mayors(person, make_partner, make_agreement)
    occasion = occasion_with([(contact, "guest") for contact, _partner, _since in people])
    for participant, (_contact, partner, since) in zip(
        sorted(occasion.participants, key=lambda p: p.ref_id),
        sorted(people, key=lambda x: x[0].id),
        strict=True,
    ):
        services.update_participant(participant, partner_id=partner.id, took_office_on=since)
    services.update_occasion(occasion, tie_break=rule, host_locale=locale)
    database.session.commit()
    assert names(occasion) == expected


def test_an_adjustment_with_its_reason_moves_a_person(database, person, occasion_with):
    mayor = person(MAYOR, latin="Mayor")
    former = person({"en": "Former Deputy Mayor"}, latin="Former")  # a deputy mayor's rank ...
    occasion = occasion_with([(mayor, "guest"), (former, "guest")])
    assert names(occasion) == ["Mayor", "Former"]
    participant = next(p for p in occasion.participants if p.ref_id == former.id)
    services.update_participant(participant, adjustment=-20, adjustment_reason="Guest of honour")
    database.session.commit()
    assert names(occasion) == ["Former", "Mayor"]


def test_the_officer_needs_a_reason_to_adjust(client, as_role, person, occasion_with):
    as_role("officer")
    occasion = occasion_with([(person(MAYOR), "guest")])
    participant = occasion.participants[0]
    url = f"/protocol/occasions/{occasion.id}/participants/{participant.id}"
    response = client.post(
        url, data={"side": "guest", "role": "member", "adjustment": "-5", "adjustment_reason": ""}
    )
    assert response.status_code == 200
    assert "Say why the rank is adjusted." in response.get_data(as_text=True)
    response = client.post(
        url,
        data={
            "side": "guest",
            "role": "member",
            "adjustment": "-5",
            "adjustment_reason": "Spouse of the governor",
        },
    )
    assert response.status_code == 302


def test_the_office_edits_its_ranking_table(client, as_role, database, person, occasion_with):
    as_role("officer")
    response = client.post(
        "/protocol/ranks/new",
        data={
            "label-0-locale": "zh_Hant", "label-0-text": "市長特別顧問",
            "label-1-locale": "en", "label-1-text": "Special adviser to a mayor",
            "code": "mayors_adviser", "level": "72", "keywords": "Special Adviser to the Mayor\n市長特別顧問",
            "reception": "deputy_mayor", "active": "y",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)
    adviser = person({"en": "Special Adviser to the Mayor of Cebu"}, latin="Adviser")
    mayor = person(MAYOR, latin="Mayor")
    occasion = occasion_with([(mayor, "guest"), (adviser, "guest")])
    entries = precedence(occasion)
    assert [e.person.latin_name for e in entries] == ["Adviser", "Mayor"]
    assert entries[0].participant.rank.label["zh_Hant"] == "市長特別顧問"
    page = client.get("/protocol/ranks").get_data(as_text=True)
    assert "市長特別顧問" in page or "Special adviser to a mayor" in page


def test_the_default_table_is_there_in_every_language(client, as_role):
    as_role("intern")
    page = client.get("/protocol/ranks").get_data(as_text=True)
    for label in ("Governor", "Deputy mayor", "Secretary-general", "Section chief"):
        assert label in page


def test_the_list_is_printed_and_exported(client, as_role, person, make_leader, occasion_with):
    as_role("intern")
    host = make_leader()
    guests = [person(GOVERNOR, latin="Governor"), person(MAYOR, latin="Mayor", chinese="山田市長")]
    occasion = occasion_with([(host, "host")] + [(g, "guest") for g in guests])
    page = client.get(f"/protocol/occasions/{occasion.id}")
    assert page.status_code == 200
    response = client.get(f"/protocol/occasions/{occasion.id}/precedence.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert [r[2] for r in rows[1:]] == [guests[0].native_name, guests[1].native_name, "陳其邁"]
    pdf = client.get(f"/protocol/occasions/{occasion.id}/precedence.pdf")
    assert pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert text.index(guests[0].native_name) < text.index("陳其邁")
    assert "Order of precedence" in text


def test_starting_from_a_delegation_takes_its_members_and_hosts(
    client, as_role, database, person, make_delegation, make_leader, make_engagement
):
    from tests.protocol.conftest import add_member_to

    as_role("officer")
    delegation = make_delegation()
    head = person(MAYOR, latin="Head")
    interpreter = person({"en": "Interpreter"}, latin="Interpreter")
    add_member_to(delegation, head, "head")
    add_member_to(delegation, interpreter, "interpreter")
    mayor = make_leader()
    make_engagement(leaders=[mayor.id], delegation_id=delegation.id)
    database.session.commit()
    start = client.get(f"/protocol/for/delegation/{delegation.id}")
    assert b"data-start-protocol" in start.data
    response = client.post(f"/protocol/for/delegation/{delegation.id}/start")
    assert response.status_code == 302
    occasion_id = int(response.location.rsplit("/", 1)[1])
    from intl.protocol.models import Occasion

    occasion = database.session.get(Occasion, occasion_id)
    by_ref = {(p.kind, p.ref_id): p for p in occasion.participants}
    assert by_ref[("contact", head.id)].role == "principal"
    assert by_ref[("contact", interpreter.id)].interprets_for_id == by_ref[("contact", head.id)].id
    assert by_ref[("leader", mayor.id)].side == "host"
    assert by_ref[("contact", head.id)].partner_id == delegation.partners[0].id
    # A second visit to the link opens the desk
    assert client.get(f"/protocol/for/delegation/{delegation.id}").status_code == 302


def test_reading_the_list_costs_the_same_for_5_or_40_people(database, person, occasion_with, count_queries):
    counts = []
    for size in (5, 40):
        occasion = occasion_with([(person(MAYOR), "guest") for _ in range(size)])
        database.session.expire_all()
        with count_queries() as counter:
            entries = precedence(occasion)
        assert len(entries) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
