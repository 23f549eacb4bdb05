"""Dates in a partner's own era (ICU's calendars): Japanese era names for Japanese partners, Buddhist-era years
for Thai ones, on the printed itinerary (read back with pypdf), and when a document asks for none."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from intl.delegations.services import create_delegation
from intl.workdays.eras import document_era, era_date


def test_era_dates_across_an_era_change():
    assert era_date(date(2026, 12, 7), "japanese") == "令和8年12月7日"
    assert era_date(date(2019, 4, 30), "japanese") == "平成31年4月30日"
    assert era_date(date(2019, 5, 1), "japanese") == "令和元年5月1日"
    assert era_date(date(2026, 12, 7), "buddhist") == "7 ธันวาคม 2569"
    assert era_date(date(2026, 12, 7), "buddhist", "en") == "December 7, 2569 BE"
    assert document_era(["US", "JP"]) == "japanese" and document_era(["TH"]) == "buddhist"
    assert document_era(["JP"], "none") is None and document_era(["US"]) is None
    assert document_era(["US"], "buddhist") == "buddhist"


def text_of(response) -> str:
    assert response.status_code == 200
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)


def test_the_itinerary_for_japanese_and_thai_partners_dates_in_their_era(
    client, as_role, make_partner, database
):
    as_role("officer")
    yokohama = make_partner()
    chiang_mai = make_partner(
        names={"th": "เชียงใหม่", "en": "Chiang Mai"}, country="TH", timezone="Asia/Bangkok"
    )
    seattle = make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    visits = {}
    for name, partner in (("jp", yokohama), ("th", chiang_mai), ("us", seattle)):
        visits[name] = create_delegation(
            [partner.id], title={"en": f"Visit {name}"}, start_on=date(2026, 12, 7), end_on=date(2026, 12, 8)
        )
    database.session.commit()
    japanese = text_of(client.get(f"/delegations/{visits['jp'].id}/itinerary.pdf"))
    assert "令和8年12月7日" in japanese and "令和8年12月8日" in japanese
    thai = text_of(client.get(f"/delegations/{visits['th'].id}/itinerary.pdf"))
    assert "2569" in thai
    american = text_of(client.get(f"/delegations/{visits['us'].id}/itinerary.pdf"))
    assert "令和" not in american and "2569" not in american
    # the document may ask: none for the Japanese partner, the Buddhist era for another
    assert "令和" not in text_of(client.get(f"/delegations/{visits['jp'].id}/itinerary.pdf?era=none"))
    assert "2569" in text_of(client.get(f"/delegations/{visits['us'].id}/itinerary.pdf?era=buddhist"))
    assert client.get(f"/delegations/{visits['us'].id}/itinerary.pdf?era=mayan").status_code == 400
