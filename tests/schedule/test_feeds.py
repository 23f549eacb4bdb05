"""Calendar exports and subscription feeds, re-read with vobject and icalendar."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import vobject

from intl.schedule.models import Engagement, FeedToken
from tests.helpers import page_text


def subscribe(client, subject: str, scope: str = "full", locale: str = "zh_Hant_TW") -> str:
    response = client.post(
        "/feeds", data={"subject": subject, "scope": scope, "locale": locale, "label": "Outlook"}
    )
    page = page_text(response)
    url = re.search(r"data-feed-url>([^<]+)<", page).group(1)
    assert "webcal://" in page
    return url.split("localhost", 1)[1] if "localhost" in url else "/" + url.split("/", 3)[3]


def events_of(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}, calendar


def test_leader_feed_is_valid_and_complete(app, client, as_role, make_leader, make_engagement, make_contact):
    officer = as_role("officer")
    mayor = make_leader()
    guest = make_contact()
    tokyo = make_engagement(
        leaders=[mayor.id],
        contacts=[guest.id],
        users=[officer.id],
        timezone="Asia/Tokyo",
        venue="Yokohama City Hall",
        address="1-1 Honcho, Naka-ku",
        latitude=35.44,
        longitude=139.64,
        dress_code="Dark suit",
        title={"zh_Hant": "拜會橫濱市長", "en": "Call on the Mayor of Yokohama"},
    )
    make_engagement(
        leaders=[mayor.id],
        all_day=True,
        start=datetime(2026, 12, 20, 16, 0, tzinfo=UTC),
        hours=24,
        title={"zh_Hant": "元旦升旗", "en": "New Year flag raising"},
    )
    url = subscribe(client, f"leader:{mayor.id}")
    anonymous = app.test_client()
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.data
    assert b"\r\n" in body
    events, calendar = events_of(body)
    assert str(calendar["X-WR-CALNAME"]).startswith("市長 陳其邁")
    assert "REFRESH-INTERVAL" in calendar
    assert {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")} == {"Asia/Tokyo"}
    event = events[tokyo.uid]
    assert str(event["SUMMARY"]) == "拜會橫濱市長"  # the subscriber's language
    assert event["DTSTART"].dt.tzinfo is not None and event.decoded("DTSTART").strftime("%H:%M") == "11:00"
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert int(event["SEQUENCE"]) == 0 and "DTSTAMP" in event and "LAST-MODIFIED" in event
    assert str(event["LOCATION"]).startswith("Yokohama City Hall")
    assert event["GEO"].latitude == 35.44
    assert str(event["URL"]).endswith(f"/engagements/{tokyo.id}")
    assert "Dark suit" in str(event["DESCRIPTION"]) and "Hiroshi Tanaka" not in str(event["DESCRIPTION"])
    all_day = next(e for e in events.values() if str(e["SUMMARY"]) == "元旦升旗")
    assert all_day.decoded("DTSTART") == date(2026, 12, 21)
    # vobject reads it too
    parsed = vobject.readOne(body.decode())
    assert len(parsed.vevent_list) == 2


def test_uids_stay_and_sequence_grows_across_exports(
    app, client, as_role, make_leader, make_engagement, database
):
    from intl.schedule.services import update_engagement

    as_role("officer")
    mayor = make_leader()
    engagement = make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}", locale="en")
    first, _ = events_of(app.test_client().get(url).data)
    update_engagement(database.session.get(Engagement, engagement.id), venue="City Council")
    database.session.commit()
    second, _ = events_of(app.test_client().get(url).data)
    assert list(first) == list(second) == [engagement.uid]
    assert int(second[engagement.uid]["SEQUENCE"]) == int(first[engagement.uid]["SEQUENCE"]) + 1
    assert str(second[engagement.uid]["SUMMARY"]) == "Courtesy call on the Mayor"


def test_conditional_requests(app, client, as_role, make_leader, make_engagement, database):
    from intl.schedule.services import update_engagement

    as_role("officer")
    mayor = make_leader()
    engagement = make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}")
    feed = app.test_client()
    first = feed.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert feed.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert feed.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    update_engagement(database.session.get(Engagement, engagement.id), notes="Bring the gift")
    database.session.commit()
    changed = feed.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_poll_answered_304_reads_one_row(app, client, as_role, make_leader, make_engagement, count_queries):
    # Calendar clients poll every few minutes and nearly always hear "not modified": that answer reads the
    # subscription, its owner and leader, and the schedule's revision in one statement, and writes nothing.
    as_role("officer")
    mayor = make_leader()
    make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}")
    feed = app.test_client()
    first = feed.get(url)
    with count_queries() as polls:
        assert feed.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
        assert feed.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
    assert polls.count == 2, polls.statements
    assert all(statement.lstrip().upper().startswith("SELECT") for statement in polls.statements)


def test_busy_scope_and_confidential_engagements(app, client, as_role, make_leader, make_engagement):
    as_role("officer")
    mayor = make_leader()
    open_one = make_engagement(leaders=[mayor.id], venue="City Hall", notes="Agenda: trade")
    secret = make_engagement(
        leaders=[mayor.id],
        visibility="confidential",
        start=datetime(2026, 12, 11, 2, 0, tzinfo=UTC),
        title={"en": "Secret talks"},
        venue="Hidden place",
    )
    full = app.test_client().get(subscribe(client, f"leader:{mayor.id}", "full", "en")).data
    events, _ = events_of(full)
    assert str(events[open_one.uid]["SUMMARY"]) == "Courtesy call on the Mayor"
    assert str(events[secret.uid]["SUMMARY"]) == "Busy" and "LOCATION" not in events[secret.uid]
    assert b"Secret talks" not in full and b"Hidden place" not in full
    busy = app.test_client().get(subscribe(client, f"leader:{mayor.id}", "busy", "en")).data
    events, _ = events_of(busy)
    assert {str(e["SUMMARY"]) for e in events.values()} == {"Busy"}
    assert b"City Hall" not in busy and b"trade" not in busy and b"DESCRIPTION" not in busy


def test_cancelled_stay_thirty_days_then_leave(app, client, as_role, make_leader, make_engagement, database):
    from intl.schedule.services import archive_engagement

    as_role("officer")
    mayor = make_leader()
    engagement = make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}")
    archive_engagement(database.session.get(Engagement, engagement.id))
    database.session.commit()
    events, _ = events_of(app.test_client().get(url).data)
    assert str(events[engagement.uid]["STATUS"]) == "CANCELLED"
    stored = database.session.get(Engagement, engagement.id)
    stored.cancelled_at = datetime.now(UTC) - timedelta(days=31)
    database.session.commit()
    events, _ = events_of(app.test_client().get(url).data)
    assert engagement.uid not in events


def test_revoked_feed_stops_working(app, client, as_role, make_leader, make_engagement, database):
    as_role("officer")
    mayor = make_leader()
    make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}")
    assert app.test_client().get(url).status_code == 200
    token = database.session.query(FeedToken).one()
    assert client.post(f"/feeds/{token.id}/revoke").status_code == 302
    assert app.test_client().get(url).status_code == 404
    assert app.test_client().get("/feeds/not-a-real-token.ics").status_code == 404


def test_own_feed_and_who_may_subscribe_to_whom(
    app, client, make_user, login, make_leader, make_engagement, database
):
    officer = login(make_user("officer"))
    mayor = make_leader()
    mine = make_engagement(users=[officer.id], title={"en": "My meeting"})
    make_engagement(
        leaders=[mayor.id], title={"en": "Not mine"}, start=datetime(2026, 12, 12, 2, 0, tzinfo=UTC)
    )
    events, _ = events_of(app.test_client().get(subscribe(client, "me", locale="en")).data)
    assert list(events) == [mine.uid]
    aide = make_user("leader")
    deputy = make_leader(names={"en": "Deputy"}, title={"en": "Deputy Mayor"}, user_id=aide.id)
    login(aide)
    page = page_text(client.get("/feeds"))
    assert f"leader:{deputy.id}" in page and f"leader:{mayor.id}" not in page
    response = client.post("/feeds", data={"subject": f"leader:{mayor.id}", "scope": "full", "locale": "en"})
    assert response.status_code == 403


def test_downloads_of_one_engagement_a_programme_and_a_range(client, as_role, make_leader, make_engagement):
    from intl.delegations.services import create_delegation

    as_role("officer")
    mayor = make_leader()
    delegation = create_delegation(
        [], title={"en": "Yokohama delegation"}, start_on=date(2026, 12, 10), end_on=date(2026, 12, 11)
    )
    first = make_engagement(leaders=[mayor.id], delegation_id=delegation.id)
    second = make_engagement(
        delegation_id=delegation.id,
        start=datetime(2026, 12, 11, 2, 0, tzinfo=UTC),
        title={"en": "Port visit"},
    )
    one, _ = events_of(client.get(f"/engagements/{first.id}.ics").data)
    assert list(one) == [first.uid]
    programme, calendar = events_of(client.get(f"/delegations/{delegation.id}/itinerary.ics").data)
    assert set(programme) == {first.uid, second.uid}
    ranged, _ = events_of(
        client.get(
            f"/schedule/leaders/{mayor.id}.ics", query_string={"from": "2026-12-01", "to": "2026-12-31"}
        ).data
    )
    assert list(ranged) == [first.uid]
    assert (
        client.get(f"/schedule/leaders/{mayor.id}.ics", query_string={"from": "garbage"}).status_code == 400
    )


def test_renaming_a_programme_or_a_leader_reaches_subscribers(
    app, client, make_user, login, make_leader, make_engagement, database
):
    from intl.delegations.services import create_delegation, update_delegation

    login(make_user("admin"))
    mayor = make_leader()
    delegation = create_delegation(
        [], title={"en": "Visit"}, start_on=date(2026, 12, 10), end_on=date(2026, 12, 11)
    )
    database.session.commit()
    engagement = make_engagement(leaders=[mayor.id], delegation_id=delegation.id)
    url = subscribe(client, f"leader:{mayor.id}", locale="en")
    feed = app.test_client()
    etag = feed.get(url).headers["ETag"]
    update_delegation(database.session.get(type(delegation), delegation.id), title={"en": "Friendship visit"})
    database.session.commit()
    second = feed.get(url, headers={"If-None-Match": etag})
    assert second.status_code == 200
    events, _ = events_of(second.data)
    assert "Friendship visit" in str(events[engagement.uid]["DESCRIPTION"])
    assert int(events[engagement.uid]["SEQUENCE"]) == 1
    etag = second.headers["ETag"]
    response = client.post(
        f"/admin/leaders/{mayor.id}",
        data={
            "names-0-locale": "en",
            "names-0-text": "Renamed Mayor",
            "title-0-locale": "en",
            "title-0-text": "Mayor",
            "user_id": "",
            "position": "0",
            "color": "#123456",
            "active": "y",
        },
    )
    assert response.status_code == 302
    renamed = feed.get(url, headers={"If-None-Match": etag})
    assert renamed.status_code == 200 and b"Renamed Mayor" in renamed.data
    events, _ = events_of(renamed.data)
    if engagement.start_dt > datetime.now(UTC):  # coming engagements carry the new name
        assert "Renamed Mayor" in str(events[engagement.uid]["DESCRIPTION"])


# --- a feed asks on every request whether its owner may still read that schedule ------------------------


def admin_edits_user(app, make_user, user, **changes):
    """The administrator's user form (auth.services.update_user), as an office would do it."""
    from intl.auth.models import User

    admin_client = app.test_client()
    admin = make_user("admin")
    with admin_client.session_transaction() as session:
        session["_user_id"] = admin.get_id()
    fields = {"display_name": user.display_name, "role": user.role, "active": "y", **changes}
    if fields["active"] is False:
        del fields["active"]
    response = admin_client.post(f"/admin/users/{user.id}/edit", data={**fields, "version": user.version})
    assert response.status_code == 302, response.status_code
    return User


def ended(client) -> dict[int, str]:
    page = page_text(client.get("/feeds"))
    return {
        int(token_id): reason
        for token_id, reason in re.findall(r'data-feed="(\d+)".*?data-feed-ended="(\w+)"', page, re.S)
    }


def test_a_deactivated_owner_s_feeds_stop_at_once_and_are_revoked(
    app, client, make_user, login, make_leader, make_engagement, database
):
    from intl.core.audit import AuditEntry

    officer = login(make_user("officer"))
    mayor = make_leader()
    make_engagement(leaders=[mayor.id], users=[officer.id])
    leader_feed, own_feed = subscribe(client, f"leader:{mayor.id}"), subscribe(client, "me")
    feed = app.test_client()
    assert feed.get(leader_feed).status_code == feed.get(own_feed).status_code == 200
    # deactivated behind the application's back: the feed asks on every request and stops anyway
    officer.active = False
    database.session.commit()
    assert feed.get(leader_feed).status_code == feed.get(own_feed).status_code == 404
    officer.active = True
    database.session.commit()
    etag = feed.get(leader_feed).headers["ETag"]
    # deactivated by an administrator: both addresses revoked, and the change is audited
    admin_edits_user(app, make_user, officer, active=False)
    assert feed.get(leader_feed).status_code == 404
    assert feed.get(leader_feed, headers={"If-None-Match": etag}).status_code == 404
    assert feed.get(own_feed).status_code == 404
    tokens = database.session.query(FeedToken).filter_by(owner_id=officer.id).all()
    assert {(t.revoked_reason, t.revoked_at is not None) for t in tokens} == {("deactivated", True)}
    revoked = database.session.query(AuditEntry).filter_by(kind="feed_token", action="update").all()
    assert len(revoked) == 2 and all(e.changes["revoked_reason"] == [None, "deactivated"] for e in revoked)


def test_a_demoted_owner_loses_the_leaders_feed_but_keeps_their_own(
    app, client, make_user, login, make_leader, make_engagement, database
):
    officer = login(make_user("officer"))
    mayor = make_leader()
    make_engagement(leaders=[mayor.id], users=[officer.id])
    leader_feed, own_feed = subscribe(client, f"leader:{mayor.id}"), subscribe(client, "me")
    feed = app.test_client()
    assert feed.get(leader_feed).status_code == 200
    admin_edits_user(app, make_user, officer, role="intern")
    assert feed.get(leader_feed).status_code == 404  # interns do not read the leaders' schedules
    assert feed.get(own_feed).status_code == 200  # their own engagements they still may
    database.session.expire_all()
    login(database.session.get(type(officer), officer.id))
    client.post("/language", data={"locale": "en"})
    reasons = ended(client)
    assert list(reasons.values()) == ["role"]
    assert "No longer valid: the account's role changed" in page_text(client.get("/feeds"))
    # promoted again: a revoked address stays revoked
    admin_edits_user(app, make_user, database.session.get(type(officer), officer.id), role="officer")
    assert feed.get(leader_feed).status_code == 404


def test_an_aide_whose_leader_link_is_removed_gets_404_at_once(
    app, client, make_user, login, make_leader, make_engagement, database
):
    aide = login(make_user("leader"))
    deputy = make_leader(names={"en": "Deputy"}, title={"en": "Deputy Mayor"}, user_id=aide.id)
    make_engagement(leaders=[deputy.id])
    url = subscribe(client, f"leader:{deputy.id}")
    feed = app.test_client()
    etag = feed.get(url).headers["ETag"]
    deputy.user_id = None  # the administrator gives the deputy another aide
    database.session.commit()
    assert feed.get(url).status_code == 404
    assert feed.get(url, headers={"If-None-Match": etag}).status_code == 404  # no 304 either
    client.post("/language", data={"locale": "en"})
    assert list(ended(client).values()) == ["leader_link"]
    assert "No longer valid: the account no longer belongs to this leader" in page_text(client.get("/feeds"))
    deputy.user_id = aide.id  # linked again: the address was never revoked, it works again
    database.session.commit()
    assert feed.get(url).status_code == 200


def test_revoking_answers_404_at_once_and_creating_and_revoking_are_audited(
    app, client, as_role, make_leader, make_engagement, make_user, login, database
):
    from intl.core.audit import AuditEntry

    officer = as_role("officer")
    mayor = make_leader()
    make_engagement(leaders=[mayor.id])
    url = subscribe(client, f"leader:{mayor.id}")
    token = database.session.query(FeedToken).one()
    feed = app.test_client()
    etag = feed.get(url).headers["ETag"]
    created = database.session.query(AuditEntry).filter_by(kind="feed_token", entity_id=token.id).one()
    assert (created.action, created.user_id, created.changes["leader_id"]) == (
        "create",
        officer.id,
        [None, mayor.id],
    )
    login(make_user("officer"))  # someone else's address is not theirs to revoke
    assert client.post(f"/feeds/{token.id}/revoke").status_code == 403
    login(officer)
    assert client.post(f"/feeds/{token.id}/revoke").status_code == 302
    assert feed.get(url, headers={"If-None-Match": etag}).status_code == 404
    entries = database.session.query(AuditEntry).filter_by(kind="feed_token", entity_id=token.id).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["revoked_reason"] == [None, "revoked"] and entries[1].user_id == officer.id
    client.post("/language", data={"locale": "en"})
    assert list(ended(client).values()) == ["revoked"]


def test_interns_may_not_download_nor_subscribe_to_a_leaders_schedule(client, as_role, make_leader):
    mayor = make_leader()
    as_role("intern")
    assert client.get(f"/schedule/leaders/{mayor.id}.ics").status_code == 403
    assert f"leader:{mayor.id}" not in page_text(client.get("/feeds"))
    response = client.post("/feeds", data={"subject": f"leader:{mayor.id}", "scope": "full", "locale": "en"})
    assert response.status_code == 403


def test_a_leader_downloads_only_his_own_leaders_schedule(client, make_user, login, make_leader):
    mayor = make_leader()
    aide = login(make_user("leader"))
    deputy = make_leader(names={"en": "Deputy"}, user_id=aide.id)
    assert client.get(f"/schedule/leaders/{deputy.id}.ics").status_code == 200
    assert client.get(f"/schedule/leaders/{mayor.id}.ics").status_code == 403


def test_an_administrators_own_feed_shows_confidential_engagements_in_full(
    app, client, as_role, make_leader, make_engagement
):
    as_role("admin")
    mayor = make_leader()
    secret = make_engagement(leaders=[mayor.id], visibility="confidential", title={"en": "Secret talks"})
    events, _ = events_of(app.test_client().get(subscribe(client, f"leader:{mayor.id}", locale="en")).data)
    assert str(events[secret.uid]["SUMMARY"]) == "Secret talks"
    assert str(events[secret.uid]["CLASS"]) == "CONFIDENTIAL"
    busy, _ = events_of(app.test_client().get(subscribe(client, f"leader:{mayor.id}", "busy", "en")).data)
    assert str(busy[secret.uid]["SUMMARY"]) == "Busy"


def test_restoring_an_engagement_changes_every_feeds_validator(
    app, client, as_role, make_leader, make_engagement, make_user, login, database
):
    """The schedule's revision moves on archive changes through the registered hook."""
    from intl.core.archive import restore
    from intl.schedule.services import archive_engagement

    as_role("officer")
    mayor = make_leader()
    engagement = make_engagement(leaders=[mayor.id])
    archive_engagement(database.session.get(Engagement, engagement.id))
    database.session.commit()
    url = subscribe(client, f"leader:{mayor.id}")
    feed = app.test_client()
    etag = feed.get(url).headers["ETag"]
    restore(database.session.get(Engagement, engagement.id))
    database.session.commit()
    assert feed.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_stored_texts_of_more_engagements_than_a_statement_once_held(make_leader, make_engagement, database):
    """A feed reads the kept texts of all its engagements with their ids as one parameter (an array on
    PostgreSQL, a JSON list on SQLite, whose statements once held at most 999 values): 1,200 engagements'
    kept texts read back in order, none rebuilt."""
    import uuid

    from sqlalchemy import func, insert, inspect, select

    from intl.schedule.calendar_texts import texts_for
    from intl.schedule.models import EngagementCalendarText

    model = make_engagement(leaders=[make_leader().id])
    row = {c.key: getattr(model, c.key) for c in inspect(Engagement).column_attrs if c.key != "id"}
    first = database.session.scalar(select(func.max(Engagement.id))) + 1
    ids = range(first, first + 1_200)
    database.session.execute(
        insert(Engagement), [{**row, "id": i, "uid": f"{uuid.uuid4()}@test"} for i in ids]
    )
    database.session.execute(
        insert(EngagementCalendarText),
        [
            {
                "engagement_id": i,
                "locale": "en",
                "scope": "full",
                "sequence": row["sequence"],
                "text": f"KEPT {i}",
            }
            for i in ids
        ],
    )
    database.session.commit()
    engagements = list(
        database.session.scalars(select(Engagement).where(Engagement.id >= first).order_by(Engagement.id))
    )
    assert texts_for(engagements, "en", "full") == [f"KEPT {i}" for i in ids]
