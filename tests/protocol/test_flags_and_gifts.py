"""Flags (host's on its own right, several nations in the host language's order, partners that avoid national
flags) and gifts checked against cultural cautions, beside what the guest and their partner were given."""

from __future__ import annotations

from datetime import date

import pytest
from flask import current_app

from intl.gifts.services import create_gift
from intl.protocol.cautions import Guest, check
from intl.protocol.flags import GuestFlag, arrangement


def labels(row):
    return [(f.country if f.kind == "national" else f.label) for f in row]


def test_two_nations_each_practice():
    guest = [GuestFlag("JP")]
    assert labels(arrangement("TW", guest, "host_right", "zh_Hant_TW")) == ["TW", "JP"]
    assert labels(arrangement("TW", guest, "guest_right", "zh_Hant_TW")) == ["JP", "TW"]


def test_several_nations_in_the_host_languages_order():
    guests = [GuestFlag("PH"), GuestFlag("TH"), GuestFlag("JP"), GuestFlag("JP"), GuestFlag("TW")]
    # 日本 · 泰國 · 菲律賓 by strokes; Japan · Philippines · Thailand in English
    assert labels(arrangement("TW", guests, "host_right", "zh_Hant_TW")) == ["TW", "JP", "TH", "PH"]
    assert labels(arrangement("TW", guests, "host_right", "en")) == ["TW", "JP", "PH", "TH"]


def test_a_partner_that_avoids_national_flags():
    guests = [
        GuestFlag("JP", 1, "Yokohama", "city"),
        GuestFlag("PH", 2, "Cebu", "none"),
        GuestFlag("TH", 3, "Chiang Mai"),
    ]
    assert labels(arrangement("TW", guests, "host_right", "en")) == ["TW", "TH", "Yokohama"]


@pytest.mark.parametrize(
    ("gift", "guest", "expected"),
    [
        ("Table clock with the city's emblem", Guest("TW", "zh_Hant"), {("clock", "chinese")}),
        ("茶杯四件組", Guest("CN", "zh_Hans"), {("four", "chinese")}),
        ("Tea cups, set of 4", Guest("JP", "ja"), {("four", "japanese")}),
        ("Folding umbrella", Guest("JP", "ja"), set()),
        ("Folding umbrella", Guest("SG", "en"), {("umbrella", "chinese")}),
        ("美濃刀 paper knife", Guest("JP", "ja"), {("knife", "japanese")}),
        ("Kinmen Kaoliang liquor 金門高粱酒", Guest("FR", "fr", needs=("halal",)), {("alcohol", "muslim")}),
        ("Pork jerky 豬肉乾", Guest("ID", "id"), {("pork", "muslim_country")}),
        ("Pineapple cakes", Guest("ID", "id", notes="Muslim; prays five times a day"), set()),
        ("Gummy sweets with gelatine", Guest("GB", "en", notes="Muslim guest"), {("pork", "muslim")}),
        ("剪紙 paper-cut art", Guest("JP", "ja"), set()),
    ],
)
def test_cautions(gift, guest, expected):
    assert {(c.kind, c.why) for c in check(gift, guest)} == expected


def test_flags_page_and_a_partners_choice(client, as_role, database, make_partner, person, occasion_with):
    as_role("officer")
    cebu = make_partner(names={"en": "Cebu City"}, country="PH", timezone="Asia/Manila")
    guest = person({"en": "Mayor"}, country="PH", locale="en", family="Rama", given="Michael")
    occasion = occasion_with([(guest, "guest")], partner=cebu)
    page = client.get(f"/protocol/occasions/{occasion.id}/flags").get_data(as_text=True)
    assert page.index('data-flag="national:TW"') < page.index('data-flag="national:PH"')
    response = client.post(
        f"/protocol/occasions/{occasion.id}/flags/{cebu.id}",
        data={"choice": "city", "note": "Cebu's own flag"},
    )
    assert response.status_code == 302
    page = client.get(f"/protocol/occasions/{occasion.id}/flags").get_data(as_text=True)
    assert (
        'data-flag="city:PH"' in page
        and 'data-flag="national:PH"' not in page
        and "Cebu&#39;s own flag" in page
    )
    assert current_app.config.get("OFFICE_COUNTRY", "TW") == "TW"


def test_gift_check_shows_cautions_and_what_was_given_before(
    client, as_role, database, make_partner, person, occasion_with
):
    as_role("officer")
    yokohama = make_partner()
    guest = person({"ja": "横浜市長"}, country="JP", locale="ja", needs=["halal"])
    create_gift("given", exchanged_on=date(2024, 5, 1), contact_id=guest.id, description="Hakka blue-dye scarf",
                estimated_value=800, official_courtesy=True)  # fmt: skip
    create_gift("given", exchanged_on=date(2022, 3, 1), partner_id=yokohama.id, description="Kaohsiung harbour painting",
                estimated_value=2000, official_courtesy=True)  # fmt: skip
    occasion = occasion_with([(guest, "guest")], partner=yokohama)
    participant = occasion.participants[0]
    url = f"/protocol/occasions/{occasion.id}/participants/{participant.id}/gift"
    page = client.get(url, query_string={"description": "Set of four sake cups 酒杯四入"}).get_data(
        as_text=True
    )
    assert (
        'data-caution="four"' in page
        and 'data-caution="alcohol"' in page
        and 'data-caution="knife"' not in page
    )
    assert "Hakka blue-dye scarf" in page and "Kaohsiung harbour painting" in page
    page = client.get(url, query_string={"description": "Oolong tea"}).get_data(as_text=True)
    assert "data-no-caution" in page
