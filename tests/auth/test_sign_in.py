from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from intl.auth.models import User
from intl.auth.throttle import SignInFailure
from tests.conftest import TEST_PASSWORD


def sign_in(client, username, password, **kwargs):
    return client.post("/sign-in", data={"username": username, "password": password}, **kwargs)


def test_sign_in_and_out(client, make_user):
    make_user("officer", username="mei")
    response = sign_in(client, "mei", TEST_PASSWORD)
    assert response.status_code == 302 and response.location.endswith("/")
    assert client.get("/").status_code == 200
    assert client.post("/sign-out").status_code == 302
    assert client.get("/").status_code == 302


def test_user_name_is_case_insensitive_and_next_is_followed(client, make_user):
    make_user("officer", username="mei")
    response = sign_in(client, "MEI", TEST_PASSWORD, query_string={"next": "/partners"})
    assert response.location.endswith("/partners")


def test_next_never_leaves_the_site(client, make_user):
    make_user("officer", username="mei")
    response = sign_in(client, "mei", TEST_PASSWORD, query_string={"next": "//evil.example/x"})
    assert "evil" not in response.location


def test_wrong_password_is_refused_in_the_users_language(client, make_user):
    make_user("officer", username="mei")
    response = sign_in(client, "mei", "wrong-password-here", headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert "wrong" in response.get_data(as_text=True)
    response = sign_in(client, "mei", "wrong-password-here", headers={"Accept-Language": "zh-TW"})
    assert "錯誤" in response.get_data(as_text=True)


def test_repeated_failures_lock_the_account_for_a_while(client, make_user, app, database):
    make_user("officer", username="mei")
    for _ in range(app.config["SIGN_IN_MAX_FAILURES"]):
        assert sign_in(client, "mei", "not-the-password").status_code == 401
    # even the right password is refused while locked
    locked = sign_in(client, "mei", TEST_PASSWORD, headers={"Accept-Language": "en"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.get_data(as_text=True)
    assert client.get("/").status_code == 302

    # once the lock has passed, the right password works and clears the count
    row = database.session.get(SignInFailure, "name:mei")
    row.locked_until = row.locked_until - timedelta(minutes=app.config["SIGN_IN_LOCK_MINUTES"] + 1)
    row.window_start_at = row.window_start_at - timedelta(hours=1)
    database.session.commit()
    assert sign_in(client, "mei", TEST_PASSWORD).status_code == 302
    assert database.session.get(SignInFailure, "name:mei") is None


def test_unknown_names_are_throttled_too(client, app):
    for _ in range(app.config["SIGN_IN_MAX_FAILURES"]):
        sign_in(client, "nobody", "whatever-password")
    assert sign_in(client, "nobody", "whatever-password").status_code == 429


def test_deactivated_user_cannot_sign_in(client, make_user, database):
    user = make_user("officer", username="gone")
    user.active = False
    database.session.commit()
    assert sign_in(client, "gone", TEST_PASSWORD).status_code == 401


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("officer")
    assert user.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in user.password_hash


def test_change_own_password_signs_out_other_sessions(app, client, make_user, database):
    make_user("officer", username="mei")
    other = app.test_client()
    sign_in(client, "mei", TEST_PASSWORD)
    sign_in(other, "mei", TEST_PASSWORD)
    response = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "lantern-festival-river-walk",
            "confirm": "lantern-festival-river-walk",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    client.post("/sign-out")
    assert sign_in(client, "mei", "lantern-festival-river-walk").status_code == 302


def test_weak_or_mismatched_new_password_is_refused(client, make_user, login):
    login(make_user("officer"))
    weak = client.post(
        "/account/password",
        data={"current_password": TEST_PASSWORD, "new_password": "password1", "confirm": "password1"},
        headers={"Accept-Language": "en"},
    )
    assert weak.status_code == 200 and "at least 10 characters" in weak.get_data(as_text=True)
    guessable = client.post(
        "/account/password",
        data={"current_password": TEST_PASSWORD, "new_password": "password12345", "confirm": "password12345"},
        headers={"Accept-Language": "en"},
    )
    assert "too easy to guess" in guessable.get_data(as_text=True)
    mismatch = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "lantern-festival-river",
            "confirm": "lantern-festival-other",
        },
        headers={"Accept-Language": "en"},
    )
    assert "differ" in mismatch.get_data(as_text=True)


def test_profile_saves_language_date_style_and_zone(client, make_user, login, database):
    user = login(make_user("officer"))
    response = client.post(
        "/account",
        data={
            "display_name": "Mei",
            "locale": "en",
            "date_style": "roc",
            "timezone": "Asia/Tokyo",
            "version": user.version,
        },
    )
    assert response.status_code == 302
    database.session.expire_all()
    saved = database.session.get(User, user.id)
    assert (saved.display_name, saved.locale, saved.date_style, saved.timezone) == (
        "Mei",
        "en",
        "roc",
        "Asia/Tokyo",
    )


def test_cli_creates_user_reading_password_twice_from_stdin(runner, database):
    result = runner.invoke(
        args=["users", "create", "ana", "--role", "intern"],
        input="kaohsiung-harbour-lights\nkaohsiung-harbour-lights\n",
    )
    assert result.exit_code == 0, result.output
    user = database.session.scalars(select(User).where(User.username == "ana")).one()
    assert user.role == "intern"


def test_cli_refuses_weak_password_and_mismatch(runner, database):
    weak = runner.invoke(args=["users", "create", "bob", "--role", "officer"], input="12345678\n12345678\n")
    assert weak.exit_code != 0
    assert database.session.scalars(select(User).where(User.username == "bob")).first() is None
    mismatch = runner.invoke(
        args=["users", "create", "bob", "--role", "officer"],
        input="kaohsiung-harbour-lights\nkaohsiung-harbour-light\n",
    )
    assert mismatch.exit_code != 0
