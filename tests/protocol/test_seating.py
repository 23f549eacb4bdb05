"""The seating plan page: the proposal saved, moves that swap and warn (never refuse), dietary and access
needs on the plan and the caterer's list only for those who may see personal data, constant queries."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from intl.contacts.models import PersonalDataAccess
from intl.protocol import services
from intl.protocol.models import Participant

MAYOR = {"en": "Mayor of Yokohama", "ja": "横浜市長"}
MEMBER = {"en": "Councillor", "ja": "市議会議員"}


def banquet(occasion_with, person, make_leader, guests=3, **settings):
    host = make_leader()
    deputy = make_leader(
        names={"zh_Hant": "林欽榮", "en": "Lin Chin-rong"}, title={"zh_Hant": "副市長", "en": "Deputy Mayor"}
    )
    principal = person(
        MAYOR, latin="Principal Guest", needs=["halal", "nut_allergy"], needs_notes="No gelatine"
    )
    others = [person(MEMBER, latin=f"Guest {i}") for i in range(guests - 1)]
    occasion = occasion_with(
        [(host, "host"), (deputy, "host"), (principal, "guest")] + [(g, "guest") for g in others],
        table_shape="round", seats_per_table=8, table_count=1,
    )  # fmt: skip
    return occasion, host, principal


def seat_of(database, occasion, kind, ref_id):
    database.session.expire_all()
    p = database.session.scalar(
        select(Participant).where(
            Participant.occasion_id == occasion.id, Participant.kind == kind, Participant.ref_id == ref_id
        )
    )
    return p, (p.table_no, p.seat_no)


def test_propose_then_move_with_a_warning_not_a_refusal(
    client, as_role, database, occasion_with, person, make_leader
):
    as_role("officer")
    occasion, host, principal = banquet(occasion_with, person, make_leader, guests=6)  # the 8 seats full
    assert client.post(f"/protocol/occasions/{occasion.id}/seating/propose").status_code == 302
    host_p, host_seat = seat_of(database, occasion, "leader", host.id)
    guest_p, guest_seat = seat_of(database, occasion, "contact", principal.id)
    assert host_seat == (1, 1) and guest_seat == (1, 2)
    page = client.get(f"/protocol/occasions/{occasion.id}/seating").get_data(as_text=True)
    assert "data-no-warnings" in page

    # Put the principal guest at seat 5: made, and the seat's former occupant takes seat 2.
    response = client.post(
        f"/protocol/occasions/{occasion.id}/seating/move",
        data={"participant_id": guest_p.id, "table": 1, "seat": 5},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "is not on the host&#39;s right" in html or "is not on the host's right" in html
    assert "data-plan-body" in html and "<html" not in html
    assert seat_of(database, occasion, "contact", principal.id)[1] == (1, 5)
    swapped = database.session.scalar(
        select(Participant).where(
            Participant.occasion_id == occasion.id, Participant.table_no == 1, Participant.seat_no == 2
        )
    )
    assert swapped is not None and swapped.id != guest_p.id


def test_seats_that_do_not_exist_are_refused(client, as_role, occasion_with, person, make_leader):
    as_role("officer")
    occasion, _host, principal = banquet(occasion_with, person, make_leader)
    pid = occasion.participants[0].id
    url = f"/protocol/occasions/{occasion.id}/seating/move"
    assert (
        client.post(
            url, data={"participant_id": pid, "table": 2, "seat": 1}, headers={"X-Requested-With": "fetch"}
        ).status_code
        == 400
    )
    assert (
        client.post(url, data={"participant_id": pid, "table": 1, "seat": 9}).status_code == 302
    )  # form: a message
    assert client.post(url, data={"participant_id": 10**9, "table": 1, "seat": 1}).status_code == 404
    assert client.post(url, data={"participant_id": "x"}).status_code == 302  # form: a message
    assert (
        client.post(url, data={"participant_id": "x"}, headers={"X-Requested-With": "fetch"}).status_code
        == 400
    )


def test_taking_someone_off_the_plan(client, as_role, database, occasion_with, person, make_leader):
    as_role("officer")
    occasion, _host, principal = banquet(occasion_with, person, make_leader)
    services.propose_plan(occasion)
    database.session.commit()
    guest_p, _ = seat_of(database, occasion, "contact", principal.id)
    response = client.post(
        f"/protocol/occasions/{occasion.id}/seating/move",
        data={"participant_id": guest_p.id},
        headers={"X-Requested-With": "fetch"},
    )
    assert "has no seat" in response.get_data(as_text=True)
    assert seat_of(database, occasion, "contact", principal.id)[1] == (None, None)


def test_needs_show_on_the_plan_and_the_caterers_list_for_staff_only(
    client, login, make_user, database, occasion_with, person, make_leader
):
    occasion, _host, principal = banquet(occasion_with, person, make_leader)
    services.propose_plan(occasion)
    database.session.commit()
    officer = login(make_user("officer", locale="en"))
    page = client.get(f"/protocol/occasions/{occasion.id}/seating").get_data(as_text=True)
    assert "Halal" in page and "Nut allergy" in page
    logged = database.session.scalars(
        select(PersonalDataAccess).where(PersonalDataAccess.user_id == officer.id)
    ).all()
    assert (principal.id, "view") in {(r.contact_id, r.action) for r in logged}
    pdf = client.get(f"/protocol/occasions/{occasion.id}/caterer.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Halal" in text and "No gelatine" in text and "Principal Guest" in text
    chart = client.get(f"/protocol/occasions/{occasion.id}/seating.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(chart.data)).pages)
    assert "Table 1" in text and principal.native_name in text

    intern = login(make_user("intern", locale="en"))
    page = client.get(f"/protocol/occasions/{occasion.id}/seating").get_data(as_text=True)
    assert "Principal Guest" in page and "Halal" not in page
    assert client.get(f"/protocol/occasions/{occasion.id}/caterer.pdf").status_code == 403
    assert not database.session.scalars(
        select(PersonalDataAccess).where(PersonalDataAccess.user_id == intern.id)
    ).all()


def test_the_caterers_list_counts_each_need_and_reaches_the_unseated(
    client, as_role, database, occasion_with, person, make_leader
):
    """Dietary and access needs alike, counted and table by table; someone without a seat still reaches the
    kitchen, with a need written only in the notes."""
    occasion, _host, principal = banquet(occasion_with, person, make_leader)
    wheelchair = person(MEMBER, latin="Wheelchair Guest", needs=["wheelchair", "vegetarian"])
    late = person(MEMBER, latin="Late Guest", needs_notes="No shellfish, please")
    services.add_invitees(occasion, [services.Invitee("contact", c.id, "guest") for c in (wheelchair, late)])
    services.propose_plan(occasion)
    late_seat, _where = seat_of(database, occasion, "contact", late.id)
    services.move(occasion, late_seat, None, None)  # taken off the plan
    database.session.commit()
    as_role("officer")
    pdf = client.get(f"/protocol/occasions/{occasion.id}/caterer.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Wheelchair access" in text and "Vegetarian" in text and "Wheelchair Guest" in text
    assert text.index("Not seated") < text.index("No shellfish, please")
    assert principal.native_name in text


def test_the_plan_page_costs_the_same_for_8_or_40_guests(
    client, as_role, database, occasion_with, person, make_leader, count_queries
):
    as_role("officer")
    counts = []
    for guests, tables in ((6, 1), (38, 5)):
        occasion, _host, _principal = banquet(occasion_with, person, make_leader, guests=guests)
        occasion.table_count = tables
        services.propose_plan(occasion)
        database.session.commit()
        with count_queries() as counter:
            assert client.get(f"/protocol/occasions/{occasion.id}/seating").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
