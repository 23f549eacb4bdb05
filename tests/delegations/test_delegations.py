from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

from sqlalchemy import select

from intl.contacts.services import ContactDetails
from intl.delegations.models import Delegation
from intl.followups.models import FollowUp
from intl.schedule.models import Engagement
from tests.helpers import MINIMAL_PDF, page_text


def delegation_form(**overrides):
    data = {
        "title-0-locale": "ja",
        "title-0-text": "横浜市代表団",
        "title-1-locale": "zh_Hant",
        "title-1-text": "橫濱市訪問團",
        "title-2-locale": "en",
        "title-2-text": "Yokohama delegation",
        "direction": "inbound",
        "start_on": "2026-12-10",
        "end_on": "2026-12-11",
        "status": "confirmed",
        "categories": ["trade", "culture"],
        "budget": "150000",
        "emergency_contacts": "林怡君 0912-345-678",
    }
    data.update(overrides)
    return data


def test_plan_an_inbound_visit_day_by_day(
    client, as_role, make_partner, make_contact, make_leader, make_engagement, database
):
    officer = as_role("officer")
    partner = make_partner()
    response = client.post(
        "/delegations/new",
        data=delegation_form(partners=f"Yokohama [#{partner.id}]", lead_officer_id=str(officer.id)),
    )
    assert response.status_code == 302
    delegation = database.session.scalars(select(Delegation)).one()
    assert delegation.partner_ids == [partner.id] and delegation.categories == ["trade", "culture"]
    assert delegation.lead_officer_id == officer.id and delegation.budget == 150000
    guest = make_contact(needs=["halal"], details=ContactDetails(emails=[("work", "g@example.jp")]))
    response = client.post(
        f"/delegations/{delegation.id}/members/new",
        data={
            "contact_id": f"Hiroshi Tanaka [#{guest.id}]",
            "role": "head",
            "arrival_flight": "BR 105",
            "arrival_on": "2026-12-10",
            "arrival_time": "09:15",
            "hotel": "Grand Hi-Lai",
        },
    )
    assert response.status_code == 302
    mayor = make_leader()
    make_engagement(
        leaders=[mayor.id],
        delegation_id=delegation.id,
        title={"zh_Hant": "市長接見", "en": "Courtesy call"},
        start=datetime(2026, 12, 10, 2, 0, tzinfo=UTC),
    )
    make_engagement(
        delegation_id=delegation.id,
        title={"zh_Hant": "歡迎晚宴", "en": "Banquet"},
        kind="banquet",
        start=datetime(2026, 12, 11, 10, 30, tzinfo=UTC),
    )
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/delegations/{delegation.id}"))
    day_one = page.split('data-day="2026-12-10"')[1].split("data-day=")[0]
    day_two = page.split('data-day="2026-12-11"')[1]
    assert "Courtesy call" in day_one and "10:00–11:00" in day_one and "Banquet" in day_two
    members = page.split("data-members")[1].split("</table>")[0]
    assert "Head of delegation" in members and "Halal" in members and "BR 105" in members


def test_outbound_trip_engagement_defaults_to_the_partner_zone(client, as_role, make_partner, database):
    from intl.delegations.services import create_delegation

    as_role("officer")
    partner = make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    delegation = create_delegation(
        [partner.id],
        title={"en": "Mayor's trip to Seattle"},
        direction="outbound",
        start_on=date(2027, 3, 1),
        end_on=date(2027, 3, 5),
    )
    database.session.commit()
    page = page_text(client.get(f"/engagements/new?delegation={delegation.id}"))
    assert (
        'value="America/Los_Angeles" selected' in page
        or '<option selected value="America/Los_Angeles"' in page
    )


def test_copy_a_past_programme(client, as_role, make_leader, make_engagement, database):
    from intl.delegations.services import create_delegation

    as_role("officer")
    mayor = make_leader()
    source = create_delegation(
        [],
        title={"en": "Lantern Festival guests 2026"},
        start_on=date(2026, 2, 10),
        end_on=date(2026, 2, 12),
        status="done",
    )
    database.session.commit()
    original = make_engagement(
        leaders=[mayor.id], delegation_id=source.id, start=datetime(2026, 2, 11, 10, 0, tzinfo=UTC)
    )
    response = client.post(f"/delegations/{source.id}/copy", data={"start_on": "2027-02-01"})
    assert response.status_code == 302
    copy = database.session.get(Delegation, int(response.location.rsplit("/", 1)[1]))
    assert (copy.start_on, copy.end_on, copy.status, copy.copied_from_id) == (
        date(2027, 2, 1),
        date(2027, 2, 3),
        "proposed",
        source.id,
    )
    copied = database.session.scalars(select(Engagement).where(Engagement.delegation_id == copy.id)).one()
    assert copied.start_dt == datetime(2027, 2, 2, 10, 0, tzinfo=UTC)
    assert copied.uid != original.uid and copied.status == "tentative"
    assert copied.participant_ids("leader") == [mayor.id]


def test_outcome_followups_and_attachments(client, as_role, database):
    from intl.delegations.services import create_delegation

    officer = as_role("officer")
    delegation = create_delegation(
        [], title={"en": "Visit"}, start_on=date(2026, 1, 5), end_on=date(2026, 1, 6)
    )
    database.session.commit()
    response = client.post(
        f"/delegations/{delegation.id}/outcome",
        data={
            "outcome": "Agreed a student exchange from 2027.",
            "actual_cost": "120000",
            "version": delegation.version,
        },
    )
    assert response.status_code == 302
    client.post(
        f"/delegations/{delegation.id}/followups",
        data={"description": "Send the draft MOU", "owner_id": str(officer.id), "due_on": "2026-01-20"},
    )
    client.post(
        f"/delegations/{delegation.id}/attachments",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(MINIMAL_PDF), "signed-mou.pdf"), "caption": "Signed MOU"},
    )
    followup = database.session.scalars(select(FollowUp)).one()
    assert followup.owner_id == officer.id and followup.due_on == date(2026, 1, 20)
    page = page_text(client.get(f"/delegations/{delegation.id}"))
    assert "Agreed a student exchange" in page and "Send the draft MOU" in page and "Signed MOU" in page
    assert "list-group-item-danger" in page  # overdue
    response = client.post(
        f"/followups/{followup.id}/set-status",
        data={"status": "done", "next": f"/delegations/{delegation.id}#outcome"},
    )
    assert response.location.endswith(f"/delegations/{delegation.id}#outcome")
    database.session.expire_all()
    assert database.session.get(FollowUp, followup.id).status == "done"
    attachment = page.split("data-attachments")[1].split('href="')[1].split('"')[0]
    assert client.get(attachment).data == MINIMAL_PDF
    bad = client.post(
        f"/delegations/{delegation.id}/attachments",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"not a pdf"), "x.pdf")},
        headers={"Accept-Language": "en"},
    )
    assert bad.status_code == 302


def test_list_filters_and_validation(client, as_role, database):
    from intl.delegations.services import create_delegation

    as_role("officer")
    create_delegation(
        [],
        title={"en": "Future trip"},
        direction="outbound",
        start_on=date(2030, 1, 1),
        end_on=date(2030, 1, 3),
    )
    create_delegation([], title={"en": "Old visit"}, start_on=date(2020, 1, 1), end_on=date(2020, 1, 3))
    database.session.commit()
    upcoming = page_text(client.get("/delegations"))
    assert "Future trip" in upcoming and "Old visit" not in upcoming
    assert "Old visit" in page_text(client.get("/delegations?when=past"))
    assert "Future trip" not in page_text(client.get("/delegations?when=all&direction=inbound"))
    assert "Future trip" in page_text(client.get("/delegations?when=all&q=future"))
    response = client.post(
        "/delegations/new", data=delegation_form(end_on="2026-12-01"), headers={"Accept-Language": "en"}
    )
    assert "The end cannot come before the start" in page_text(response)


def test_detail_query_count_is_constant(
    client, as_role, make_leader, make_contact, make_engagement, count_queries, database
):
    from intl.delegations.services import add_member, create_delegation

    as_role("officer")
    mayor = make_leader()
    delegation = create_delegation(
        [], title={"en": "Visit"}, start_on=date(2026, 12, 10), end_on=date(2026, 12, 12)
    )
    database.session.commit()
    make_engagement(
        leaders=[mayor.id], contacts=[make_contact(latin_name="First guest").id], delegation_id=delegation.id
    )
    add_member(delegation, make_contact().id, role="head")
    database.session.commit()
    url = f"/delegations/{delegation.id}"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    for day in (10, 11, 12):
        for hour in (1, 4, 7):
            make_engagement(
                leaders=[mayor.id],
                contacts=[make_contact(latin_name=f"G{day}{hour}").id],
                delegation_id=delegation.id,
                start=datetime(2026, 12, day, hour, 0, tzinfo=UTC),
            )
    for i in range(5):
        add_member(delegation, make_contact(latin_name=f"Member {i}").id)
    database.session.commit()
    with count_queries() as many:
        client.get(url)
    assert many.count == few.count, "\n".join(s[:150] for s in many.statements)


def test_an_archived_delegation_is_restored_by_an_administrator(client, as_role, database):
    as_role("officer")
    assert client.post("/delegations/new", data=delegation_form()).status_code == 302
    delegation = database.session.scalars(select(Delegation)).one()
    assert client.post(f"/delegations/{delegation.id}/archive").status_code == 302
    assert f'href="/delegations/{delegation.id}"' not in client.get("/delegations?when=all").get_data(
        as_text=True
    )

    as_role("admin")
    archive = client.get("/admin/archive").get_data(as_text=True)
    assert f"/admin/archive/delegation/{delegation.id}/restore" in archive
    assert client.post(f"/admin/archive/delegation/{delegation.id}/restore").status_code == 302
    assert f'href="/delegations/{delegation.id}"' in client.get("/delegations?when=all").get_data(
        as_text=True
    )


def test_letters_about_a_visit_show_on_its_page_to_those_who_may_read_them(
    client, as_role, make_user, login, database
):
    from intl.correspondence.services import create_letter

    as_role("officer")
    assert client.post("/delegations/new", data=delegation_form()).status_code == 302
    delegation = database.session.scalars(select(Delegation)).one()
    colleague = make_user("officer")
    fields = {"letter_on": date(2026, 11, 2), "language": "en", "channel": "email", "body": "…"}
    invitation = create_letter(
        "outgoing", links=[("delegation", delegation.id)], subject="Invitation to Kaohsiung", **fields
    )
    secret = create_letter(
        "incoming",
        links=[("delegation", delegation.id)],
        subject="Security arrangements",
        confidential=True,
        assigned_to_id=colleague.id,
        **fields,
    )
    database.session.commit()
    page = client.get(f"/delegations/{delegation.id}").get_data(as_text=True)
    letters = page.split("data-letters")[1].split("</ul>")[0]
    assert f'href="/letters/{invitation.id}"' in letters and "Security arrangements" not in letters
    login(colleague)
    letters = client.get(f"/delegations/{delegation.id}").get_data(as_text=True).split("data-letters")[1]
    assert f'href="/letters/{secret.id}"' in letters.split("</ul>")[0]


def _visit_with_a_member(make_contact, database):
    from intl.delegations.services import add_member, create_delegation

    guest = make_contact(
        needs=["halal"],
        details=ContactDetails(emails=[("work", "g@example.jp")], phones=[("mobile", "+81 90 1234 5678")]),
    )
    delegation = create_delegation(
        [], title={"en": "Yokohama delegation"}, start_on=date(2026, 12, 10), end_on=date(2026, 12, 11)
    )
    add_member(delegation, guest.id, role="head", arrival_flight="BR 105", hotel="Grand Hi-Lai")
    database.session.commit()
    return delegation, guest


def _log(database, action: str) -> list[tuple[int, int]]:
    from intl.contacts.models import PersonalDataAccess

    return [
        (row.contact_id, row.user_id)
        for row in database.session.scalars(
            select(PersonalDataAccess).where(PersonalDataAccess.action == action)
        )
    ]


def test_an_intern_sees_no_members_personal_details_on_the_delegation_page(
    client, as_role, make_contact, database
):
    delegation, guest = _visit_with_a_member(make_contact, database)
    as_role("intern")
    client.post("/language", data={"locale": "en"})
    members = (
        page_text(client.get(f"/delegations/{delegation.id}")).split("data-members")[1].split("</table>")[0]
    )
    assert "Hiroshi Tanaka" in members and "Head of delegation" in members
    for personal in ("Halal", "BR 105", "Grand Hi-Lai", "+81 90 1234 5678", "g@example.jp"):
        assert personal not in members, personal
    assert "data-personal-hidden" in members
    assert _log(database, "view") == []  # nothing shown, nothing logged


def test_an_officer_sees_them_and_the_access_is_logged_once_per_request(
    client, as_role, make_contact, database
):
    delegation, guest = _visit_with_a_member(make_contact, database)
    officer = as_role("officer")
    client.post("/language", data={"locale": "en"})
    members = (
        page_text(client.get(f"/delegations/{delegation.id}")).split("data-members")[1].split("</table>")[0]
    )
    assert "Halal" in members and "BR 105" in members and "Grand Hi-Lai" in members
    assert _log(database, "view") == [(guest.id, officer.id)]
    client.get(f"/delegations/{delegation.id}/itinerary.pdf")
    assert _log(database, "print") == [(guest.id, officer.id)]


def test_a_followups_status_has_one_endpoint_and_one_rule(client, make_user, login, database):
    """The delegation page posts to the follow-ups feature's endpoint, which asks the follow-up policy: staff,
    and the owner of their own (an intern too)."""
    from intl.delegations.services import add_followup, create_delegation

    intern, other_intern = make_user("intern"), make_user("intern")
    delegation = create_delegation(
        [], title={"en": "Visit"}, start_on=date(2026, 1, 5), end_on=date(2026, 1, 6)
    )
    mine = add_followup(delegation, "Translate the thank-you letter", intern.id, None)
    theirs = add_followup(delegation, "Book the bus", None, None)
    database.session.commit()
    login(intern)
    page = page_text(client.get(f"/delegations/{delegation.id}"))
    forms = re.findall(r'action="(/followups/\d+/[\w-]+)"', page)
    assert forms == [f"/followups/{mine.id}/set-status"]  # only their own, and only the one endpoint
    response = client.post(
        f"/followups/{mine.id}/set-status",
        data={"status": "done", "next": f"/delegations/{delegation.id}#outcome"},
    )
    assert response.status_code == 302 and response.location.endswith(f"/delegations/{delegation.id}#outcome")
    assert client.post(f"/followups/{theirs.id}/set-status", data={"status": "done"}).status_code == 403
    login(other_intern)
    assert client.post(f"/followups/{mine.id}/set-status", data={"status": "open"}).status_code == 403
    assert client.post(f"/followups/{mine.id}/status", data={"status": "open"}).status_code == 404  # gone
    database.session.expire_all()
    assert database.session.get(FollowUp, mine.id).status == "done"
    assert database.session.get(FollowUp, theirs.id).status == "open"
