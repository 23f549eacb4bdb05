"""One rule for a confidential engagement, for each role, on every path that shows it: the engagement page, the
agenda, the calendar, the .ics downloads, the subscription feeds and the printed briefing; and a download and a
feed of the same schedule show the same thing to the same user."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import icalendar
import pytest
from pypdf import PdfReader

from tests.helpers import page_text

DAY = "2026-12-10"
WEEK = {"start": "2026-12-07T00:00:00", "end": "2026-12-14T00:00:00"}

# What each viewer sees of the mayor's confidential talks: "full" (title, place, people), "busy" (its time
# only) or "none" (nothing: the page answers 403, lists and downloads leave it out). "involved": takes part, or
# (a leader's account) speaks for a leader who does.
TABLE = {
    "admin": "full",
    "officer, involved": "full",
    "officer, not involved": "busy",
    "intern, involved": "none",
    "intern, not involved": "none",
    "leader, involved": "full",
    "leader, not involved": "none",
}
# Who may read the mayor's whole schedule (subscribe to it, download it, print his briefing): staff and his
# own account; the same rule for all three.
READS_MAYORS_SCHEDULE = {"admin", "officer, involved", "officer, not involved", "leader, involved"}


@pytest.fixture
def office(database, make_user, make_leader, make_engagement, make_contact):
    mayor_account = make_user("leader")
    mayor = make_leader(user_id=mayor_account.id)
    aide = make_user("leader")
    make_leader(names={"en": "Deputy"}, title={"en": "Deputy Mayor"}, user_id=aide.id)
    viewers = {
        "admin": make_user("admin"),
        "officer, involved": make_user("officer"),
        "officer, not involved": make_user("officer"),
        "intern, involved": make_user("intern"),
        "intern, not involved": make_user("intern"),
        "leader, involved": mayor_account,
        "leader, not involved": aide,
    }
    guest = make_contact()
    secret = make_engagement(
        leaders=[mayor.id],
        contacts=[guest.id],
        users=[viewers["officer, involved"].id, viewers["intern, involved"].id],
        visibility="confidential",
        title={"en": "Secret talks"},
        venue="Room 9",
        notes="Bring the draft treaty",
    )
    make_engagement(
        leaders=[mayor.id],
        title={"en": "Open meeting"},
        visibility="public",
        start=datetime(2026, 12, 10, 6, 0, tzinfo=UTC),
    )
    make_engagement(
        leaders=[mayor.id],
        kind="interview",
        title={"en": "Interview of Siti"},
        start=datetime(2026, 12, 11, 6, 0, tzinfo=UTC),
    )
    return {"mayor": mayor, "viewers": viewers, "secret": secret}


def seen_in_text(text: str) -> str:
    if "Secret talks" in text:
        assert "Room 9" in text
        return "full"
    assert "Room 9" not in text and "Bring the draft treaty" not in text and "Hiroshi Tanaka" not in text
    return "busy"


def events_of(body: bytes) -> dict:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def seen_in_calendar(body: bytes, uid: str) -> str:
    events = events_of(body)
    if uid not in events:
        return "none"
    summary = str(events[uid]["SUMMARY"])
    if summary == "Busy":
        assert "LOCATION" not in events[uid] and "DESCRIPTION" not in events[uid]
        return "busy"
    assert summary == "Secret talks" and "Room 9" in str(events[uid]["LOCATION"])
    assert "Bring the draft treaty" in str(events[uid]["DESCRIPTION"])
    assert str(events[uid]["CLASS"]) == "CONFIDENTIAL"
    return "full"


def subscribe(client, subject: str, scope: str = "full") -> str:
    response = client.post("/feeds", data={"subject": subject, "scope": scope, "locale": "en", "label": "x"})
    assert response.status_code == 200, response.status_code
    url = re.search(r"data-feed-url>([^<]+)<", page_text(response)).group(1)
    return "/" + url.split("/", 3)[3]


@pytest.mark.parametrize("viewer", sorted(TABLE))
def test_what_each_role_sees_of_a_confidential_engagement(app, client, login, office, viewer):
    user, secret, mayor = office["viewers"][viewer], office["secret"], office["mayor"]
    expected = TABLE[viewer]
    login(user)
    client.post("/language", data={"locale": "en"})
    seen = {}

    page = client.get(f"/engagements/{secret.id}")
    seen["page"] = "none" if page.status_code == 403 else seen_in_text(page_text(page))

    agenda = page_text(client.get("/schedule/agenda", query_string={"from": DAY, "to": DAY}))
    row = agenda.split(f'data-engagement="{secret.id}"')
    seen["agenda"] = "none" if len(row) == 1 else seen_in_text(row[1].split("data-engagement=")[0])

    items = client.get("/schedule/events.json", query_string=WEEK).get_json()
    item = next((i for i in items if i["id"] == secret.id), None)
    seen["calendar"] = "none" if item is None else ("busy" if item["title"] == "Busy" else "full")
    if item is not None and item["title"] == "Busy":
        assert "url" not in item["extendedProps"] and "leaders" not in item["extendedProps"]

    download = client.get(f"/engagements/{secret.id}.ics")
    seen["download"] = "none" if download.status_code == 403 else seen_in_calendar(download.data, secret.uid)

    if viewer in ("officer, involved", "intern, involved"):  # on it in person: their own feed would carry it
        own_feed = app.test_client().get(subscribe(client, "me"))
        seen["own feed"] = seen_in_calendar(own_feed.data, secret.uid)

    if viewer in READS_MAYORS_SCHEDULE:
        feed = app.test_client().get(subscribe(client, f"leader:{mayor.id}"))
        seen["mayor's feed"] = seen_in_calendar(feed.data, secret.uid)
        ranged = client.get(f"/schedule/leaders/{mayor.id}.ics", query_string={"from": DAY, "to": DAY})
        seen["mayor's schedule, downloaded"] = seen_in_calendar(ranged.data, secret.uid)
    else:
        assert client.get(f"/schedule/leaders/{mayor.id}.ics").status_code == 403
        response = client.post(
            "/feeds", data={"subject": f"leader:{mayor.id}", "scope": "full", "locale": "en"}
        )
        assert response.status_code == 403

    briefing = client.get(f"/schedule/briefing/{mayor.id}/{DAY}.pdf")
    if viewer in READS_MAYORS_SCHEDULE:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(briefing.data)).pages)
        seen["briefing"] = "full" if "Secret talks" in text else ("busy" if "Busy" in text else "none")
    else:
        assert briefing.status_code == 403

    assert seen == dict.fromkeys(seen, expected), seen


@pytest.mark.parametrize("viewer", sorted(READS_MAYORS_SCHEDULE))
def test_a_download_and_a_feed_of_one_schedule_show_the_same_to_the_same_user(
    app, client, login, office, viewer
):
    mayor = office["mayor"]
    login(office["viewers"][viewer])
    client.post("/language", data={"locale": "en"})
    feed = events_of(app.test_client().get(subscribe(client, f"leader:{mayor.id}")).data)
    download = events_of(
        client.get(
            f"/schedule/leaders/{mayor.id}.ics", query_string={"from": "2026-12-01", "to": "2026-12-31"}
        ).data
    )
    assert len(feed) == 3
    assert {uid: event.to_ical() for uid, event in feed.items()} == {
        uid: event.to_ical() for uid, event in download.items()
    }
    busy = {str(e["SUMMARY"]) for e in feed.values()} & {"Busy"}
    assert bool(busy) == (viewer == "officer, not involved")


def test_an_interns_view_of_an_interview_and_a_busy_feed(app, client, login, office):
    """Interviews are about a private person: an intern not on the panel sees the time only, in every path."""
    login(office["viewers"]["intern, not involved"])
    client.post("/language", data={"locale": "en"})
    items = client.get("/schedule/events.json", query_string=WEEK).get_json()
    assert "Busy" in {i["title"] for i in items} and "Interview of Siti" not in str(items)
    agenda = page_text(client.get("/schedule/agenda", query_string={"from": DAY, "to": "2026-12-11"}))
    assert "Interview of Siti" not in agenda and "Open meeting" in agenda
