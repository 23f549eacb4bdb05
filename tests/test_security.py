"""Headers, cookies, CSRF on every form, and error pages that never leak a stack trace."""

from __future__ import annotations

from pathlib import Path

import pytest

from intl import create_app
from tests.conftest import TEST_PASSWORD, make_test_config, worker_id


def test_security_headers_on_every_response(client):
    for url in ["/sign-in", "/static/css/app.css", "/does-not-exist"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_in_pages(client, as_role, make_partner):
    as_role("admin")
    partner = make_partner()
    for url in ["/", "/partners", f"/partners/{partner.id}", f"/partners/{partner.id}/edit", "/admin/users"]:
        page = client.get(url).get_data(as_text=True)
        for chunk in page.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, url
        assert " onclick=" not in page and " style=" not in page, url


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    make_user("officer", username="mei")
    response = client.post("/sign-in", data={"username": "mei", "password": TEST_PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.fixture
def csrf_app(tmp_path):
    app = create_app(
        {**make_test_config(tmp_path, "sqlite", f"csrf_{worker_id()}"), "WTF_CSRF_ENABLED": True}
    )
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    return app


def test_every_post_endpoint_demands_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    with csrf_app.app_context():
        from intl.auth.services import create_user
        from intl.core.db import db

        user = create_user("mei", TEST_PASSWORD, "admin")
        db.session.commit()
        session_id = user.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    posts = [rule for rule in csrf_app.url_map.iter_rules() if "POST" in (rule.methods or ())]
    assert posts
    samples = {"kind": "contact", "fmt": "csv"}
    with csrf_app.test_request_context():
        from flask import url_for

        def sample(rule, argument):
            # an `any(...)` part of a URL takes one of its own words (the protocol desk's kinds)
            choices = getattr(rule._converters.get(argument), "items", None)
            return sorted(choices)[0] if choices else samples.get(argument, 1)

        urls = [url_for(rule.endpoint, **{a: sample(rule, a) for a in rule.arguments}) for rule in posts]
    for url in urls:
        response = client.post(url, data={"username": "mei", "password": TEST_PASSWORD})
        assert response.status_code == 400, url
    # and with the token the sign-in form works
    anonymous = csrf_app.test_client()
    page = anonymous.get("/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = anonymous.post(
        "/sign-in", data={"username": "mei", "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    from intl.config import ConfigError, load_config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INTL_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config()


def test_error_pages_are_translated(client, as_role):
    as_role("officer")
    english = client.get("/partners/999999", headers={"Accept-Language": "en"})
    assert english.status_code == 404
    client.post("/language", data={"locale": "en"})
    assert "Not found" in client.get("/partners/999999").get_data(as_text=True)
    client.post("/language", data={"locale": "zh_Hant_TW"})
    assert "找不到" in client.get("/partners/999999").get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/partners?country=%00",
        "/partners?sort=;DROP",
        "/partners?nsb=maybe",
        "/partners?q=" + "x" * 5000,
        "/partners/abc",
        "/partners/99999999999999999999",
        "/admin/audit?since=2026-02-31&user=abc",
        "/partners?cursor=eyJ2IjpbXX0",
    ],
)
def test_malformed_query_parameters_never_500(client, as_role, url):
    as_role("admin")
    assert client.get(url).status_code in (200, 400, 404)


def test_reindex_rebuilds_search_data(runner, make_contact, make_partner, database):
    from intl.core.search import SearchDoc

    contact = make_contact()
    make_partner()
    database.session.execute(SearchDoc.__table__.delete())
    database.session.commit()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "Reindexed" in result.output
    assert database.session.get(SearchDoc, ("contact", contact.id)) is not None


def test_analyze_leaves_the_planner_statistics_of_a_vacuumed_database(runner, make_contact, database):
    from sqlalchemy import text

    make_contact()
    result = runner.invoke(args=["analyze"])
    assert result.exit_code == 0 and "Statistics refreshed." in result.output
    database.session.rollback()  # a fresh snapshot of the statistics
    if database.engine.dialect.name == "sqlite":
        assert database.session.scalar(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'contact'")) >= 1
    else:  # VACUUM ANALYZE, as autovacuum would do: statistics and the visibility map of new rows
        vacuumed, analyzed = database.session.execute(
            text(
                "SELECT last_vacuum, last_analyze FROM pg_stat_user_tables"
                " WHERE relname = 'contact' AND schemaname = current_schema()"
            )
        ).one()
        assert vacuumed is not None and analyzed is not None


def test_analyze_on_postgresql_vacuums_only_the_apps_own_tables(runner, database):
    """A database that other applications share (a schema each) is not vacuumed whole for ours."""
    from sqlalchemy import create_engine, text

    from tests.conftest import postgres_url

    if database.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's VACUUM")
    other = create_engine(postgres_url(), isolation_level="AUTOCOMMIT")
    with other.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS intl_other_app CASCADE"))
        connection.execute(text("CREATE SCHEMA intl_other_app"))
        connection.execute(text("CREATE TABLE intl_other_app.contact (id integer)"))
        connection.execute(text("INSERT INTO intl_other_app.contact VALUES (1)"))
    try:
        result = runner.invoke(args=["analyze"])
        assert result.exit_code == 0
        with other.connect() as connection:
            vacuumed = connection.execute(
                text(
                    "SELECT last_vacuum FROM pg_stat_user_tables"
                    " WHERE relname = 'contact' AND schemaname = 'intl_other_app'"
                )
            ).scalar_one()
        assert vacuumed is None
    finally:
        with other.connect() as connection:
            connection.execute(text("DROP SCHEMA intl_other_app CASCADE"))
        other.dispose()


def test_no_page_template_carries_a_style_attribute():
    """The Content-Security-Policy refuses inline styles: a style attribute on a page would silently do
    nothing (a job's progress bar once drew empty). Printed sheets (WeasyPrint) and mails are not pages."""
    root = Path(__file__).resolve().parent.parent / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if path.parts[len(root.parts)] not in ("print", "mail")
        and 'style="' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
