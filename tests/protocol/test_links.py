"""Events, engagements and delegations link to their protocol desk (without importing it); a confidential
engagement's desk is as closed as the engagement's details."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from intl.events.services import create_event


def test_the_three_kinds_link_to_their_desk(
    client, as_role, database, make_delegation, make_engagement, make_leader
):
    as_role("officer")
    delegation = make_delegation(direction="inbound")
    page = client.get(f"/delegations/{delegation.id}").get_data(as_text=True)
    assert f"/protocol/for/delegation/{delegation.id}" in page
    assert f"/protocol/delegations/{delegation.id}/reception" in page
    engagement = make_engagement(leaders=[make_leader().id], kind="banquet")
    page = client.get(f"/engagements/{engagement.id}").get_data(as_text=True)
    assert f"/protocol/for/engagement/{engagement.id}" in page
    start = datetime(2027, 3, 20, 10, tzinfo=UTC)
    event = create_event(
        title={"en": "Lantern Festival dinner"}, start_dt=start, end_dt=start + timedelta(hours=3),
        kind="festival", timezone="Asia/Taipei", registration_mode="invited", visibility="internal", status="confirmed",
    )  # fmt: skip
    database.session.commit()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"/protocol/for/event/{event.id}" in page
    assert client.post(f"/protocol/for/event/{event.id}/start").status_code == 302
    assert client.get(f"/protocol/for/engagement/{engagement.id}").status_code == 200


def test_a_leader_account_sees_no_link(client, login, make_user, database, make_leader, make_engagement):
    user = make_user("leader")
    leader = make_leader(user_id=user.id)
    engagement = make_engagement(leaders=[leader.id])
    login(user)
    page = client.get(f"/engagements/{engagement.id}").get_data(as_text=True)
    assert "/protocol/for/engagement" not in page
    assert client.get(f"/protocol/for/engagement/{engagement.id}").status_code == 403


def test_a_confidential_engagement_closes_its_desk(client, as_role, database, make_leader, make_engagement):
    engagement = make_engagement(leaders=[make_leader().id], visibility="confidential")
    as_role("officer")  # not involved: sees the engagement as busy time only
    assert client.get(f"/protocol/for/engagement/{engagement.id}").status_code == 403
    assert client.post(f"/protocol/for/engagement/{engagement.id}/start").status_code == 403


def test_purging_a_person_or_an_occasion_takes_its_protocol_records(
    database, person, occasion_with, make_delegation
):
    from sqlalchemy import select

    from intl.core.archive import archive, purge
    from intl.protocol.models import Occasion, Participant

    guest, interpreter = person({"en": "Mayor"}), person({"en": "Interpreter"})
    occasion = occasion_with([(guest, "guest"), (interpreter, "guest")])
    places = {p.ref_id: p for p in occasion.participants}
    places[interpreter.id].interprets_for_id = places[guest.id].id
    database.session.commit()
    archive(guest)
    purge(guest)
    database.session.commit()
    database.session.expire_all()
    left = database.session.scalars(select(Participant).where(Participant.occasion_id == occasion.id)).all()
    assert [p.ref_id for p in left] == [interpreter.id] and left[0].interprets_for_id is None
    delegation = database.session.get(Occasion, occasion.id).source_id
    from intl.delegations.models import Delegation

    record = database.session.get(Delegation, delegation)
    archive(record)
    purge(record)
    database.session.commit()
    assert database.session.get(Occasion, occasion.id) is None
