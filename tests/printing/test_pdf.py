"""Printed itinerary and briefing: the PDFs are read back with pypdf and must hold the Chinese and the English
text, embed the vendored CJK font, and keep confidential details from those who may not read them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from intl.core.localized import LocalizedText
from intl.core.pdf import FONT_FAMILY, FONT_FAMILY_JP

DAY_ONE = datetime(2026, 11, 27, tzinfo=UTC)  # 民國115年11月27日


def pdf_text(response) -> str:
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(response) -> set[str]:
    reader = PdfReader(io.BytesIO(response.data))
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for part in descendants:
                descriptor = part.get_object().get("/FontDescriptor")
                if descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    names.add(str(font["/BaseFont"]))
    return names


@pytest.fixture
def trip(database, make_user, make_partner, make_contact):
    """A two-day visit from Yokohama: a courtesy call with the mayor, confidential talks, a flight home."""
    from intl.delegations.services import add_member, create_delegation
    from intl.schedule.models import Leader
    from intl.schedule.services import create_engagement

    officer = make_user("officer", display_name="王小明")
    mayor_account = make_user("leader")
    mayor = Leader(
        names=LocalizedText({"zh_Hant": "陳其邁", "en": "Chen Chi-mai"}),
        title=LocalizedText({"zh_Hant": "市長", "en": "Mayor"}),
        user_id=mayor_account.id,
    )
    database.session.add(mayor)
    database.session.flush()
    guest = make_contact(needs=["halal"])
    delegation = create_delegation(
        [make_partner().id],
        title=LocalizedText({"zh_Hant": "橫濱市經貿訪問團", "en": "Yokohama Trade Mission"}),
        direction="inbound",
        start_on=date(2026, 11, 27),
        end_on=date(2026, 11, 28),
        status="confirmed",
        lead_officer_id=officer.id,
        emergency_contacts="國際事務科值班 Duty officer: +886 912 345 678",
    )
    add_member(
        delegation,
        guest.id,
        role="head",
        arrival_flight="JL809",
        arrival_at=DAY_ONE - timedelta(hours=10),
        hotel="漢來大飯店 Grand Hi-Lai",
    )

    def engagement(**fields):
        values = {
            "kind": "meeting",
            "timezone": "Asia/Taipei",
            "visibility": "internal",
            "status": "confirmed",
            "delegation_id": delegation.id,
        }
        values.update(fields)
        values["end_dt"] = values["start_dt"] + timedelta(hours=1)
        participants = values.pop("participants", {"leader": [mayor.id], "contact": [guest.id], "user": []})
        return create_engagement(participants, **values)

    engagement(
        kind="courtesy_call",
        title=LocalizedText({"zh_Hant": "拜會市長", "en": "Courtesy call on the Mayor"}),
        start_dt=DAY_ONE + timedelta(hours=2),  # 10:00 in Taipei
        venue="四維行政中心 Siwei Administration Center",
        address="高雄市苓雅區四維三路2號",
        host="市長室 Mayor's Office",
        dress_code="西裝 Business suit",
        interpreter="林美華 (日語 Japanese)",
        notes="致贈紀念品 Exchange of gifts",
        participants={"leader": [mayor.id], "contact": [guest.id], "user": [officer.id]},
    )
    engagement(
        title=LocalizedText({"zh_Hant": "機密會談", "en": "Secret talks"}),
        start_dt=DAY_ONE + timedelta(hours=6),
        venue="Room 9",
        visibility="confidential",
        participants={"leader": [mayor.id], "contact": [], "user": []},
    )
    engagement(
        kind="departure",
        title=LocalizedText({"zh_Hant": "返程", "en": "Flight home"}),
        start_dt=DAY_ONE + timedelta(days=1),  # 09:00 in Tokyo is 08:00 in Taipei
        timezone="Asia/Tokyo",
        venue="羽田機場 Haneda Airport",
    )
    database.session.commit()
    return {"delegation": delegation, "mayor": mayor, "mayor_account": mayor_account, "officer": officer}


def itinerary(client, trip):
    return client.get(f"/delegations/{trip['delegation'].id}/itinerary.pdf")


def test_itinerary_holds_both_languages_and_embeds_the_cjk_font(client, as_role, trip):
    """Yokohama's delegation: Chinese and Japanese (the partner's language); records without a Japanese
    name print their English one."""
    as_role("admin")
    response = itinerary(client, trip)
    text = pdf_text(response)
    for expected in (
        "橫濱市經貿訪問團",
        "Yokohama Trade Mission",
        "民國115年11月27日",
        "2026年11月27日金曜日",
        "橫濱市",
        "Yokohama",
        "王小明",
        "拜會市長",
        "Courtesy call on the Mayor",
        "市長 陳其邁",
        "Mayor Chen Chi-mai",
        "四維行政中心",
        "西裝 Business suit",
        "林美華",
        "致贈紀念品",
        "服裝",
        "服装",
        "日程表",  # the sheet's own words from the Japanese catalog
        "表敬訪問",
        "地點",
        "会場",
        "機密會談",  # the administrator sees everything
        "Flight home",
        "(台北 08:00)",
        "田中博様",  # addressed as a Japanese reader addresses him
        "田中",
        "JL809",
        "漢來大飯店",
        "清真",
        "+886 912 345 678",
        "緊急聯絡",
        "緊急連絡先",
    ):
        assert expected in text, expected
    # The vendored font, embedded (as a subset): Chinese renders on machines without CJK fonts.
    # Japanese in the Japanese face (lang="ja"), the rest in the office's.
    assert {name.split("+")[-1] for name in embedded_fonts(response)} == {
        FONT_FAMILY.replace(" ", "-"),
        FONT_FAMILY_JP.replace(" ", "-"),
    }
    assert "no-store" in response.headers["Cache-Control"]


def test_confidential_engagement_is_busy_for_an_officer_who_is_not_on_it(client, login, make_user, trip):
    login(make_user("officer"))
    text = pdf_text(itinerary(client, trip))
    assert "忙碌" in text and "予定あり" in text
    assert "機密會談" not in text and "Secret talks" not in text and "Room 9" not in text
    assert "拜會市長" in text


def test_the_lead_officer_sees_the_confidential_engagement(client, login, trip):
    login(trip["officer"])
    assert "機密會談" in pdf_text(itinerary(client, trip))


def test_an_intern_sees_no_confidential_details_nor_personal_data(client, as_role, trip):
    as_role("intern")
    text = pdf_text(itinerary(client, trip))
    assert "機密會談" not in text and "Secret talks" not in text and "Room 9" not in text
    assert "JL809" not in text and "漢來大飯店" not in text and "清真" not in text
    assert "拜會市長" in text and "Hiroshi Tanaka" in text


def test_itinerary_refuses_leaders_not_on_the_trip_and_unknown_delegations(client, as_role, trip):
    as_role("leader")
    assert itinerary(client, trip).status_code == 403
    as_role("officer")
    assert client.get("/delegations/999999/itinerary.pdf").status_code == 404


def test_a_leader_opens_the_itinerary_of_the_trip_he_leads(client, login, database, trip):
    """As his feed carries it: the engagements he takes part in, his confidential talks included; nothing he is
    not on, and no member's personal details."""
    from intl.delegations.services import create_delegation
    from intl.schedule.services import create_engagement

    create_engagement(
        {"leader": [], "contact": [], "user": [trip["officer"].id]},
        delegation_id=trip["delegation"].id,
        kind="meeting",
        title=LocalizedText({"zh_Hant": "承辦人會前會", "en": "Officers' briefing"}),
        start_dt=DAY_ONE + timedelta(hours=1),
        end_dt=DAY_ONE + timedelta(hours=2),
        visibility="internal",
    )
    elsewhere = create_delegation(
        [], title={"en": "Another visit"}, start_on=date(2026, 12, 1), end_on=date(2026, 12, 2)
    )
    database.session.commit()
    login(trip["mayor_account"])
    text = pdf_text(itinerary(client, trip))
    assert "拜會市長" in text and "機密會談" in text and "返程" in text
    assert "承辦人會前會" not in text and "Officers' briefing" not in text
    assert "JL809" not in text and "漢來大飯店" not in text
    assert client.get(f"/delegations/{trip['delegation'].id}/itinerary.ics").status_code == 200
    assert client.get(f"/delegations/{elsewhere.id}/itinerary.pdf").status_code == 403
    assert client.get(f"/delegations/{trip['delegation'].id}").status_code == 403  # the page is for staff


def test_briefing_for_a_leaders_day(client, as_role, trip):
    as_role("officer")
    response = client.get(f"/schedule/briefing/{trip['mayor'].id}/2026-11-27.pdf")
    text = pdf_text(response)
    for expected in (
        "市長",
        "陳其邁",
        "Mayor",
        "Chen Chi-mai",
        "民國115年11月27日",
        "Friday, November 27, 2026",
        "拜會市長",
        "Courtesy call on the Mayor",
        "橫濱市經貿訪問團",
        "高雄市苓雅區四維三路2號",
        "Mayor's Office",
        "西裝 Business suit",
        "林美華",
        "Hiroshi Tanaka",
        "致贈紀念品",
        "10:00",
        "忙碌",  # the confidential talks: this officer is not on them
    ):
        assert expected in text, expected
    assert "機密會談" not in text
    assert "Flight home" not in text  # the next day


def test_the_leader_reads_their_own_confidential_engagement(client, login, make_user, trip):
    login(trip["mayor_account"])
    url = f"/schedule/briefing/{trip['mayor'].id}/2026-11-27.pdf"
    assert "機密會談" in pdf_text(client.get(url))
    login(make_user("leader"))  # another leader's aide: a leader's briefing is for that leader's own account
    assert client.get(url).status_code == 403


def test_briefing_refuses_bad_dates_unknown_leaders_and_interns(client, as_role, trip):
    as_role("admin")
    for bad in ("2026-13-40", "20261127", "yesterday", "2026-2-3"):
        assert client.get(f"/schedule/briefing/{trip['mayor'].id}/{bad}.pdf").status_code == 400, bad
    assert client.get("/schedule/briefing/999999/2026-11-27.pdf").status_code == 404
    as_role("intern")
    assert client.get(f"/schedule/briefing/{trip['mayor'].id}/2026-11-27.pdf").status_code == 403


def test_the_renderer_fetches_nothing_but_its_font(app, tmp_path):
    """Whatever a record's text holds, printing never opens the server's files or the network."""
    from PIL import Image

    from intl.core.pdf import render_pdf

    picture = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    with app.app_context():
        pdf = render_pdf(
            f'<p>市長 Mayor</p><img src="{picture.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        )
    reader = PdfReader(io.BytesIO(pdf))
    assert "市長 Mayor" in reader.pages[0].extract_text()
    assert b"/Image" not in pdf


def test_the_fetcher_opens_the_vendored_fonts_and_nothing_beside_them(tmp_path):
    """Each vendored font opens; their neighbours, other files and the network do not (not even with a query
    string, a fragment or a path that climbs back out)."""
    from intl.core.pdf import FONTS, _font_only_fetcher

    fetcher = _font_only_fetcher()
    for path in FONTS.values():
        response = fetcher.fetch(path.as_uri())
        try:
            assert len(response.read()) == path.stat().st_size
        finally:
            response.close()
    font = next(iter(FONTS.values()))
    (tmp_path / "font.otf").write_bytes(font.read_bytes()[:64])
    for url in (
        (font.parent / "LICENSE").as_uri(),
        (tmp_path / "font.otf").as_uri(),
        f"{font.parent.as_uri()}/../../../../intl/config.py",
        f"{font.as_uri()}#/../LICENSE",
        "file:///etc/passwd",
        "http://127.0.0.1:9/font.otf",
    ):
        with pytest.raises(ValueError, match="refused to fetch"):
            fetcher.fetch(url)


@pytest.mark.parametrize(
    ("html", "families"),
    [
        ('<html lang="zh-Hant"><p>市長 Mayor</p></html>', {"Intl Desk Print"}),
        ('<html lang="ja"><p>市長 Mayor</p></html>', {"Intl Desk Print JP"}),
        ('<html lang="ko"><p>市長 Mayor</p></html>', {"Intl Desk Print KR"}),
        (
            '<html lang="zh-Hant"><p>市長 <span lang="ja-JP">市長</span></p></html>',
            {"Intl Desk Print", "Intl Desk Print JP"},
        ),
        (
            '<html lang="en"><p>Mayor 市長 시장 นายกเทศมนตรี</p></html>',
            {"Intl Desk Print", "Intl Desk Print KR", "Intl Desk Print Thai"},
        ),
    ],
)
def test_each_language_takes_its_own_font_first(app, html, families):
    """A kanji every font has prints in the shapes of the text's language (Traditional Chinese unless told);
    other scripts fall back, glyph by glyph, to the first font that has them."""
    from types import SimpleNamespace

    from intl.core.pdf import render_pdf

    with app.app_context():
        pdf = render_pdf(html)
    assert {name.split("+")[-1] for name in embedded_fonts(SimpleNamespace(data=pdf))} == {
        family.replace(" ", "-") for family in families
    }
