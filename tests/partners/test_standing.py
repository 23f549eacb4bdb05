"""A partner's standing follows from its ties in force (intl/partners/standing.py): the list, the home page,
the dashboard and its legend, the signing order and the anniversaries all agree, and void or ended ties stay
on record, marked, wherever the partner appears."""

from __future__ import annotations

from datetime import date

from intl.core.time import office_today
from intl.partners.anniversaries import anniversaries_between
from intl.partners.models import Agreement, Partner
from tests.helpers import page_text

EN = {"Accept-Language": "en"}


def tie_form(**overrides):
    data = {
        "agreement_type": "sister",
        "our_party": "city_government",
        "signed_on": "1979-09-25",
        "state": "in_force",
        "superseded_by_id": "",
    }
    data.update(overrides)
    return data


def home_count(client, label: str) -> str:
    page = page_text(client.get("/", headers=EN))
    card = page.split("Partners by relationship")[1].split("</ul>")[0]
    return card.split(f">{label}</a>")[1].split("</span>")[0].rsplit(">", 1)[1]


def test_a_void_tie_stops_counting_and_stays_on_record(
    client, as_role, make_partner, make_agreement, database
):
    as_role("officer")
    seattle = make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    tie = make_agreement(seattle, signed_on=date(1979, 9, 25))
    assert (seattle.relationship, seattle.sequence_no) == ("sister", 1)
    assert home_count(client, "Sister city") == "1"

    response = client.post(
        f"/agreements/{tie.id}/edit",
        data=tie_form(state="void", state_since="2020-03-01", version=tie.version),
    )
    assert response.status_code == 302
    database.session.expire_all()
    seattle = database.session.get(Partner, seattle.id)
    assert (seattle.relationship, seattle.sequence_no) == ("former", None)
    assert home_count(client, "Sister city") == "0"
    assert home_count(client, "Former partner (no tie in force)") == "1"
    assert (
        client.get("/partners?relationship=sister", headers=EN)
        .get_data(as_text=True)
        .count(f'/partners/{seattle.id}"')
        == 0
    )
    # History kept: the list and the page show the tie, marked void.
    listing = client.get("/partners", headers=EN).get_data(as_text=True)
    row = listing.split(f'href="/partners/{seattle.id}"')[1].split("</tr>")[0]
    assert 'data-tie-state="void"' in row and "Void" in row
    detail = client.get(f"/partners/{seattle.id}", headers=EN).get_data(as_text=True)
    assert 'data-tie-state="void"' in detail and "Mar 1, 2020" in detail
    # No anniversary for a tie that no longer holds.
    assert not anniversaries_between(date(2029, 1, 1), date(2029, 12, 31))[0]


def test_an_ended_tie_and_a_new_one_in_force(make_partner, make_agreement, database):
    busan = make_partner(names={"ko": "부산"}, country="KR", timezone="Asia/Seoul")
    make_agreement(busan, agreement_type="friendly", signed_on=date(1966, 3, 14), state="ended")
    assert busan.relationship == "former"
    make_agreement(busan, agreement_type="mou", signed_on=date(2024, 5, 1))
    database.session.expire_all()
    busan = database.session.get(Partner, busan.id)
    assert (busan.relationship, busan.relationship_since, busan.sequence_no) == (
        "mou",
        date(2024, 5, 1),
        None,
    )


def test_a_year_only_signing_is_kept_and_listed_by_year(client, as_role, make_partner, database):
    as_role("officer")
    year = office_today().year + 1 - 65  # 65 years next year: within the home page's 12 months
    partner = make_partner(names={"en": "Old Friend"}, country="US", timezone="America/Chicago")
    response = client.post(f"/partners/{partner.id}/agreements/new", data=tie_form(signed_on=str(year)))
    assert response.status_code == 302
    tie = database.session.query(Agreement).one()
    assert (tie.signed_on, tie.signed_precision) == (date(year, 1, 1), "year")
    detail = client.get(f"/partners/{partner.id}", headers=EN).get_data(as_text=True)
    assert f">{year}" in detail and f"Jan 1, {year}" not in detail
    found, total = anniversaries_between(office_today(), office_today().replace(year=office_today().year + 1))
    assert total == 1 and (found[0].on, found[0].precision, found[0].years) == (
        date(year + 65, 1, 1),
        "year",
        65,
    )
    home = page_text(client.get("/", headers=EN))
    listed = home.split("data-anniversaries")[1]
    assert f">{year + 65}</strong>" in listed and "65 years of the Sister city agreement" in listed
    assert f"signed {year}" in listed and f"Jan 1, {year + 65}" not in listed
    # The edit form shows the year as it is known, and reads it back unchanged.
    form = client.get(f"/agreements/{tie.id}/edit").get_data(as_text=True)
    assert f'value="{year}"' in form


def test_a_year_month_signing_in_roc(client, make_user, login, make_partner, database):
    user = login(make_user("officer", locale="zh_Hant_TW"))
    user.date_style = "roc"
    database.session.commit()
    partner = make_partner(names={"en": "Month City"})
    response = client.post(f"/partners/{partner.id}/agreements/new", data=tie_form(signed_on="民國63年7月"))
    assert response.status_code == 302
    tie = database.session.query(Agreement).one()
    assert (tie.signed_on, tie.signed_precision) == (date(1974, 7, 1), "month")
    assert "民國63年7月" in client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "民國63年7月1日" not in client.get(f"/partners/{partner.id}").get_data(as_text=True)


def test_the_dashboard_legend_counts_every_partner_and_says_so(client, as_role, make_partner):
    as_role("officer")
    make_partner(names={"en": "Mapped"}, relationship="sister", latitude=35.4, longitude=139.6)
    make_partner(names={"en": "Unmapped"}, relationship="sister")
    make_partner(names={"en": "Unmapped friend"}, relationship="friendly")
    page = page_text(client.get("/dashboard", headers=EN))
    legend = page.split("data-map-legend")[1].split("</ul>")[0]
    assert "Sister city (2)" in legend and "Friendly city (1)" in legend
    counted = page.split("data-map-legend")[1].split("data-counted>")[1].split("</p>")[0]
    assert "with or without coordinates" in counted and "With a tie in force: 3" in counted
    assert "on the map: 1" in counted
    assert "With a tie in force: 3" in page_text(client.get("/", headers=EN))


def test_the_list_with_ties_costs_the_same_whatever_its_length(
    client, as_role, make_partner, make_agreement, count_queries
):
    as_role("officer")
    first = make_partner(names={"en": "First"})
    make_agreement(first, state="void")
    client.get("/partners")
    with count_queries() as few:
        client.get("/partners")
    for i in range(12):
        partner = make_partner(names={"en": f"Town {i}"})
        make_agreement(partner, agreement_type="friendly", signed_on=date(2000 + i, 1, 1))
        make_agreement(partner, agreement_type="mou", signed_on=date(1990 + i, 1, 1), state="expired")
    with count_queries() as many:
        client.get("/partners")
    assert many.count == few.count


def test_a_tie_whose_term_has_ended_counts_as_expired(
    client, as_role, make_partner, make_agreement, database
):
    """Nobody has to mark a tie expired: a term past the office's today (signing plus term_years, or the
    renewal due date) makes it expired on every page, in the counts and for anniversaries."""
    from datetime import timedelta

    from intl.core.queue import _PERIODIC
    from intl.partners.models import add_years

    as_role("officer")
    today = office_today()
    lapsed = make_partner(names={"en": "Lapsed"}, country="JP", timezone="Asia/Tokyo")
    # Signed ten years ago in ten days, for three years: its 10th anniversary is not one to celebrate.
    lapsed_signed = add_years(today, -10) + timedelta(days=10)
    make_agreement(lapsed, agreement_type="mou", signed_on=lapsed_signed, term_years=3)
    assert lapsed.relationship == "former"
    renewed = make_partner(names={"en": "Renewed"}, country="JP", timezone="Asia/Tokyo")
    make_agreement(renewed, agreement_type="mou", signed_on=add_years(today, -4), term_years=3)
    make_agreement(
        renewed, agreement_type="mou", signed_on=add_years(today, -1), renewal_on=today + timedelta(days=30)
    )
    assert (renewed.relationship, renewed.relationship_since) == ("mou", add_years(today, -1))
    assert home_count(client, "MOU") == "1"

    listing = client.get("/partners", headers=EN).get_data(as_text=True)
    row = listing.split(f'href="/partners/{lapsed.id}"')[1].split("</tr>")[0]
    assert 'data-tie-state="expired"' in row and "Expired" in row
    detail = client.get(f"/partners/{lapsed.id}", headers=EN).get_data(as_text=True)
    assert 'data-tie-state="expired"' in detail
    # An expired tie has no anniversary.
    soon = anniversaries_between(today, today + timedelta(days=20))[0]
    assert lapsed.id not in {a.partner_id for a in soon}

    # A term that ends between two edits: the worker's periodic refresh rewrites the stored standing.
    tie = renewed.agreements[-1]
    database.session.execute(
        Agreement.__table__.update()
        .where(Agreement.__table__.c.id == tie.id)
        .values(renewal_on=today - timedelta(days=1))
    )
    database.session.commit()
    assert database.session.get(Partner, renewed.id).relationship == "mou"
    _PERIODIC["partner-standing"].function()
    database.session.expire_all()
    assert database.session.get(Partner, renewed.id).relationship == "former"
    assert home_count(client, "MOU") == "0"
