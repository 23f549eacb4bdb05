"""A visit's dates in its partners' calendars: their public holidays (Japan, Vietnam, Thailand ... from the
holidays library, in the reader's language where it has one), and Ramadan with the Hijri date for guests who
keep it. The delegation page shows them; the printed itinerary names them (read back with pypdf)."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from intl.delegations.services import add_member, create_delegation
from tests.helpers import page_text


def visit(database, partners, start, end, **fields):
    delegation = create_delegation(
        [p.id for p in partners],
        title={"zh_Hant": "亞洲城市交流", "en": "Asian cities exchange"},
        start_on=start,
        end_on=end,
        **fields,
    )
    database.session.commit()
    return delegation


def test_golden_week_songkran_and_reunification_day_in_a_visit_s_dates(
    client, as_role, make_partner, database
):
    as_role("officer")
    yokohama = make_partner()
    da_nang = make_partner(
        names={"vi": "Đà Nẵng", "en": "Da Nang"}, country="VN", timezone="Asia/Ho_Chi_Minh"
    )
    chiang_mai = make_partner(
        names={"th": "เชียงใหม่", "en": "Chiang Mai"}, country="TH", timezone="Asia/Bangkok"
    )
    delegation = visit(database, [yokohama, da_nang, chiang_mai], date(2026, 4, 12), date(2026, 5, 5))
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/delegations/{delegation.id}"))
    assert "Songkran Festival" in page and "Showa Day" in page and "Constitution Day" in page
    assert "Liberation Day/Reunification Day" in page
    assert page.count('data-partner-holiday="TH"') >= 3 and 'data-partner-holiday="JP"' in page
    # in Chinese, the library has Thai and Japanese names but no Chinese ones: English, as the library offers
    client.post("/language", data={"locale": "zh_Hant_TW"})
    assert "Songkran Festival" in page_text(client.get(f"/delegations/{delegation.id}"))


def test_tet_for_a_vietnamese_partner_on_the_printed_itinerary(client, as_role, make_partner, database):
    as_role("officer")
    da_nang = make_partner(
        names={"vi": "Đà Nẵng", "en": "Da Nang"}, country="VN", timezone="Asia/Ho_Chi_Minh"
    )
    delegation = visit(database, [da_nang], date(2026, 2, 15), date(2026, 2, 18), direction="outbound")
    response = client.get(f"/delegations/{delegation.id}/itinerary.pdf")
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    # bilingual: the country in Chinese and in the sheet's second language (the partner's: Vietnamese), the
    # holiday by its English name and the country's own
    assert "越南 Việt Nam: Lunar New Year" in text and "Second Day of Lunar New Year" in text
    assert "Tết Nguyên Đán" in text


def test_ramadan_for_a_guest_who_keeps_it(client, as_role, make_partner, make_contact, database):
    as_role("officer")
    surabaya = make_partner(names={"id": "Surabaya", "en": "Surabaya"}, country="ID", timezone="Asia/Jakarta")
    fasting = make_contact(
        family_name="Rahman",
        given_name="Siti",
        name_locale="id",
        latin_name="Siti Rahman",
        country="ID",
        needs_notes="Keeps Ramadan; meals after sunset",
    )
    other = make_contact(family_name="Tan", given_name="Wei", latin_name="Tan Wei", country="SG")
    delegation = visit(database, [surabaya], date(2026, 3, 17), date(2026, 3, 21))
    add_member(delegation, fasting.id, role="head")
    add_member(delegation, other.id, role="member")
    database.session.commit()
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/delegations/{delegation.id}"))
    assert "Ramadan, day 28 (28 Ramadan 1447 AH)" in page and "Eid al-Fitr (1 Shawwal 1447 AH)" in page
    assert (
        "Fasting: Siti Rahman" in page and "Tan Wei" not in page.split("data-ramadan")[1].split("</div>")[0]
    )
    assert "Hari Raya Idul Fitri" in page or "Eid al-Fitr" in page
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(client.get(f"/delegations/{delegation.id}/itinerary.pdf").data)).pages
    )
    assert "1447" in text and "Ramadan" in text
    # without the guest who fasts, no Ramadan line
    with_no_one = visit(database, [surabaya], date(2026, 3, 17), date(2026, 3, 18))
    add_member(with_no_one, other.id)
    database.session.commit()
    assert "data-ramadan" not in page_text(client.get(f"/delegations/{with_no_one.id}"))
