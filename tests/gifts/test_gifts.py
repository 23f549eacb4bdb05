"""Gifts through the pages: the store, giving from it, the repeat-gift warning, histories, the ethics record
and the home page flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intl.core.localized import LocalizedText
from intl.core.time import office_today
from intl.gifts import ethics, queries, services
from intl.gifts.models import Gift, StockItem, StockMovement
from intl.workdays.calendar import add_working_days
from tests.helpers import PNG_1PX, page_text, upload


@pytest.fixture
def today(app):
    with app.app_context():
        return office_today()


@pytest.fixture
def officer(make_user, login):
    return login(make_user("officer", locale="en"))


@pytest.fixture
def make_stock(database):
    def make(name="Port model", quantity=3, unit_value=2800):
        item = services.create_stock_item(
            name=LocalizedText({"zh_Hant": f"{name}（中文）", "en": name}),
            quantity=quantity,
            unit_value=unit_value,
        )
        database.session.commit()
        return item

    return make


@pytest.fixture
def make_gift(database, today):
    def make(direction="received", **fields):
        values = {
            "exchanged_on": today,
            "occasion_kind": "visit",
            "description": "Silk scarf",
            "estimated_value": 1000,
            "quantity": 1,
        }
        if direction == "received":
            values.update(giver_has_interest=False, official_courtesy=False)
        values.update(fields)
        gift = services.create_gift(direction, **values)
        database.session.commit()
        return gift

    return make


def give_form(**overrides):
    data = {
        "exchanged_on": "2026-03-02",
        "occasion_kind": "visit",
        "occasion_note": "Courtesy call",
        "description": "Port of Kaohsiung ship model",
        "quantity": "1",
    }
    data.update(overrides)
    return data


def test_giving_from_the_store_takes_the_pieces_out(
    client, officer, make_partner, make_contact, make_stock, database
):
    item = make_stock(quantity=3)
    partner = make_partner()
    contact = make_contact()
    response = client.post(
        "/gifts/give",
        data=give_form(
            stock_item_id=str(item.id),
            quantity="2",
            partner_id=f"Yokohama [#{partner.id}]",
            contact_id=f"Hiroshi Tanaka [#{contact.id}]",
            user_id=str(officer.id),
            photo=upload(PNG_1PX, "model.png"),
        ),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, page_text(response)
    gift = database.session.scalars(select(Gift)).one()
    assert (gift.direction, gift.quantity, gift.stock_item_id) == ("given", 2, item.id)
    assert gift.estimated_value == 5600  # the store's value for two pieces, none entered
    assert (
        gift.partner_id == partner.id and gift.contact_id == contact.id and gift.recorded_by_id == officer.id
    )
    assert gift.photo is not None and gift.photo.content_type == "image/png"
    assert not gift.needs_report and gift.report_reason is None
    database.session.refresh(item)
    assert item.quantity == 1
    movement = database.session.scalars(select(StockMovement).order_by(StockMovement.id)).all()
    assert [(m.change, m.quantity_after, m.reason, m.gift_id) for m in movement] == [
        (3, 3, "purchase", None),
        (-2, 1, "gift", gift.id),
    ]
    assert client.get(f"/gifts/{gift.id}/photo").status_code == 200
    stock_page = page_text(client.get(f"/gifts/stock/{item.id}"))
    assert "Given as a gift" in stock_page and "Yokohama" in stock_page


def test_the_store_refuses_to_give_more_than_it_holds(client, officer, make_partner, make_stock, database):
    item = make_stock(name="Tea box", quantity=1)
    partner = make_partner()
    response = client.post(
        "/gifts/give",
        data=give_form(stock_item_id=str(item.id), quantity="2", partner_id=f"Yokohama [#{partner.id}]"),
    )
    assert response.status_code == 200
    assert "Only 1 left in the store of “Tea box”; 2 cannot be given." in page_text(response)
    assert database.session.scalars(select(Gift)).all() == []
    database.session.refresh(item)
    assert item.quantity == 1
    with pytest.raises(services.StockError):
        services.move_stock(item, -5, "count")
    database.session.rollback()
    # the database itself refuses a negative stock, whatever the code does
    assert item.quantity == 1


def test_stock_counts_and_purchases(client, officer, make_stock, database):
    item = make_stock(quantity=2)
    assert (
        client.post(f"/gifts/stock/{item.id}/move", data={"change": "5", "reason": "purchase"}).status_code
        == 302
    )
    client.post(f"/gifts/stock/{item.id}/move", data={"change": "-1", "reason": "count", "note": "broken"})
    response = client.post(f"/gifts/stock/{item.id}/move", data={"change": "-50", "reason": "count"})
    assert response.status_code == 302
    database.session.refresh(item)
    assert item.quantity == 6
    page = page_text(client.get(f"/gifts/stock/{item.id}", follow_redirects=True))
    assert "broken" in page and "Stock count correction" in page


def test_new_store_item_with_photo(client, officer, database):
    response = client.post(
        "/gifts/stock/new",
        data={
            "name-0-locale": "zh_Hant",
            "name-0-text": "美濃油紙傘",
            "name-1-locale": "en",
            "name-1-text": "Meinong umbrella",
            "unit_value": "1500",
            "quantity": "10",
            "photo": upload(PNG_1PX, "umbrella.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    item = database.session.scalars(select(StockItem)).one()
    assert item.quantity == 10 and item.unit_value == 1500 and item.photo is not None
    assert client.get(f"/gifts/stock/{item.id}/photo").status_code == 200
    refused = client.post(
        "/gifts/stock/new",
        data={
            "name-0-locale": "en",
            "name-0-text": "X",
            "unit_value": "1",
            "quantity": "1",
            "photo": upload(b"%PDF-1.4 x", "x.png"),
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 200 and "is-invalid" in page_text(refused)


def test_repeat_gift_warning(
    client, officer, make_partner, make_contact, make_stock, make_gift, database, today
):
    item = make_stock(quantity=5)
    partner = make_partner()
    mayor = make_contact(family_name="山中", given_name="竹春", latin_name="Takeharu Yamanaka")
    earlier = make_gift(
        "given",
        partner_id=partner.id,
        contact_id=mayor.id,
        stock_item_id=item.id,
        exchanged_on=date(2025, 5, 1),
    )
    # the form opened from the partner's page marks the item as already given
    form_page = page_text(client.get(f"/gifts/give?partner={partner.id}"))
    assert "already given on May 1, 2025" in form_page
    other_contact = make_contact(family_name="佐藤", given_name="花子", latin_name="Hanako Sato")
    data = give_form(
        stock_item_id=str(item.id),
        partner_id=f"Yokohama [#{partner.id}]",
        contact_id=f"Hanako Sato [#{other_contact.id}]",
    )
    response = client.post("/gifts/give", data=data)
    text = page_text(response)
    assert response.status_code == 200
    assert "Already given to Takeharu Yamanaka · Yokohama on May 1, 2025." in text
    assert 'name="give_again"' in text
    assert database.session.scalars(select(Gift).where(Gift.id != earlier.id)).all() == []
    response = client.post("/gifts/give", data={**data, "give_again": "y"})
    assert response.status_code == 302
    new = database.session.scalars(select(Gift).where(Gift.id != earlier.id)).one()
    assert queries.given_before(item.id, None, partner.id, new.id) == [earlier]
    detail = page_text(client.get(f"/gifts/{new.id}"))
    assert "The same gift was also given to Takeharu Yamanaka · Yokohama" in detail
    # another item, or the same item to someone else, passes without a warning
    elsewhere = make_partner(names={"en": "Busan"})
    response = client.post(
        "/gifts/give", data=give_form(stock_item_id=str(item.id), partner_id=f"Busan [#{elsewhere.id}]")
    )
    assert response.status_code == 302


def test_partner_and_contact_histories(client, officer, make_partner, make_contact, make_gift, database):
    partner = make_partner()
    contact = make_contact()
    given = make_gift(
        "given",
        partner_id=partner.id,
        contact_id=contact.id,
        description="Ship model",
        exchanged_on=date(2025, 4, 1),
    )
    services.set_photo(given, upload(PNG_1PX, "ship.png"))
    database.session.commit()
    make_gift(
        "received", partner_id=partner.id, description="Yokohama silk scarf", exchanged_on=date(2025, 6, 1)
    )
    make_gift("received", contact_id=contact.id, description="Tanaka's book", exchanged_on=date(2025, 7, 1))
    page = page_text(client.get(f"/partners/{partner.id}/gifts"))
    assert page.index("Yokohama silk scarf") < page.index("Ship model")  # newest first
    assert "Tanaka&#39;s book" not in page and f"/gifts/{given.id}/photo" in page
    page = page_text(client.get(f"/contacts/{contact.id}/gifts"))
    assert "Tanaka&#39;s book" in page and "Ship model" in page and "Yokohama silk scarf" not in page
    # the partner's and the contact's pages show a Gifts section for officers
    section = page_text(client.get(f"/partners/{partner.id}")).split("data-record-gifts")[1]
    assert "Ship model" in section and "All gifts (2)" in section
    section = page_text(client.get(f"/contacts/{contact.id}")).split("data-record-gifts")[1]
    assert "Tanaka&#39;s book" in section


def test_interns_see_the_store_only(client, make_user, login, make_partner, make_gift, make_stock):
    partner = make_partner()
    gift = make_gift("received", partner_id=partner.id)
    item = make_stock()
    login(make_user("intern"))
    assert "data-record-gifts" not in page_text(client.get(f"/partners/{partner.id}"))
    for url in (
        "/gifts",
        "/gifts/give",
        "/gifts/receive",
        f"/gifts/{gift.id}",
        f"/gifts/{gift.id}/ethics",
        f"/partners/{partner.id}/gifts",
        "/gifts/stock/new",
        f"/gifts/stock/{item.id}/edit",
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(f"/gifts/stock/{item.id}/move", data={"change": "1", "reason": "purchase"}).status_code
        == 403
    )
    assert client.get("/gifts/stock").status_code == 200
    page = page_text(client.get(f"/gifts/stock/{item.id}"))
    assert "data-stock-move" not in page


def test_leaders_see_nothing_of_gifts(client, make_user, login, make_stock):
    item = make_stock()
    login(make_user("leader"))
    for url in ("/gifts", "/gifts/stock", f"/gifts/stock/{item.id}", "/followups/mine"):
        assert client.get(url).status_code == 403, url


def received_form(**overrides):
    data = {
        "exchanged_on": "2026-03-02",
        "occasion_kind": "visit",
        "description": "Silk scarf",
        "quantity": "1",
        "estimated_value": "4500",
        "giver_has_interest": "no",
        "official_courtesy": "y",
    }
    data.update(overrides)
    return data


def test_a_received_gift_gets_its_verdict_and_the_home_page_flags_it(
    client, officer, make_user, login, make_contact, database, today
):
    contact = make_contact()
    six_days_ago = (today - timedelta(days=12)).isoformat()  # past any long weekend's three working days
    response = client.post(
        "/gifts/receive",
        data=received_form(
            exchanged_on=six_days_ago, contact_id=f"Hiroshi Tanaka [#{contact.id}]", user_id=str(officer.id)
        ),
        follow_redirects=True,
    )
    assert "This gift must be reported by" in page_text(response)
    gift = database.session.scalars(select(Gift)).one()
    assert (gift.needs_report, gift.report_reason) == (True, ethics.OVER_GIFT_LIMIT)
    received_on = today - timedelta(days=12)
    assert gift.report_due_on == add_working_days(received_on, 3) and gift.is_overdue(today)
    assert gift.report_due_on >= received_on + timedelta(days=3)
    home = page_text(client.get("/"))
    flags = home.split("data-gift-reports")[1]
    assert f'data-gift-report="{gift.id}" data-overdue' in flags and "Silk scarf" in flags
    # another officer is not responsible for it; the intern sees no flags at all
    login(make_user("officer", locale="en"))
    assert "data-gift-reports" not in page_text(client.get("/"))
    login(officer)
    # a report dated before the gift, or in the future, is refused
    bad = client.post(
        f"/gifts/{gift.id}/ethics", data={"reported_to_supervisor_on": "2020-01-01", "version": gift.version}
    )
    assert "cannot come before" in page_text(bad)
    response = client.post(
        f"/gifts/{gift.id}/ethics",
        data={
            "reported_to_supervisor_on": today.isoformat(),
            "disposition": "city_property",
            "disposition_note": "Displayed in the reception room",
            "version": gift.version,
        },
    )
    assert response.status_code == 302
    database.session.refresh(gift)
    assert gift.report_complete() and gift.disposition == "city_property"
    assert "data-gift-reports" not in page_text(client.get("/"))
    detail = page_text(client.get(f"/gifts/{gift.id}"))
    assert "Kept as city property" in detail and 'data-ethics="reported"' in detail


def test_an_interested_giver_s_gift_must_be_refused_and_notified(
    client, officer, make_organization, database
):
    org = make_organization(names={"en": "Harbour Construction Co."})
    response = client.post(
        "/gifts/receive",
        data=received_form(
            organization_id=f"Harbour Construction Co. [#{org.id}]",
            estimated_value="1200",
            giver_has_interest="yes",
            official_courtesy="",
        ),
    )
    assert response.status_code == 302
    gift = database.session.scalars(select(Gift)).one()
    assert gift.report_reason == ethics.INTEREST and gift.must_refuse
    services.update_ethics_record(gift, reported_to_supervisor_on=gift.exchanged_on)
    assert not gift.report_complete()  # the ethics unit must hear of it too
    services.update_ethics_record(gift, ethics_unit_notified_on=gift.exchanged_on, disposition="returned")
    assert gift.report_complete()


def test_the_received_form_asks_the_ethics_questions(client, officer, make_contact, database):
    contact = make_contact()
    response = client.post(
        "/gifts/receive",
        data={
            "exchanged_on": "2026-03-02",
            "occasion_kind": "visit",
            "description": "Book",
            "quantity": "1",
            "contact_id": f"Hiroshi Tanaka [#{contact.id}]",
        },
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "Answer whether the giver has an interest." in text
    assert "Estimate the market value (NT$)" in text
    response = client.post("/gifts/receive", data=received_form())
    assert "Choose a contact, a partner or an organization" in page_text(response)
    assert database.session.scalars(select(Gift)).all() == []


def test_the_yearly_limit_counts_gifts_from_the_same_giver_to_the_same_receiver(
    make_user, make_contact, make_gift, database
):
    officer = make_user("officer")
    contact = make_contact()
    gifts = [
        make_gift(
            contact_id=contact.id, user_id=officer.id, estimated_value=3000, exchanged_on=date(2026, month, 1)
        )
        for month in (2, 4, 6, 8)
    ]
    assert [g.needs_report for g in gifts] == [False, False, False, True]
    assert gifts[3].report_reason == ethics.OVER_YEARLY_LIMIT
    # a gift to someone else, or in another year, does not count
    other = make_gift(contact_id=contact.id, estimated_value=3000, exchanged_on=date(2026, 9, 1))
    next_year = make_gift(
        contact_id=contact.id, user_id=officer.id, estimated_value=3000, exchanged_on=date(2027, 1, 5)
    )
    assert not other.needs_report and not next_year.needs_report
    # correcting an earlier gift's value reassesses the later ones
    services.update_gift(gifts[0], estimated_value=500)
    database.session.commit()
    assert not gifts[3].needs_report and gifts[3].report_reason == ethics.WITHIN_CUSTOM
    services.update_gift(gifts[0], estimated_value=3000)
    assert gifts[3].needs_report
    # withdrawing one brings the year back under the limit
    services.withdraw_gift(gifts[1])
    database.session.commit()
    assert not gifts[3].needs_report


def test_changing_a_gift_moves_stock_and_withdrawing_returns_it(
    client, officer, make_partner, make_stock, make_gift, database
):
    tea, model = make_stock(name="Tea", quantity=5), make_stock(name="Model", quantity=2)
    partner = make_partner()
    gift = make_gift("given", partner_id=partner.id, stock_item_id=tea.id, quantity=2, estimated_value=None)
    assert tea.quantity == 3 and gift.estimated_value == 2 * 2800
    data = give_form(
        stock_item_id=str(model.id),
        quantity="1",
        partner_id=f"Yokohama [#{partner.id}]",
        estimated_value="2800",
        version=str(gift.version),
    )
    assert client.post(f"/gifts/{gift.id}/edit", data=data).status_code == 302
    database.session.refresh(tea)
    database.session.refresh(model)
    assert (tea.quantity, model.quantity) == (5, 1)
    # an edit made on an outdated version is shown as a conflict, not saved
    stale = client.post(f"/gifts/{gift.id}/edit", data={**data, "quantity": "2", "version": "1"})
    assert "data-conflict" in page_text(stale)
    database.session.refresh(model)
    assert model.quantity == 1
    assert client.post(f"/gifts/{gift.id}/archive").status_code == 302
    database.session.refresh(model)
    assert model.quantity == 2
    assert client.get(f"/gifts/{gift.id}").status_code == 404  # withdrawn: admins only


def test_admins_restore_a_withdrawn_gift_when_the_store_still_holds_it(
    client, make_user, login, make_partner, make_stock, make_gift, database
):
    admin = login(make_user("admin", locale="en"))
    item = make_stock(quantity=1)
    gift = make_gift("given", partner_id=make_partner().id, stock_item_id=item.id)
    services.withdraw_gift(gift)
    database.session.commit()
    services.move_stock(item, -1, "count")
    database.session.commit()
    response = client.post(f"/gifts/{gift.id}/restore", follow_redirects=True)
    assert "Only 0 left in the store" in page_text(response)
    assert "Withdrawn" in page_text(client.get("/gifts?archived=1"))
    services.move_stock(item, 1, "purchase")
    database.session.commit()
    assert client.post(f"/gifts/{gift.id}/restore").status_code == 302
    database.session.refresh(gift)
    database.session.refresh(item)
    assert gift.archived_at is None and item.quantity == 0
    assert admin.role == "admin"


def test_gift_list_filters(client, officer, make_contact, make_gift, today):
    contact = make_contact()
    late = make_gift(
        contact_id=contact.id,
        user_id=officer.id,
        estimated_value=9000,
        exchanged_on=today - timedelta(days=10),
        description="Late vase",
    )
    make_gift(contact_id=contact.id, estimated_value=200, description="Small pin")
    make_gift("given", contact_id=contact.id, description="Tea box", exchanged_on=date(2024, 1, 5))
    overdue = page_text(client.get("/gifts?flag=overdue"))
    assert "Late vase" in overdue and "Small pin" not in overdue and "Tea box" not in overdue
    assert "Tea box" in page_text(client.get("/gifts?direction=given&year=2024"))
    assert "Tea box" not in page_text(client.get("/gifts?year=2025"))
    assert "Late vase" in page_text(client.get("/gifts?q=VASE"))
    assert late.is_overdue(today)


def test_thresholds_are_settings(app, make_contact, make_gift, database, monkeypatch):
    contact = make_contact()
    gift = make_gift(contact_id=contact.id, estimated_value=2500)
    assert not gift.needs_report
    monkeypatch.setitem(app.config, "GIFT_SOCIAL_LIMIT", 2000)
    services.reassess_all()
    assert gift.needs_report and gift.report_reason == ethics.OVER_GIFT_LIMIT


def test_a_gift_from_the_store_needs_no_description_of_its_own(
    client, officer, make_partner, make_stock, database
):
    item = make_stock(name="Tea box", quantity=2, unit_value=800)
    partner = make_partner()
    data = give_form(description="", partner_id=f"Yokohama [#{partner.id}]")
    response = client.post("/gifts/give", data=data)
    assert "Describe the gift, or choose one from the store." in page_text(response)
    assert "Estimate the value (NT$), even roughly." in page_text(response)
    assert client.post("/gifts/give", data={**data, "stock_item_id": str(item.id)}).status_code == 302
    gift = database.session.scalars(select(Gift)).one()
    assert gift.description == "Tea box（中文） / Tea box" and gift.estimated_value == 800


def test_a_store_item_is_archived_and_restored_from_the_admin_archive(
    client, make_user, login, make_stock, database
):
    login(make_user("admin", locale="en"))
    item = make_stock(name="Emblem plate", quantity=0)
    assert client.post(f"/gifts/stock/{item.id}/archive").status_code == 302
    assert "Emblem plate" not in page_text(client.get("/gifts/stock"))
    archive = page_text(client.get("/admin/archive")).split('data-archive-kind="stock_item"')[1]
    assert "Emblem plate" in archive
    assert client.post(f"/admin/archive/stock_item/{item.id}/restore").status_code == 302
    assert "Emblem plate" in page_text(client.get("/gifts/stock"))


def test_a_gift_saved_over_someone_elses_change_shows_both(
    client, officer, make_contact, make_gift, database
):
    contact = make_contact(latin_name="Hanako Sato")
    gift = make_gift(contact_id=contact.id, description="Silk scarf")
    seen = gift.version
    form = {
        "exchanged_on": gift.exchanged_on.isoformat(),
        "occasion_kind": "visit",
        "contact_id": f"Hanako Sato [#{contact.id}]",
        "quantity": "1",
        "estimated_value": "1000",
        "giver_has_interest": "no",
        "version": str(seen),
    }
    assert client.post(f"/gifts/{gift.id}/edit", data={**form, "description": "Red scarf"}).status_code == 302
    response = client.post(f"/gifts/{gift.id}/edit", data={**form, "description": "Blue scarf"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Red scarf" in text and "Blue scarf" in text
    database.session.refresh(gift)
    assert gift.description == "Red scarf" and gift.version == seen + 1
    # the ethics record too refuses a save made on an outdated page
    response = client.post(
        f"/gifts/{gift.id}/ethics", data={"reported_to_supervisor_on": "", "disposition": "", "version": seen}
    )
    assert response.status_code == 200 and "data-conflict" in response.get_data(as_text=True)


def test_the_services_refuse_a_repeat_gift_unless_asked(make_partner, make_stock, make_gift, database):
    item = make_stock(quantity=5)
    partner = make_partner()
    earlier = make_gift("given", partner_id=partner.id, stock_item_id=item.id)
    with pytest.raises(services.AlreadyGiven) as refused:
        services.create_gift(
            "given",
            give_again=False,
            exchanged_on=earlier.exchanged_on,
            occasion_kind="visit",
            partner_id=partner.id,
            stock_item_id=item.id,
            quantity=1,
        )
    assert refused.value.earlier == [earlier]
    again = services.create_gift(
        "given", exchanged_on=earlier.exchanged_on, occasion_kind="visit", partner_id=partner.id,
        stock_item_id=item.id, quantity=1,
    )  # fmt: skip
    assert again.id != earlier.id


def test_gifts_are_asked_of_the_policy(make_user, make_gift, make_stock, database):
    from intl.core.access import can

    gift, item = make_gift(), make_stock()
    officer, intern, leader, admin = (make_user(role) for role in ("officer", "intern", "leader", "admin"))
    assert can(officer, gift, "edit") and not can(officer, gift, "restore") and can(admin, gift, "restore")
    assert not can(intern, gift, "view") and can(intern, item, "view") and not can(intern, item, "edit")
    assert not can(leader, gift, "view") and not can(leader, item, "view")
    officer.active = False  # a deactivated account is asked nothing of
    database.session.commit()
    assert not can(officer, gift, "view") and not can(officer, item, "view")
