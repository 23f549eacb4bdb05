from __future__ import annotations

import io
from datetime import date

from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from intl.core.audit import AuditEntry
from intl.partners.models import Partner
from tests.helpers import page_text


def partner_form(**overrides):
    data = {
        "names-0-locale": "ja",
        "names-0-text": "横浜市",
        "names-1-locale": "en",
        "names-1-text": "Yokohama",
        "names-2-locale": "zh_Hant",
        "names-2-text": "橫濱市",
        "kind": "city",
        "country": "JP",
        "timezone": "",
        "relationship": "prospect",
        "relationship_since": "",
        "focus_areas": ["trade", "technology"],
        "notes": "Port city",
        "latitude": "35.44",
        "longitude": "139.64",
    }
    data.update(overrides)
    return data


def test_create_partner_with_names_in_several_scripts(client, as_role, database):
    as_role("officer")
    response = client.post("/partners/new", data=partner_form())
    assert response.status_code == 302
    partner = database.session.scalars(select(Partner)).one()
    assert list(partner.names.items()) == [("ja", "横浜市"), ("en", "Yokohama"), ("zh_Hant", "橫濱市")]
    assert partner.timezone == "Asia/Tokyo"  # Japan has one zone: defaulted
    assert partner.focus_areas == ["technology", "trade"]
    assert not partner.new_southbound
    entry = database.session.scalars(select(AuditEntry).where(AuditEntry.kind == "partner")).one()
    assert entry.action == "create" and entry.changes["country"] == [None, "JP"]


def test_shown_in_viewers_language(client, as_role, make_partner):
    as_role("officer")
    partner = make_partner()
    client.post("/language", data={"locale": "en"})
    assert '<h1 class="h3 mb-1">Yokohama</h1>' in page_text(client.get(f"/partners/{partner.id}"))
    client.post("/language", data={"locale": "zh_Hant_TW"})
    assert '<h1 class="h3 mb-1">橫濱市</h1>' in page_text(client.get(f"/partners/{partner.id}"))


def test_country_with_several_zones_needs_a_choice(client, as_role):
    as_role("officer")
    form = partner_form(
        country="US",
        **{"names-0-locale": "en", "names-0-text": "Seattle", "names-1-text": "", "names-2-text": ""},
    )
    response = client.post("/partners/new", data=form, headers={"Accept-Language": "en"})
    assert response.status_code == 200 and "several time zones" in page_text(response)
    form["timezone"] = "America/Los_Angeles"
    assert client.post("/partners/new", data=form).status_code == 302


def test_invalid_input_gets_messages_not_500(client, as_role):
    as_role("officer")
    bad = partner_form(
        country="XX",
        latitude="200",
        **{"names-0-locale": "", "names-1-locale": "", "names-2-locale": ""},
    )
    response = client.post("/partners/new", data=bad, headers={"Accept-Language": "en"})
    text = page_text(response)
    assert response.status_code == 200
    assert "Choose a country" in text or "Not a valid choice" in text
    assert "Choose the language of each name" in text


def test_duplicate_language_refused(client, as_role):
    as_role("officer")
    response = client.post(
        "/partners/new", data=partner_form(**{"names-1-locale": "ja"}), headers={"Accept-Language": "en"}
    )
    assert "only one name" in page_text(response)


def test_new_southbound_is_derived_from_country(make_partner):
    assert make_partner(names={"vi": "Đà Nẵng"}, country="VN", timezone="Asia/Ho_Chi_Minh").new_southbound
    assert make_partner(names={"en": "Darwin"}, country="AU", timezone="Australia/Darwin").new_southbound
    assert not make_partner(names={"ko": "부산"}, country="KR", timezone="Asia/Seoul").new_southbound


def find(client, **args):
    response = client.get("/partners", query_string=args)
    assert response.status_code == 200
    return page_text(response)


def test_search_by_any_name_and_script(client, as_role, make_partner):
    as_role("intern")
    make_partner()
    make_partner(
        names={"vi": "Đà Nẵng", "en": "Da Nang", "zh_Hant": "峴港市"},
        country="VN",
        timezone="Asia/Ho_Chi_Minh",
    )
    make_partner(names={"th": "เชียงใหม่", "en": "Chiang Mai"}, country="TH", timezone="Asia/Bangkok")
    assert "橫濱市" in find(client, q="横浜")  # 2-character Japanese substring
    assert "橫濱市" in find(client, q="濱市")  # 2-character Chinese substring
    assert "峴港市" in find(client, q="da nang")  # Vietnamese typed without diacritics
    assert "峴港市" in find(client, q="Nẵng")
    assert "Chiang Mai" in find(client, q="เชียงใหม")  # Thai without the tone mark
    assert "峴港市" not in find(client, q="横浜")


def test_filters(client, as_role, make_partner):
    as_role("officer")
    make_partner(relationship="sister", focus_areas=["culture"])
    make_partner(
        names={"vi": "Đà Nẵng"},
        country="VN",
        timezone="Asia/Ho_Chi_Minh",
        relationship="friendly",
        focus_areas=["trade"],
    )
    assert "Đà Nẵng" in find(client, country="VN") and "橫濱市" not in find(client, country="VN")
    assert "Đà Nẵng" in find(client, nsb="yes") and "橫濱市" not in find(client, nsb="yes")
    assert "橫濱市" in find(client, nsb="no") and "Đà Nẵng" not in find(client, nsb="no")
    assert "橫濱市" in find(client, relationship="sister") and "Đà Nẵng" not in find(
        client, relationship="sister"
    )
    assert "Đà Nẵng" in find(client, focus="trade") and "橫濱市" not in find(client, focus="trade")


def test_sorting_and_pagination(client, as_role, make_partner):
    as_role("officer")
    for i in range(55):
        make_partner(names={"en": f"Town {i:02d}"}, relationship_since=date(2000 + i % 20, 1, 1))
    client.post("/language", data={"locale": "en"})
    first = find(client, sort="name")
    assert "Town 00" in first and "Town 49" in first and "Town 50" not in first
    assert "1–50 of 55" in first
    next_link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = page_text(client.get(next_link))
    assert "Town 50" in second and "Town 54" in second and "51–55 of 55" in second
    descending = find(client, sort="-name")
    assert descending.index("Town 54") < descending.index("Town 53")
    assert "Town" in find(client, sort="-since")


def test_list_query_count_is_constant(client, as_role, make_partner, count_queries):
    as_role("officer")
    make_partner()
    client.get("/partners")
    with count_queries() as few:
        client.get("/partners")
    for i in range(30):
        make_partner(names={"en": f"Town {i}"}, focus_areas=["trade", "culture"])
    with count_queries() as many:
        client.get("/partners")
    assert many.count == few.count


def test_detail_query_count_is_constant(client, as_role, make_partner, make_agreement, count_queries):
    as_role("officer")
    partner = make_partner()
    make_agreement(partner)
    url = f"/partners/{partner.id}"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    for year in range(2000, 2010):
        make_agreement(partner, signed_on=date(year, 1, 1), agreement_type="mou")
    with count_queries() as many:
        client.get(url)
    assert many.count == few.count


def test_exports_follow_the_filters(client, as_role, make_partner):
    as_role("officer")
    make_partner()
    make_partner(names={"vi": "Đà Nẵng", "zh_Hant": "峴港市"}, country="VN", timezone="Asia/Ho_Chi_Minh")
    client.post("/language", data={"locale": "en"})
    csv_response = client.get("/partners/export.csv", query_string={"nsb": "yes"})
    assert csv_response.mimetype == "text/csv"
    text = csv_response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("No.,Name,Name in Chinese,Name in English")
    assert "Đà Nẵng" in text and "Yokohama" not in text

    xlsx = client.get("/partners/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("No.", "Name", "Name in Chinese")
    names = {row[1] for row in rows[1:]}
    assert names == {"Yokohama", "Đà Nẵng"}


def test_edit_records_history_and_stage_date(app, client, as_role, make_partner, database):
    as_role("officer")
    partner = make_partner(relationship="prospect")
    # The standing is not edited on the partner: it follows from its ties.
    form = partner_form(relationship="sister", version=partner.version, timezone="Asia/Tokyo")
    assert client.post(f"/partners/{partner.id}/edit", data=form).status_code == 302
    database.session.expire_all()
    partner = database.session.get(Partner, partner.id)
    assert partner.relationship == "prospect" and partner.relationship_since is None
    page = page_text(client.get(f"/partners/{partner.id}"))
    assert "data-timeline" in page and "Port city" in page
    entries = database.session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == partner.id, AuditEntry.action == "update")
    ).all()
    assert "relationship" not in entries[-1].changes and "notes" in entries[-1].changes


def test_second_save_on_an_old_version_is_refused_and_shows_both(client, as_role, make_partner, database):
    as_role("officer")
    partner = make_partner(notes="original")
    opened_version = partner.version
    first = partner_form(notes="first editor's note", version=opened_version, timezone="Asia/Tokyo")
    assert client.post(f"/partners/{partner.id}/edit", data=first).status_code == 302
    second = partner_form(notes="second editor's note", version=opened_version, timezone="Asia/Tokyo")
    response = client.post(f"/partners/{partner.id}/edit", data=second, headers={"Accept-Language": "en"})
    text = page_text(response)
    assert response.status_code == 200 and "data-conflict" in text
    assert "first editor&#39;s note" in text and "second editor&#39;s note" in text
    database.session.expire_all()
    assert database.session.get(Partner, partner.id).notes == "first editor's note"
    # the form now carries the current version: saving again overwrites deliberately
    current = database.session.get(Partner, partner.id).version
    assert f'value="{current}"' in text
    second["version"] = current
    assert client.post(f"/partners/{partner.id}/edit", data=second).status_code == 302
    database.session.expire_all()
    assert database.session.get(Partner, partner.id).notes == "second editor's note"


def test_archive_hides_and_admin_restores(client, make_user, login, make_partner, database):
    officer = make_user("officer")
    admin = make_user("admin")
    login(officer)
    partner = make_partner()
    assert client.post(f"/partners/{partner.id}/archive").status_code == 302
    assert "橫濱市" not in find(client)
    assert "橫濱市" not in find(client, q="横浜")
    assert client.get(f"/partners/{partner.id}").status_code == 404
    login(admin)
    assert "横浜市" in page_text(client.get("/admin/archive"))
    assert client.post(f"/admin/archive/partner/{partner.id}/restore").status_code == 302
    assert "橫濱市" in find(client, q="横浜")
    actions = database.session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_id == partner.id, AuditEntry.kind == "partner")
    ).all()
    assert actions == ["create", "archive", "restore"]


def test_purge_needs_confirmation_and_keeps_last_state_in_the_log(client, as_role, make_partner, database):
    from intl.core.archive import archive
    from intl.core.search import SearchDoc

    as_role("admin")
    partner = make_partner()
    archive(partner)
    database.session.commit()
    partner_id = partner.id
    client.post(f"/admin/archive/partner/{partner_id}/purge")
    assert database.session.get(Partner, partner_id) is not None
    client.post(f"/admin/archive/partner/{partner_id}/purge", data={"confirm": "purge"})
    database.session.expire_all()
    assert database.session.get(Partner, partner_id) is None
    assert database.session.get(SearchDoc, ("partner", partner_id)) is None
    entry = database.session.scalars(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert entry.changes["state"]["names"]["ja"] == "横浜市"


HOSTILE = [
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE partner;--",
    '" onmouseover="alert(1)',
    "長" * 300,
    "{{ 7*7 }} {% raw %}",
]


def test_hostile_input_is_stored_verbatim_and_shown_escaped(client, as_role, database):
    as_role("officer")
    for text in HOSTILE:
        response = client.post(
            "/partners/new",
            data=partner_form(
                **{
                    "names-0-locale": "en",
                    "names-0-text": text,
                    "names-1-text": "",
                    "names-2-text": "",
                    "notes": text,
                    "region": text[:200],
                }
            ),
        )
        assert response.status_code == 302, text
        partner_id = int(response.location.rsplit("/", 1)[1])
        partner = database.session.get(Partner, partner_id)
        assert partner.names["en"] == text and partner.notes == text
        page = page_text(client.get(f"/partners/{partner_id}"))
        assert "<script>alert" not in page
        assert str(escape(text)) in page
    too_long = client.post(
        "/partners/new", data=partner_form(notes="x" * 30000), headers={"Accept-Language": "en"}
    )
    assert too_long.status_code == 200 and "20000" in page_text(too_long)
