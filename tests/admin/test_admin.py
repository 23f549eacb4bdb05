from __future__ import annotations

from sqlalchemy import select

from intl.auth.models import User
from tests.helpers import page_text


def test_admin_creates_edits_and_deactivates_users(client, as_role, database):
    as_role("admin")
    response = client.post(
        "/admin/users/new",
        data={
            "username": "Wen",
            "display_name": "王文",
            "email": "",
            "role": "intern",
            "password": "kaohsiung-harbour-lights",
        },
    )
    assert response.status_code == 302
    user = database.session.scalars(select(User).where(User.username == "wen")).one()
    assert user.role == "intern"
    response = client.post(
        f"/admin/users/{user.id}/edit",
        data={
            "display_name": "王文",
            "email": "wen@example.org",
            "role": "officer",
            "active": "",
            "new_password": "",
            "version": user.version,
        },
    )
    assert response.status_code == 302
    database.session.expire_all()
    user = database.session.get(User, user.id)
    assert user.role == "officer" and not user.active and user.email == "wen@example.org"


def test_weak_password_and_taken_name_refused(client, as_role, make_user):
    as_role("admin")
    make_user("officer", username="taken")
    weak = client.post(
        "/admin/users/new",
        data={"username": "new", "display_name": "N", "role": "intern", "password": "abc"},
        headers={"Accept-Language": "en"},
    )
    assert "at least 10" in page_text(weak)
    taken = client.post(
        "/admin/users/new",
        data={
            "username": "taken",
            "display_name": "T",
            "role": "intern",
            "password": "kaohsiung-harbour-lights",
        },
        headers={"Accept-Language": "en"},
    )
    assert "is taken" in page_text(taken)


def test_admin_cannot_lock_themselves_out(client, as_role, database):
    me = as_role("admin")
    response = client.post(
        f"/admin/users/{me.id}/edit",
        data={"display_name": "Me", "role": "officer", "active": "y", "version": me.version},
        headers={"Accept-Language": "en"},
    )
    assert "cannot remove your own" in page_text(response)
    database.session.expire_all()
    assert database.session.get(User, me.id).role == "admin"


def test_audit_log_lists_and_filters(client, as_role, make_partner):
    admin = as_role("admin")
    make_partner()
    make_partner(names={"en": "Seattle"}, country="US", timezone="America/Los_Angeles")
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get("/admin/audit", query_string={"kind": "partner"}))
    assert "Seattle" in page and "横浜市" in page
    page = page_text(client.get("/admin/audit", query_string={"kind": "user", "action": "create"}))
    assert "Seattle" not in page and admin.username in page
    bad = client.get("/admin/audit", query_string={"since": "not a date"})
    assert bad.status_code == 200


def test_user_page_shows_its_history(client, as_role, make_user, database):
    as_role("admin")
    user = make_user("intern", username="wen")
    client.post(
        f"/admin/users/{user.id}/edit",
        data={
            "display_name": "Wen",
            "email": "",
            "role": "officer",
            "active": "y",
            "new_password": "",
            "version": user.version,
        },
    )
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/admin/users/{user.id}/edit"))
    history = page.split("data-history")[1]
    assert "Role" in history and "intern" in history and "officer" in history
