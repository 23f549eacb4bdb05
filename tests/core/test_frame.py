"""The page frame's fixed parts are rendered once per role and language (intl/core/frame.py): each reader still
sees the menu of their own role, in their own language, with their own name and their own form token."""

from __future__ import annotations

import re

from tests.helpers import page_text

USERS_LINK = 'href="/admin/users"'
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_each_role_sees_its_own_menu_from_the_same_app(client, make_user, login):
    login(make_user("admin", display_name="Ada Admin"))
    admin_page = page_text(client.get("/contacts"))
    assert USERS_LINK in admin_page and "Ada Admin" in admin_page

    login(make_user("officer", display_name="Otto Officer"))
    officer_page = page_text(client.get("/contacts"))
    assert USERS_LINK not in officer_page
    assert "Otto Officer" in officer_page and "Ada Admin" not in officer_page

    login(make_user("intern", display_name="Ina Intern"))
    intern_page = page_text(client.get("/"))
    # the gifts link leads interns to the stock and officers to the register
    assert 'href="/gifts/stock"' in intern_page and 'href="/gifts/stock"' not in officer_page


def test_a_role_taken_away_takes_its_menu_at_the_next_request(client, make_user, login, database):
    admin = login(make_user("admin"))
    assert USERS_LINK in page_text(client.get("/"))
    admin.role = "officer"
    database.session.commit()
    assert USERS_LINK not in page_text(client.get("/"))


def test_the_menu_speaks_the_readers_language(client, make_user, login, database):
    officer = login(make_user("officer", locale="zh_Hant_TW"))
    assert ">聯絡人</a>" in page_text(client.get("/"))
    officer.locale = "en"
    database.session.commit()
    page = page_text(client.get("/"))
    assert ">Contacts</a>" in page and ">聯絡人</a>" not in page
    assert 'aria-pressed="true">English</button>' in page.replace("\n", "").replace("  ", "")


def test_two_readers_of_one_role_keep_their_own_form_tokens(app, database, make_user):
    tokens = []
    for name in ("First Officer", "Second Officer"):
        client = app.test_client()
        user = make_user("officer", display_name=name)
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        page = page_text(client.get("/"))
        assert name in page
        found = set(CSRF.findall(page))
        assert len(found) == 1, found  # the language switcher's and the sign-out form's token: the session's
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]
