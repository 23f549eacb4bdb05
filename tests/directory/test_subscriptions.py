"""A directory user who loses access loses their calendar subscriptions with it, end to end against the real
slapd: disabled in the directory, or out of the mapped group, the account is deactivated (at its next request,
or by the sync for one who never comes back), `hooks.user_access_changed` reaches the schedule, and every feed
address the user made answers 404 and stays revoked, even once the directory lets them back in."""

from __future__ import annotations

import re

from sqlalchemy import select

from intl.auth.models import User
from intl.schedule.models import FeedToken
from tests.directory.test_ldap import EN, account, person, sign_in
from tests.helpers import page_text


def subscribe(client, subject: str) -> str:
    """Make a feed address on the feeds page, as the user does; its path."""
    response = client.post(
        "/feeds", data={"subject": subject, "scope": "full", "locale": "en", "label": "Outlook"}, headers=EN
    )
    url = re.search(r"data-feed-url>([^<]+)<", page_text(response)).group(1)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def feeds_of(database, uid) -> list[FeedToken]:
    database.session.expire_all()
    owner = select(User.id).where(User.username == uid).scalar_subquery()
    return database.session.scalars(select(FeedToken).where(FeedToken.owner_id == owner)).all()


def subscribed_officer(ldap_app, ldap_client, ldap_server, make_leader, make_engagement):
    """A directory officer, signed in, with their own feed and the mayor's, both answering."""
    uid, password = person(ldap_server)
    assert sign_in(ldap_client, uid, password).status_code == 302
    mayor = make_leader()
    make_engagement(leaders=[mayor.id])
    urls = [subscribe(ldap_client, "me"), subscribe(ldap_client, f"leader:{mayor.id}")]
    calendar = ldap_app.test_client()  # a calendar program: no session
    assert [calendar.get(url).status_code for url in urls] == [200, 200]
    return uid, password, urls, calendar


def test_a_user_disabled_in_the_directory_loses_their_subscriptions_at_their_next_request(
    ldap_app, ldap_client, ldap_server, database, make_leader, make_engagement
):
    uid, password, urls, calendar = subscribed_officer(
        ldap_app, ldap_client, ldap_server, make_leader, make_engagement
    )
    ldap_server.disable(uid)
    try:
        assert ldap_client.get("/partners").status_code == 302  # signed out
        assert [calendar.get(url).status_code for url in urls] == [404, 404]
        tokens = feeds_of(database, uid)
        assert len(tokens) == 2
        assert {(t.revoked_reason, t.revoked_at is not None) for t in tokens} == {("deactivated", True)}
    finally:
        ldap_server.enable(uid)
    # Let back in, the user signs in again: the old addresses stay revoked, a new one must be made.
    assert sign_in(ldap_client, uid, password).status_code == 302
    assert account(database, uid).active is True
    assert [calendar.get(url).status_code for url in urls] == [404, 404]


def test_a_user_out_of_the_mapped_group_loses_their_subscriptions_at_their_next_request(
    ldap_app, ldap_client, ldap_server, database, make_leader, make_engagement
):
    uid, _password, urls, calendar = subscribed_officer(
        ldap_app, ldap_client, ldap_server, make_leader, make_engagement
    )
    ldap_server.remove_from_group(uid, "intl-officers")
    assert ldap_client.get("/schedule").status_code == 302
    assert [calendar.get(url).status_code for url in urls] == [404, 404]
    assert {t.revoked_reason for t in feeds_of(database, uid)} == {"deactivated"}


def test_the_sync_revokes_the_subscriptions_of_a_user_who_never_comes_back(
    ldap_app, ldap_client, ldap_server, database, make_leader, make_engagement
):
    uid, _password, urls, calendar = subscribed_officer(
        ldap_app, ldap_client, ldap_server, make_leader, make_engagement
    )
    ldap_server.remove_from_group(uid, "intl-officers")
    # The user makes no further request: only their calendar keeps asking, and the sync finds them out.
    assert [calendar.get(url).status_code for url in urls] == [200, 200]
    with ldap_app.app_context():  # the suite holds the main app's context open
        result = ldap_app.test_cli_runner().invoke(args=["directory", "sync"])
    assert result.exit_code == 0 and "lost access" in result.output, result.output
    assert [calendar.get(url).status_code for url in urls] == [404, 404]
    assert {t.revoked_reason for t in feeds_of(database, uid)} == {"deactivated"}
