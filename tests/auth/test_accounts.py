"""Accounts through the access layer: each user keeps their own settings, administrators manage everyone's;
a new account starts in the office's zone (OFFICE_TIMEZONE), not a zone written in the code."""

from __future__ import annotations

from intl.auth.models import User
from intl.core.access import can, visible
from tests.helpers import app_config, page_text


def test_a_user_may_open_and_change_only_their_own_account(app, make_user):
    officer, other, admin = make_user("officer"), make_user("intern"), make_user("admin")
    assert can(officer, officer, "edit") and not can(officer, other, "edit")
    assert not can(officer, other, "view") and not can(officer, officer, "manage")
    assert can(admin, other, "edit") and can(admin, other, "manage") and can(admin, User, "create")
    assert not can(officer, User, "create")
    officer.active = False
    assert not can(officer, officer, "edit")  # a deactivated account holds nothing


def test_the_user_list_a_role_may_see(app, make_user, database):
    from sqlalchemy import select

    officer, admin = make_user("officer"), make_user("admin")
    make_user("intern")
    assert database.session.scalars(select(User.id).where(visible(officer, User))).all() == [officer.id]
    assert len(database.session.scalars(select(User.id).where(visible(admin, User))).all()) == 3


def test_a_new_account_starts_in_the_office_zone(app, make_user):
    with app_config(app, OFFICE_TIMEZONE="Asia/Manila"):
        assert make_user("officer").timezone == "Asia/Manila"
    assert make_user("officer").timezone == "Asia/Taipei"


def test_a_settings_conflict_names_the_fields_in_the_users_language(client, make_user, login, database):
    user = login(make_user("officer", locale="en"))
    form = {"display_name": "Mei", "locale": "en", "date_style": "roc", "timezone": "Asia/Tokyo"}
    assert client.post("/account", data={**form, "version": user.version}).status_code == 302
    second = client.post("/account", data={**form, "display_name": "Mei Lin", "version": user.version})
    page = page_text(second)
    assert second.status_code == 200 and "data-conflict" in page and "Display name" in page
    database.session.expire_all()
    assert database.session.get(User, user.id).display_name == "Mei"


def test_the_account_pages_need_a_signed_in_user(client):
    for url in ("/account", "/account/password"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.location
    assert client.post("/sign-out").status_code == 302
