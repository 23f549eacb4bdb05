"""Signing in with the city's LDAP directory (a real slapd): the directory's password, its groups as roles, an
account that leaves the mapped group or is disabled losing its access at its next request (and the
`user_access_changed` hook called, which takes its calendar subscriptions), the sync for those who do not come
back, a directory that is down, and the local break-glass account that keeps working."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from intl import create_app
from intl.auth.models import User
from intl.directory.models import DirectoryIdentity
from tests.conftest import TEST_PASSWORD, IsolatedClient
from tests.helpers import page_text
from tests.smtp import free_port

_numbers = itertools.count(1)
EN = {"Accept-Language": "en"}


def person(ldap_server, groups=("intl-officers",), password="Directory-pass-1"):
    uid = f"person{next(_numbers)}"
    ldap_server.add_user(uid, f"Lin Person {uid}", password, f"{uid}@kcg.example", groups=groups)
    return uid, password


def sign_in(client, uid, password):
    return client.post("/sign-in/directory/ldap", data={"username": uid, "password": password}, headers=EN)


def account(database, uid) -> User:
    database.session.expire_all()
    return database.session.scalars(select(User).where(User.username == uid)).one()


def test_the_sign_in_page_offers_the_directory(ldap_client):
    page = page_text(ldap_client.get("/sign-in", headers=EN))
    assert "Sign in with City directory" in page and 'data-provider="ldap"' in page
    form = page_text(ldap_client.get("/sign-in/directory/ldap", headers=EN))
    assert 'id="directory-sign-in-form"' in form and "Directory user name" in form


def test_a_directory_officer_signs_in_and_gets_an_account(ldap_client, ldap_server, database):
    uid, password = person(ldap_server)
    response = sign_in(ldap_client, uid, password)
    assert response.status_code == 302 and response.location.endswith("/")
    user = account(database, uid)
    assert (user.role, user.active, user.display_name, user.email) == (
        "officer",
        True,
        f"Lin Person {uid}",
        f"{uid}@kcg.example",
    )
    link = database.session.scalars(
        select(DirectoryIdentity).where(DirectoryIdentity.user_id == user.id)
    ).one()
    assert (link.provider, link.identifier, link.groups) == ("ldap", uid, ["intl-officers"])
    assert ldap_client.get("/partners").status_code == 200
    assert ldap_client.get("/admin/users").status_code == 403


def test_wrong_passwords_unknown_names_and_empty_passwords_are_refused(ldap_client, ldap_server, database):
    uid, _password = person(ldap_server)
    wrong = sign_in(ldap_client, uid, "not-the-password")
    assert wrong.status_code == 401
    assert "The directory does not accept this user name and password." in page_text(wrong)
    unknown = sign_in(ldap_client, "nobody-here", "whatever-password")
    assert unknown.status_code == 401 and "does not accept this user name" in page_text(unknown)
    empty = ldap_client.post("/sign-in/directory/ldap", data={"username": uid, "password": ""}, headers=EN)
    assert empty.status_code == 200 and ldap_client.get("/partners").status_code == 302  # not signed in
    assert database.session.scalars(select(User).where(User.username == uid)).first() is None


def test_repeated_failures_lock_the_name(ldap_app, ldap_client, ldap_server):
    uid, password = person(ldap_server)
    for _ in range(ldap_app.config["SIGN_IN_MAX_FAILURES"]):
        sign_in(ldap_client, uid, "wrong-password")
    locked = sign_in(ldap_client, uid, password)
    assert locked.status_code == 429 and "Too many failed sign-ins" in page_text(locked)


def test_a_member_of_no_mapped_group_is_refused(ldap_client, ldap_server, database):
    uid, password = person(ldap_server, groups=("parks-department",))
    response = sign_in(ldap_client, uid, password)
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    page = page_text(ldap_client.get(response.location, headers=EN))
    assert "Your directory account is not in a group that may use Intl Desk." in page
    assert database.session.scalars(select(User).where(User.username == uid)).first() is None


def test_the_most_powerful_group_gives_the_role(ldap_client, ldap_server, database):
    uid, password = person(ldap_server, groups=("intl-interns", "intl-admins"))
    sign_in(ldap_client, uid, password)
    assert account(database, uid).role == "admin"


def test_leaving_the_mapped_group_takes_access_away_at_the_next_request(
    ldap_client, ldap_server, database, access_changes
):
    uid, password = person(ldap_server)
    sign_in(ldap_client, uid, password)
    assert ldap_client.get("/partners").status_code == 200
    ldap_server.remove_from_group(uid, "intl-officers")
    response = ldap_client.get("/partners", headers=EN)
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    assert "no longer gives you access" in page_text(ldap_client.get("/sign-in", headers=EN))
    user = account(database, uid)
    assert user.active is False and access_changes == [(uid, "officer", False)]
    assert ldap_client.get("/partners").status_code == 302
    # Back in the group, the user signs in again and the account comes back.
    ldap_server.add_to_group(uid, "intl-officers")
    assert sign_in(ldap_client, uid, password).status_code == 302
    assert account(database, uid).active is True and ldap_client.get("/partners").status_code == 200


def test_a_disabled_directory_account_is_signed_out_at_the_next_request(
    ldap_client, ldap_server, database, access_changes
):
    uid, password = person(ldap_server)
    sign_in(ldap_client, uid, password)
    ldap_server.disable(uid)
    assert ldap_client.get("/partners").status_code == 302
    assert account(database, uid).active is False and access_changes == [(uid, "officer", False)]
    refused = sign_in(ldap_client, uid, password)
    assert refused.status_code == 401  # the directory no longer has the user
    ldap_server.enable(uid)


def test_a_new_group_changes_the_role_at_the_next_request(ldap_client, ldap_server, database, access_changes):
    uid, password = person(ldap_server)
    sign_in(ldap_client, uid, password)
    ldap_server.remove_from_group(uid, "intl-officers")
    ldap_server.add_to_group(uid, "intl-leaders")
    assert ldap_client.get("/schedule").status_code in (200, 302)
    assert account(database, uid).role == "leader" and access_changes == [(uid, "leader", True)]
    assert ldap_client.get("/partners").status_code == 403


def test_the_sync_takes_access_from_those_who_do_not_come_back(
    ldap_app, ldap_client, ldap_server, database, access_changes
):
    uid, password = person(ldap_server)
    sign_in(ldap_client, uid, password)
    kept, _ = person(ldap_server)
    sign_in(ldap_app.test_client(), kept, _)
    ldap_server.remove_from_group(uid, "intl-officers")
    runner = ldap_app.test_cli_runner()
    with ldap_app.app_context():  # the suite holds the main app's context open
        result = runner.invoke(args=["directory", "sync"])
        check = runner.invoke(args=["directory", "check"])
    assert result.exit_code == 0 and "lost access" in result.output, result.output
    assert account(database, uid).active is False and account(database, kept).active is True
    assert (uid, "officer", False) in access_changes
    assert check.exit_code == 0 and "ldap: bound as cn=intl-desk" in check.output and ": OK" in check.output
    assert "intl-officers → officer" in check.output


def test_the_local_break_glass_administrator_keeps_signing_in(ldap_client, make_user):
    make_user("admin", username="breakglass")
    response = ldap_client.post("/sign-in", data={"username": "breakglass", "password": TEST_PASSWORD})
    assert response.status_code == 302 and ldap_client.get("/admin/users").status_code == 200


def test_a_directory_that_is_down_keeps_the_office_working(app, ldap_app, ldap_server, database, make_user):
    uid, password = person(ldap_server)
    client = ldap_app.test_client()
    sign_in(client, uid, password)
    down = create_app({**ldap_app.config, "DIRECTORY_LDAP_URL": f"ldap://127.0.0.1:{free_port()}"})
    down.test_client_class = IsolatedClient
    cut_off = down.test_client()
    refused = cut_off.post(
        "/sign-in/directory/ldap", data={"username": uid, "password": password}, headers=EN
    )
    assert refused.status_code == 401 and "cannot be reached" in page_text(refused)
    # A directory user signed in before the outage keeps working; the check is noted, nothing changes.
    with client.session_transaction() as session:
        signed_in = dict(session)
    with cut_off.session_transaction() as session:
        session.update(signed_in)
    assert cut_off.get("/partners").status_code == 200
    link = database.session.scalars(
        select(DirectoryIdentity).where(DirectoryIdentity.identifier == uid)
    ).one()
    database.session.refresh(link)
    assert link.last_error and account(database, uid).active is True
    make_user("officer", username="localofficer")
    assert (
        cut_off.post("/sign-in", data={"username": "localofficer", "password": TEST_PASSWORD}).status_code
        == 302
    )


def test_a_directory_user_is_told_where_to_change_the_password(ldap_client, ldap_server, database):
    uid, password = person(ldap_server)
    sign_in(ldap_client, uid, password)
    page = page_text(ldap_client.get("/account/password", headers=EN))
    assert "your password is kept there, not in Intl Desk" in page and 'name="new_password"' not in page
    # A POST of the local form changes nothing either: the directory's password stays the one that works.
    ldap_client.post("/account/password", data={"current_password": password, "new_password": "x" * 20})
    assert account(database, uid).password_hash == "!directory"
    chinese = page_text(ldap_client.get("/account/password", headers={"Accept-Language": "zh-TW"}))
    assert "目錄" in chinese
