"""The partner import brings whole records: each partner with its tie (type, party, signing date at the
precision known, state, source), territories with their own code, any spreadsheet through the mapping step,
and a file the partner export writes reads back to the same partners."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import delete, select

from intl.core.db import db
from intl.core.localized import LocalizedText
from intl.imports.models import ImportMapping
from intl.partners.anniversaries import anniversaries_between
from intl.partners.models import Agreement, Partner, PartnerFocus
from intl.partners.services import create_partner
from tests.helpers import page_text

EN = {"Accept-Language": "en"}


def upload(client, data: bytes, filename: str):
    return client.post(
        "/import/partner",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers=EN,
    )


def commit(client, location: str, skip_duplicates: bool = True):
    data = {"skip_duplicates": "y"} if skip_duplicates else {}
    response = client.post(location + "/commit", data=data, headers=EN)
    assert response.status_code == 302, page_text(response)[:1000]


def partners_by_name(database) -> dict[str, Partner]:
    database.session.expire_all()
    return {p.names.get("en"): p for p in database.session.scalars(select(Partner))}


def test_imported_partners_get_their_ties_numbers_and_anniversaries(client, as_role, database):
    as_role("officer")
    next_year = date.today().year + 1
    csv_text = (
        "Name in English,Country,Time zone,Agreement type,Party on our side,Signed on,State of the agreement\n"
        f"Seattle,United States,America/Los_Angeles,Sister city agreement,City government,{next_year - 30}-03-01,in force\n"
        f"Busan,Korea,,sister,,{next_year - 10}-01-20,\n"
        "Gone City,Japan,,friendly,,1990-05-05,void\n"
        f"Council Friend,Japan,,sister,city council,{next_year - 25}-02-03,\n"
    )
    response = upload(client, csv_text.encode(), "partners.csv")
    assert response.status_code == 302
    commit(client, response.location)
    partners = partners_by_name(database)
    seattle, busan, gone, council = (partners[n] for n in ("Seattle", "Busan", "Gone City", "Council Friend"))
    assert [(a.agreement_type, a.state, a.source) for a in seattle.agreements] == [
        ("sister", "in_force", "Imported from partners.csv")
    ]
    # Numbered in order of signing, as ties kept by hand; a void tie and another party's tie are not.
    assert (seattle.sequence_no, busan.sequence_no, gone.sequence_no, council.sequence_no) == (
        1,
        2,
        None,
        None,
    )
    assert (seattle.relationship, gone.relationship, council.relationship) == ("sister", "former", "sister")
    found, _total = anniversaries_between(date(next_year, 1, 1), date(next_year, 12, 31))
    assert {(a.partner_id, a.years) for a in found} == {(seattle.id, 30), (busan.id, 10), (council.id, 25)}
    assert all(a.partner_id != gone.id for a in found)


def test_a_list_made_elsewhere_goes_through_the_mapping_step_which_is_remembered(client, as_role, database):
    as_role("officer")
    csv_text = (
        "城市,Nation,Tie,Since,Comment\n"
        "Yokohama,Japan,sister,1962,port city\n"
        'Agana,"Guam, United States",friendly,1974-07,\n'
        "Nowhere,Atlantis,sister,2025-02-30,\n"
        ",Japan,sister,2001-01-01,\n"
    ).encode()
    response = upload(client, csv_text, "from-elsewhere.csv")
    assert response.status_code == 302 and response.location.endswith("/columns")
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert "城市" in page and "Yokohama" in page and "Nation" in page  # each column, with its first values
    # A duplicate choice and a missing name are refused, the choices kept.
    refused = client.post(response.location, data={"col-0": "country", "col-1": "country"}, headers=EN)
    assert "cannot both become the same column" in page_text(refused)
    assert "Say which column holds the name" in page_text(refused)
    chosen = {
        "col-0": "name_en",
        "col-1": "country",
        "col-2": "tie_type",
        "col-3": "signed_on",
        "col-4": "notes",
    }
    mapped = client.post(response.location, data=chosen, headers=EN)
    assert mapped.status_code == 302 and "/columns" not in mapped.location
    preview = page_text(client.get(mapped.location, headers=EN))
    problems = preview.split("data-invalid-rows")[1].split("</table>")[0]
    assert "Unknown country: Atlantis" in problems and "That date does not exist." in problems
    assert "Enter at least one name." in problems  # every row it cannot take, named with its reason
    commit(client, mapped.location)
    partners = partners_by_name(database)
    assert set(partners) == {"Yokohama", "Agana"}
    yokohama, agana = partners["Yokohama"], partners["Agana"]
    assert (yokohama.agreements[0].signed_on, yokohama.agreements[0].signed_precision) == (
        date(1962, 1, 1),
        "year",
    )
    assert (yokohama.relationship_since, yokohama.since_precision, yokohama.notes) == (
        date(1962, 1, 1),
        "year",
        "port city",
    )
    assert (agana.country, agana.timezone) == ("GU", "Pacific/Guam")
    assert (agana.agreements[0].signed_on, agana.agreements[0].signed_precision) == (
        date(1974, 7, 1),
        "month",
    )
    # The next file with the same headings is read the same way, without asking.
    again = upload(client, csv_text, "from-elsewhere-2.csv")
    assert again.status_code == 302 and "/columns" not in again.location
    assert "Yokohama" in page_text(client.get(again.location, headers=EN))
    assert database.session.scalar(select(ImportMapping.columns)) == {
        "城市": "name_en",
        "nation": "country",
        "tie": "tie_type",
        "since": "signed_on",
        "comment": "notes",
    }


def test_territories_by_their_own_code(client, as_role, database):
    as_role("officer")
    csv_text = (
        "Name in English,Country,Time zone\n"
        "Hagåtña,GU,\n"
        "San Juan,Puerto Rico,\n"
        "Macau,中國澳門,\n"
        'Kowloon,"Hong Kong, China",\n'
        "Tamuning,US-GU,\n"
    )
    response = upload(client, csv_text.encode(), "territories.csv")
    commit(client, response.location)
    countries = {p.names.get("en"): p.country for p in partners_by_name(database).values()}
    assert countries == {"Hagåtña": "GU", "San Juan": "PR", "Macau": "MO", "Kowloon": "HK", "Tamuning": "GU"}


def test_the_partner_list_links_the_import(client, as_role):
    as_role("officer")
    page = client.get("/partners", headers=EN).get_data(as_text=True)
    assert 'href="/import/partner"' in page
    assert client.get("/import/partner", headers=EN).status_code == 200
    as_role("intern")
    assert 'href="/import/partner"' not in client.get("/partners", headers=EN).get_data(as_text=True)


def snapshot(database) -> list[dict]:
    """Every field of every partner and of its ties, without ids."""
    database.session.expire_all()
    found = []
    for p in database.session.scalars(select(Partner).order_by(Partner.country, Partner.region)):
        found.append(
            {
                "names": dict(p.names),
                "native": next(iter(p.names)),
                **{
                    k: getattr(p, k)
                    for k in (
                        "kind",
                        "country",
                        "region",
                        "timezone",
                        "relationship",
                        "relationship_since",
                        "since_precision",
                        "sequence_no",
                        "notes",
                        "latitude",
                        "longitude",
                    )
                },
                "focus": sorted(p.focus_areas),
                "ties": [
                    {
                        k: getattr(a, k)
                        for k in (
                            "agreement_type",
                            "our_party",
                            "signed_on",
                            "signed_precision",
                            "state",
                            "source",
                        )
                    }
                    | {
                        "superseded_by": (a.superseded_by.agreement_type, a.superseded_by.signed_on)
                        if a.superseded_by
                        else None
                    }
                    for a in p.agreements
                ],
            }
        )
    return found


def seed_partners():
    create_partner(
        ties=[{"agreement_type": "sister", "signed_on": date(1962, 1, 1), "signed_precision": "year"}],
        names=LocalizedText({"ja": "横浜市", "zh_Hant": "橫濱市", "en": "Yokohama"}),
        kind="city",
        country="JP",
        region="神奈川県",
        timezone="Asia/Tokyo",
        focus_areas=["trade", "culture"],
        notes="港町\nport city",
        latitude=35.44,
        longitude=139.64,
    )
    create_partner(
        ties=[
            {
                "agreement_type": "friendly",
                "our_party": "city_council",
                "signed_on": date(1974, 7, 1),
                "signed_precision": "month",
                "source": "Council resolution 63-12",
            }
        ],
        names=LocalizedText({"en": "Hagåtña"}),
        kind="city",
        country="GU",
        region=None,
        timezone="Pacific/Guam",
        latitude=13.47,
        longitude=144.75,
    )
    create_partner(
        ties=[{"agreement_type": "mou", "signed_on": date(2013, 4, 12), "state": "void"}],
        names=LocalizedText({"vi": "Đà Nẵng", "en": "Da Nang"}),
        kind="city",
        country="VN",
        region="Hải Châu",
        timezone="Asia/Ho_Chi_Minh",
        focus_areas=["tourism"],
    )
    seattle = create_partner(
        ties=[
            {"agreement_type": "friendly", "signed_on": date(1975, 1, 10), "state": "superseded"},
            {"agreement_type": "sister", "signed_on": date(1979, 9, 25), "state": "in_force"},
            {
                "agreement_type": "mou",
                "our_party": "port",
                "signed_on": date(2019, 6, 1),
                "source": "Port MOU",
            },
        ],
        names=LocalizedText({"en": "Seattle", "zh_Hant": "西雅圖"}),
        kind="city",
        country="US",
        region="Washington",
        timezone="America/Los_Angeles",
        longitude=-122.33,
        latitude=47.61,
    )
    friendly, sister = [t for t in seattle.agreements if t.agreement_type in ("friendly", "sister")]
    friendly.superseded_by_id = sister.id  # the upgrade: the friendly tie was replaced by the sister tie
    db.session.flush()
    create_partner(
        names=LocalizedText({"zh_Hant": "宿霧市"}),
        kind="organization",
        country="PH",
        region="Cebu",
        timezone="Asia/Manila",
    )


def test_export_then_import_changes_nothing(client, as_role, database):
    as_role("officer")
    seed_partners()
    database.session.commit()
    before = snapshot(database)
    assert {p["relationship"] for p in before} == {"sister", "friendly", "former", "prospect"}
    assert [t["superseded_by"] for p in before for t in p["ties"] if t["superseded_by"]] == [
        ("sister", date(1979, 9, 25))
    ]
    for fmt in ("xlsx", "csv"):
        exported = client.get(f"/partners/export.{fmt}", headers=EN).data
        if fmt == "xlsx":
            assert load_workbook(io.BytesIO(exported)).active.max_row == 1 + 5 + 2  # a row per further tie
        ids = list(database.session.scalars(select(Partner.id)))
        database.session.execute(delete(PartnerFocus).where(PartnerFocus.partner_id.in_(ids)))
        database.session.execute(delete(Agreement).where(Agreement.partner_id.in_(ids)))
        database.session.execute(delete(Partner).where(Partner.id.in_(ids)))
        database.session.commit()
        response = upload(client, exported, f"partners.{fmt}")
        assert response.status_code == 302, page_text(response).split("Upload an Excel")[1][:1500]
        assert "/columns" not in response.location, fmt
        preview = page_text(client.get(response.location, headers=EN))
        assert "data-invalid-rows" not in preview, preview.split("data-invalid-rows")[-1][:800]
        assert "data-duplicate-rows" not in preview  # a partner's further ties are no duplicates
        assert preview.count("Another agreement of the partner in row") == 2
        commit(client, response.location)
        assert snapshot(database) == before, fmt
    db.session.remove()


def test_the_import_reads_every_written_form_of_a_date(client, as_role, database):
    """The import's own hint (民國 115/11/27) and the other ROC forms are read by the one reader."""
    as_role("officer")
    forms = [
        "民國 115/11/27",
        "民國115/11/27",
        "民國63/07/23",
        "63年7月23日",
        "115.11.27",
        "民國51年",
        "1974-07",
    ]
    csv_text = "Name in English,Country,Agreement type,Signed on\n" + "".join(
        f"City {i},Japan,friendly,{typed}\n" for i, typed in enumerate(forms)
    )
    response = upload(client, csv_text.encode(), "dates.csv")
    commit(client, response.location)
    signed = {
        p.names.get("en"): (p.agreements[0].signed_on, p.agreements[0].signed_precision)
        for p in partners_by_name(database).values()
    }
    assert [signed[f"City {i}"] for i in range(len(forms))] == [
        (date(2026, 11, 27), "day"),
        (date(2026, 11, 27), "day"),
        (date(1974, 7, 23), "day"),
        (date(1974, 7, 23), "day"),
        (date(2026, 11, 27), "day"),
        (date(1962, 1, 1), "year"),
        (date(1974, 7, 1), "month"),
    ]


def test_the_preview_reads_ties_by_their_labels_and_names_refused_rows(client, as_role, database):
    """The preview shows each tie as the officer wrote it (labels and values in the reader's language, not
    the stored keys) and, beside each refused row's reason, what was read from it."""
    as_role("officer")
    csv_text = (
        "Name in English,Country,Agreement type,Signed on,State of the agreement,Superseded by\n"
        "Kobe,Japan,friendly,1962,superseded,Sister city agreement 1973-06-01\n"
        "Atlantis Bay,Japan,mou,2025-02-30,in force,\n"
    )
    response = upload(client, csv_text.encode(), "ties.csv")
    html = client.get(response.location, headers=EN).get_data(as_text=True)
    valid = html.split("data-valid-rows")[1].split("</table>")[0]
    assert "agreement_type" not in valid and "signed_precision" not in valid and "superseded_by" not in valid
    for shown in (
        "Agreement type:</span> Friendly city agreement",
        "Signed on:</span> 1962",
        "State of the agreement:</span> Superseded",
        "Superseded by:</span> Sister city agreement 1973-06-01",
    ):
        assert shown in valid, shown
    refused = html.split("data-invalid-rows")[1].split("</table>")[0]
    assert "That date does not exist." in refused and "Atlantis Bay" in refused
