"""Signing in with the city's single sign-on (a real OpenID Connect provider served by the tests): the
redirect, the code exchanged for signed tokens checked against the provider's keys, the groups claim as the
role; a user the provider disables, or moves to another group, is signed out or changes role at the next
request (the app asks the provider with the refresh token it keeps, encrypted)."""

from __future__ import annotations

import itertools

import requests
from sqlalchemy import select

from intl.auth.models import User
from intl.directory.models import DirectoryIdentity
from tests.helpers import page_text

EN = {"Accept-Language": "en"}
_numbers = itertools.count(1)


def sso_sign_in(client, provider, sub):
    provider.signed_in = sub
    start = client.get("/sign-in/directory/oidc")
    assert start.status_code == 302 and start.location.startswith(f"{provider.issuer}/authorize?"), (
        start.location
    )
    at_provider = requests.get(start.location, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    back = at_provider.headers["Location"]
    assert back.startswith("http://localhost/sign-in/directory/oidc/callback?")
    return client.get(back.removeprefix("http://localhost"), headers=EN)


def new_person(provider, groups=("intl-officers",)):
    sub = f"sso-{next(_numbers)}"
    provider.add_person(sub, f"Mei {sub}", f"{sub}@kcg.example", groups)
    return sub


def account_of(database, sub) -> User:
    database.session.expire_all()
    link = database.session.scalars(
        select(DirectoryIdentity).where(DirectoryIdentity.identifier == sub)
    ).one()
    return link.user


def test_the_sign_in_page_offers_the_single_sign_on(oidc_client):
    page = page_text(oidc_client.get("/sign-in", headers=EN))
    assert "Sign in with Kaohsiung single sign-on" in page and 'data-provider="oidc"' in page


def test_single_sign_on_creates_the_account_with_the_groups_role(oidc_client, oidc_provider, database):
    sub = new_person(oidc_provider)
    response = sso_sign_in(oidc_client, oidc_provider, sub)
    assert response.status_code == 302 and response.location.endswith("/"), page_text(response)[:500]
    user = account_of(database, sub)
    assert (user.username, user.role, user.display_name, user.email) == (
        sub,
        "officer",
        f"Mei {sub}",
        f"{sub}@kcg.example",
    )
    link = database.session.scalars(
        select(DirectoryIdentity).where(DirectoryIdentity.user_id == user.id)
    ).one()
    assert link.provider == "oidc" and link.groups == ["intl-officers"]
    assert link.secret and "refresh" not in link.secret  # the refresh token is kept, encrypted
    assert oidc_client.get("/partners").status_code == 200


def test_a_user_the_provider_disables_is_signed_out_at_the_next_request(
    oidc_client, oidc_provider, database, access_changes
):
    sub = new_person(oidc_provider)
    sso_sign_in(oidc_client, oidc_provider, sub)
    assert oidc_client.get("/partners").status_code == 200  # asks the provider again: still vouched for
    oidc_provider.disable(sub)
    response = oidc_client.get("/partners", headers=EN)
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    user = account_of(database, sub)
    assert user.active is False and access_changes == [(user.username, "officer", False)]
    # Signing in again is refused by the provider itself.
    again = sso_sign_in(oidc_client, oidc_provider, sub)
    assert again.status_code == 302 and again.location.endswith("/sign-in")
    assert "single sign-on did not sign you in" in page_text(oidc_client.get("/sign-in", headers=EN))


def test_a_group_moved_at_the_provider_changes_the_role(oidc_client, oidc_provider, database, access_changes):
    sub = new_person(oidc_provider)
    sso_sign_in(oidc_client, oidc_provider, sub)
    oidc_provider.people[sub].groups = ["intl-admins"]
    assert oidc_client.get("/admin/users").status_code == 200
    assert account_of(database, sub).role == "admin"
    oidc_provider.people[sub].groups = ["somewhere-else"]
    assert oidc_client.get("/partners").status_code == 302
    assert account_of(database, sub).active is False


def test_a_user_in_no_mapped_group_is_refused(oidc_client, oidc_provider, database):
    sub = new_person(oidc_provider, groups=("parks-department",))
    response = sso_sign_in(oidc_client, oidc_provider, sub)
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    assert "not in a group that may use Intl Desk" in page_text(oidc_client.get("/sign-in", headers=EN))
    assert (
        database.session.scalars(select(DirectoryIdentity).where(DirectoryIdentity.identifier == sub)).first()
        is None
    )


def test_the_check_command_reads_the_discovery_document(oidc_app, oidc_provider):
    with oidc_app.app_context():
        result = oidc_app.test_cli_runner().invoke(args=["directory", "check"])
    assert result.exit_code == 0, result.output
    assert f"names the issuer {oidc_provider.issuer}: OK" in result.output


def test_signing_out_ends_the_single_sign_on_session_too(oidc_client, oidc_provider, database):
    sub = new_person(oidc_provider)
    sso_sign_in(oidc_client, oidc_provider, sub)
    assert oidc_client.get("/partners").status_code == 200
    out = oidc_client.post("/sign-out", headers=EN)
    # To the provider's end_session_endpoint, with the ID token it issued and the way back to the sign-in page.
    assert out.status_code == 302 and out.location.startswith(f"{oidc_provider.issuer}/logout?"), out.location
    at_provider = requests.get(out.location, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302 and at_provider.headers["Location"] == "http://localhost/sign-in"
    ended = oidc_provider.logouts[-1]
    assert ended["client_id"] == "intl-desk" and ended["id_token_hint"].count(".") == 2  # a signed JWT
    assert oidc_provider.signed_in is None
    assert oidc_client.get("/partners").status_code == 302  # signed out here as well
    # The next single sign-on asks the provider again, which no longer has anyone signed in: refused.
    start = oidc_client.get("/sign-in/directory/oidc")
    assert requests.get(start.location, allow_redirects=False, timeout=10).headers["Location"].count("error=")


def test_signing_out_of_a_local_account_stays_in_the_app(oidc_client, make_user):
    user = make_user("officer")
    with oidc_client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    assert oidc_client.get("/partners").status_code == 200
    out = oidc_client.post("/sign-out")
    assert out.status_code == 302 and out.location.endswith("/sign-in")
