from __future__ import annotations

import io

from openpyxl import load_workbook

from intl.organizations.models import Organization
from tests.helpers import page_text


def org_form(**overrides):
    data = {
        "names-0-locale": "zh_Hant",
        "names-0-text": "國立中山大學",
        "names-1-locale": "en",
        "names-1-text": "National Sun Yat-sen University",
        "kind": "university",
        "country": "TW",
        "website": "https://www.nsysu.edu.tw",
        "tags": "大學, 外交講座",
    }
    data.update(overrides)
    return data


def test_create_with_parent_and_partner_through_pickers(
    client, as_role, make_organization, make_partner, database
):
    as_role("officer")
    parent = make_organization(names={"ja": "八王子市役所", "en": "Hachioji City Office"})
    partner = make_partner(names={"ja": "八王子市", "en": "Hachioji"})
    response = client.post(
        "/organizations/new",
        data=org_form(
            **{
                "names-0-text": "国際交流課",
                "names-0-locale": "ja",
                "names-1-text": "International Exchange Division",
            },
            kind="government",
            country="JP",
            parent_id="Hachioji City Office",
            partner_id=f"Hachioji [#{partner.id}]",
        ),
    )
    assert response.status_code == 302
    org = database.session.query(Organization).filter(Organization.id != parent.id).one()
    assert org.parent_id == parent.id and org.partner_id == partner.id
    page = page_text(client.get(f"/organizations/{parent.id}"))
    assert "International Exchange Division" in page or "国際交流課" in page


def test_picker_refuses_ambiguous_and_unknown_names(client, as_role, make_organization):
    as_role("officer")
    make_organization(names={"en": "City Office"}, country="JP")
    make_organization(names={"en": "City Office"}, country="KR")
    response = client.post(
        "/organizations/new", data=org_form(parent_id="City Office"), headers={"Accept-Language": "en"}
    )
    assert "Several records have that name" in page_text(response)
    response = client.post(
        "/organizations/new", data=org_form(parent_id="Nowhere"), headers={"Accept-Language": "en"}
    )
    assert "Nothing by that name" in page_text(response)
    response = client.post(
        "/organizations/new",
        data=org_form(parent_id="City Office [#999999]"),
        headers={"Accept-Language": "en"},
    )
    assert "No such record" in page_text(response)


def test_an_organization_cannot_be_inside_itself(client, as_role, make_organization, database):
    as_role("officer")
    top = make_organization(names={"en": "Top"})
    child = make_organization(names={"en": "Child"}, parent_id=top.id)
    response = client.post(
        f"/organizations/{top.id}/edit",
        data=org_form(
            **{"names-0-locale": "en", "names-0-text": "Top", "names-1-text": ""},
            parent_id=f"Child [#{child.id}]",
            version=top.version,
        ),
        headers={"Accept-Language": "en"},
    )
    assert "cannot be inside itself" in page_text(response)


def test_search_filters_and_export(client, as_role, make_organization):
    as_role("intern")
    make_organization(
        names={"zh_Hant": "國立中山大學", "en": "National Sun Yat-sen University"},
        kind="university",
        country="TW",
    )
    make_organization(
        names={"th": "สำนักงานการค้าและเศรษฐกิจไทย", "en": "Thailand Trade and Economic Office"},
        kind="embassy",
        country="TH",
    )
    listing = page_text(client.get("/organizations", query_string={"q": "中山"}))
    assert "國立中山大學" in listing and "Thailand" not in listing
    listing = page_text(client.get("/organizations", query_string={"kind": "embassy"}))
    assert "Thailand" in listing and "中山" not in listing.split("data-organization-list")[1]
    client.post("/language", data={"locale": "en"})
    sheet = load_workbook(
        io.BytesIO(client.get("/organizations/export.xlsx", query_string={"country": "TH"}).data)
    ).active
    rows = list(sheet.values)
    assert rows[0][0] == "Name" and [r[0] for r in rows[1:]] == ["Thailand Trade and Economic Office"]


def test_lookup_suggests_by_any_script(client, as_role, make_organization):
    as_role("intern")
    org = make_organization(names={"ja": "横浜市国際局", "en": "Yokohama International Affairs Bureau"})
    data = client.get("/lookup/organization", query_string={"q": "国際"}).get_json()
    assert data == [{"id": org.id, "label": f"{org.names.get_for('zh_Hant_TW')} [#{org.id}]"}]
    assert client.get("/lookup/organization").get_json() == []


def test_the_page_lists_its_people_without_importing_contacts(
    client, as_role, make_organization, make_contact, database
):
    """Organizations sit below contacts: the page's people come from a query the contacts register."""
    import grimp

    from intl.contacts.services import add_affiliation
    from intl.core.archive import archive

    graph = grimp.build_graph("intl")
    assert not graph.chain_exists(importer="intl.organizations", imported="intl.contacts", as_packages=True)

    as_role("intern")
    org = make_organization(names={"en": "Yokohama City Office"})
    now = make_contact(latin_name="Hiroshi Tanaka", chinese_name="田中博")
    left = make_contact(
        family_name="佐藤", given_name="花子", latin_name="Hanako Sato", chinese_name="佐藤花子"
    )
    gone = make_contact(
        family_name="鈴木", given_name="一郎", latin_name="Ichiro Suzuki", chinese_name="鈴木一郎"
    )
    add_affiliation(now, org.id, "Director", None, None, True)
    add_affiliation(left, org.id, "Clerk", None, None, False)
    add_affiliation(gone, org.id, "Adviser", None, None, True)
    archive(gone)
    database.session.commit()
    people = page_text(client.get(f"/organizations/{org.id}")).split("data-people")[1].split("</ul>")[0]
    assert "田中博" in people and "Director" in people
    assert "佐藤花子" not in people and "鈴木一郎" not in people


def test_conflicting_edit_is_refused(client, as_role, make_organization, database):
    as_role("officer")
    org = make_organization(names={"en": "City Office"})
    version = org.version
    edited = {"names-0-locale": "en", "names-0-text": "City Office", "names-1-text": "", "version": version}
    first = client.post(f"/organizations/{org.id}/edit", data=org_form(**edited, notes="first"))
    assert first.status_code == 302
    second = client.post(f"/organizations/{org.id}/edit", data=org_form(**edited, notes="second"))
    assert second.status_code == 200 and "data-conflict" in page_text(second)
    database.session.expire_all()
    assert database.session.get(Organization, org.id).notes == "first"


def test_a_purged_organization_leaves_the_search_index(client, login, make_user, make_organization, database):
    from sqlalchemy import select

    from intl.core.archive import archive
    from intl.core.search import SearchDoc, matching_ids

    org = make_organization(names={"en": "Kaohsiung Port Authority"})
    org_id = org.id
    archive(org)
    database.session.commit()
    assert list(database.session.scalars(matching_ids("organization", "Port Authority"))) == [org_id]
    login(make_user("admin"))
    response = client.post(f"/admin/archive/organization/{org_id}/purge", data={"confirm": "purge"})
    assert response.status_code == 302
    docs = database.session.scalars(select(SearchDoc).where(SearchDoc.kind == "organization")).all()
    assert org_id not in {d.entity_id for d in docs}
