from __future__ import annotations

from datetime import date

from intl.partners.models import Agreement, Partner
from tests.helpers import MINIMAL_PDF, PNG_1PX, page_text


def agreement_form(**overrides):
    data = {
        "agreement_type": "sister",
        "our_party": "city_government",
        "signed_on": "2016-05-01",
        "signatory_ours": "Mayor",
        "signatory_theirs": "市長",
        "place": "横浜",
        "term_years": "",
        "renewal_on": "",
        "superseded_by_id": "",
        "notes": "",
        "council_approved_on": "115/01/05",
    }
    data.update(overrides)
    return data


def test_upload_agreement_pdf_and_download_it_back(client, as_role, make_partner, database, app):
    as_role("officer")
    partner = make_partner()
    response = client.post(
        f"/partners/{partner.id}/agreements/new",
        content_type="multipart/form-data",
        data=agreement_form(document=(__import__("io").BytesIO(MINIMAL_PDF), "協定書.pdf")),
    )
    assert response.status_code == 302
    agreement = database.session.query(Agreement).one()
    assert agreement.council_approved_on == date(2026, 1, 5)  # ROC date accepted
    assert agreement.document.content_type == "application/pdf"
    stored_path = agreement.document.path
    assert str(stored_path).startswith(app.config["UPLOAD_FOLDER"]) and "static" not in str(stored_path)
    download = client.get(f"/agreements/{agreement.id}/document")
    assert download.status_code == 200 and download.data == MINIMAL_PDF
    assert download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]


def test_upload_checked_by_content_not_name(client, as_role, make_partner, database):
    import io

    as_role("officer")
    partner = make_partner()
    fake = client.post(
        f"/partners/{partner.id}/agreements/new",
        content_type="multipart/form-data",
        data=agreement_form(document=(io.BytesIO(b"MZ\x90\x00 not a pdf"), "agreement.pdf")),
        headers={"Accept-Language": "en"},
    )
    assert fake.status_code == 200 and "not accepted" in page_text(fake)
    assert database.session.query(Agreement).count() == 0
    image = client.post(
        f"/partners/{partner.id}/agreements/new",
        content_type="multipart/form-data",
        data=agreement_form(document=(io.BytesIO(PNG_1PX), "scan.bin")),
    )
    assert image.status_code == 302


def test_oversized_upload_is_refused_with_a_page(client, as_role, make_partner, app):
    import io

    as_role("officer")
    partner = make_partner()
    limit = app.config["MAX_DOCUMENT_BYTES"]
    big = MINIMAL_PDF + b"0" * limit
    response = client.post(
        f"/partners/{partner.id}/agreements/new",
        content_type="multipart/form-data",
        data=agreement_form(document=(io.BytesIO(big), "big.pdf")),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200 and "larger than" in page_text(response)
    huge = MINIMAL_PDF + b"0" * app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        f"/partners/{partner.id}/agreements/new",
        content_type="multipart/form-data",
        data=agreement_form(document=(io.BytesIO(huge), "huge.pdf")),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413 and "too large" in page_text(response).lower()


def test_leaders_cannot_download_documents(client, make_user, login, make_partner, make_agreement, database):
    from intl.partners.services import attach_document
    from tests.helpers import upload

    partner = make_partner()
    agreement = make_agreement(partner)
    attach_document(agreement, upload(MINIMAL_PDF, "a.pdf"))
    database.session.commit()
    login(make_user("leader"))
    assert client.get(f"/agreements/{agreement.id}/document").status_code == 403
    login(make_user("intern"))
    assert client.get(f"/agreements/{agreement.id}/document").status_code == 200


def test_partners_are_numbered_in_order_of_signing(make_partner, make_agreement, database):
    seattle = make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    busan = make_partner(names={"ko": "부산"}, country="KR", timezone="Asia/Seoul")
    kumamoto = make_partner(names={"ja": "熊本市"})
    make_agreement(seattle, signed_on=date(1979, 9, 25))
    make_agreement(busan, signed_on=date(1966, 3, 14))
    make_agreement(kumamoto, agreement_type="mou", signed_on=date(1950, 1, 1))  # an MOU does not count
    make_agreement(kumamoto, agreement_type="friendly", signed_on=date(2017, 8, 21))
    database.session.expire_all()
    numbers = {p.names.native: p.sequence_no for p in database.session.query(Partner)}
    assert numbers == {"부산": 1, "Seattle": 2, "熊本市": 3}
    void = database.session.query(Agreement).filter_by(partner_id=busan.id).one()
    void.state = "void"
    from intl.partners.standing import refresh_standing

    refresh_standing()
    database.session.expire_all()
    numbers = {p.names.native: p.sequence_no for p in database.session.query(Partner)}
    assert numbers == {"부산": None, "Seattle": 1, "熊本市": 2}


def test_superseded_mou_and_void_shown(client, as_role, make_partner, make_agreement, database):
    as_role("officer")
    partner = make_partner()
    mou = make_agreement(partner, agreement_type="mou", signed_on=date(2013, 4, 12), term_years=3)
    full = make_agreement(partner, agreement_type="friendly", signed_on=date(2017, 8, 21))
    response = client.post(
        f"/agreements/{mou.id}/edit",
        data=agreement_form(
            agreement_type="mou",
            signed_on="2013-04-12",
            superseded_by_id=str(full.id),
            state="superseded",
            version=mou.version,
        ),
    )
    assert response.status_code == 302
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/partners/{partner.id}"))
    assert "Superseded" in page and "In force" in page


def test_an_end_date_needs_a_state_that_ended(client, as_role, make_partner):
    as_role("officer")
    partner = make_partner()
    response = client.post(
        f"/partners/{partner.id}/agreements/new",
        data=agreement_form(state="in_force", state_since="2020-01-01"),
        headers={"Accept-Language": "en"},
    )
    assert "An agreement in force has no end" in page_text(response)


def test_anniversaries_in_the_coming_year_on_home(client, as_role, make_partner, make_agreement):
    from intl.core.time import today_in

    as_role("officer")
    today = today_in("Asia/Taipei")  # the office's today, which the home page uses
    partner = make_partner()
    soon = (
        today.replace(year=today.year - 10)
        if (today.month, today.day) != (2, 29)
        else date(today.year - 10, 3, 1)
    )
    make_agreement(partner, signed_on=soon)
    other = make_partner(names={"en": "Nowhere"})
    make_agreement(other, signed_on=date(today.year - 7, today.month, 1))
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get("/"))
    section = page.split("data-anniversaries")[1]
    assert "10 years of the Sister city agreement" in section
    assert "Nowhere" not in section


def test_partner_timeline_includes_agreement_changes(client, as_role, make_partner, make_agreement):
    as_role("officer")
    partner = make_partner()
    agreement = make_agreement(partner, agreement_type="mou", signed_on=date(2013, 4, 12))
    client.post(
        f"/agreements/{agreement.id}/edit",
        data=agreement_form(
            agreement_type="mou", signed_on="2013-04-12", place="熊本", version=agreement.version
        ),
    )
    client.post("/language", data={"locale": "en"})
    timeline = page_text(client.get(f"/partners/{partner.id}")).split("data-timeline")[1]
    assert "Agreement" in timeline and "Place of signing" in timeline and "熊本" in timeline


def test_home_lists_the_first_anniversaries_and_says_how_many_more(
    client, as_role, make_partner, make_agreement, monkeypatch
):
    """A city with thousands of ties has hundreds of round anniversaries a year: the home page lists the
    soonest and says how many more there are, as the dashboard does."""
    from intl.core.time import today_in
    from intl.home import views as home_views

    as_role("officer")
    today = today_in("Asia/Taipei")
    for years in (5, 10, 15, 20):
        day = today if (today.month, today.day) != (2, 29) else date(today.year, 3, 1)
        signed = day.replace(year=day.year - years)  # its round anniversary today
        make_agreement(make_partner(names={"en": f"Tie of {years}"}), signed_on=signed)
    monkeypatch.setattr(home_views, "ANNIVERSARY_LIMIT", 3)
    client.post("/language", data={"locale": "en"})
    section = page_text(client.get("/")).split("data-anniversaries")[1].split("</ul>")[0]
    assert section.count('class="list-group-item"') == 3
    assert "and 1 more" in section
    monkeypatch.setattr(home_views, "ANNIVERSARY_LIMIT", 50)
    section = page_text(client.get("/")).split("data-anniversaries")[1].split("</ul>")[0]
    assert section.count('class="list-group-item"') == 4 and "more" not in section
