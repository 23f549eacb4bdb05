"""Static files a browser keeps: the URLs a page names carry a digest of the file's content and may be kept a
year; other static files an hour; exports and a debugging server keep nothing (intl/core/static_files.py)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from intl import create_app
from intl.core.static_files import YEAR, content_digest
from tests.conftest import make_test_config

STATIC = Path(__file__).resolve().parents[2] / "static"


def static_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_a_page_names_its_static_files_by_their_content(client):
    urls = static_urls(client.get("/sign-in").get_data(as_text=True))
    assert len(urls) >= 8  # Bootstrap, the fonts' stylesheets, the app's CSS and JavaScript, the icon
    for url in urls:
        path, _, query = url.partition("?v=")
        content = (STATIC / path.removeprefix("/static/")).read_bytes()
        assert query == hashlib.sha256(content).hexdigest()[:12], url


def test_a_named_version_is_kept_a_year_without_asking_again(client):
    url = next(u for u in static_urls(client.get("/sign-in").get_data(as_text=True)) if "app.css" in u)
    response = client.get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == YEAR
    assert response.cache_control.immutable and response.cache_control.public
    assert "no-cache" not in response.headers["Cache-Control"]


def test_a_file_without_its_version_is_kept_an_hour_and_revalidated_after(app, client):
    for url in (
        "/static/css/app.css",
        "/static/css/app.css?v=000000000000",
    ):  # none, or one no longer current
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age == app.config["STATIC_MAX_AGE"] == 3600
        assert not response.cache_control.immutable
        etag = response.headers["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_changed_file_gets_a_new_version(tmp_path):
    sheet = tmp_path / "site.css"
    sheet.write_text("body { color: black }")
    first = content_digest(str(tmp_path), "site.css")
    assert first == content_digest(str(tmp_path), "site.css")
    sheet.write_text("body { color: navy; }")
    os.utime(sheet, ns=(1, 1))  # even where the clock has not moved: the size or the time differs
    assert content_digest(str(tmp_path), "site.css") not in (None, first)
    assert content_digest(str(tmp_path), "missing.css") is None


def test_a_version_check_reads_nothing_outside_the_static_folder(tmp_path, client):
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret.txt").write_text("not static")
    assert content_digest(str(tmp_path / "inside"), "../secret.txt") is None
    assert content_digest(str(tmp_path), "inside") is None  # a folder
    assert content_digest("/dev", "zero") is None  # a device would never end
    for url in ("/static/..%2f..%2fetc/hostname?v=0", "/static/%2e%2e/%2e%2e/dev/zero?v=0"):
        assert client.get(url).status_code == 404


def test_exports_are_never_kept(app, client, as_role, make_contact):
    # Any file the app sends that is not a static one (send_file's default lifetime is asked of the app too)
    with app.test_request_context("/contacts/export.csv"):
        assert app.get_send_file_max_age("export.csv") is None
    with app.test_request_context("/static/css/app.css"):
        assert app.get_send_file_max_age("css/app.css") == 3600
    as_role("officer")
    make_contact(family_name="林", given_name="志明")
    response = client.get("/contacts/export.csv")
    assert response.status_code == 200
    assert not response.cache_control.public
    assert not response.cache_control.max_age


def test_a_debugging_server_names_no_versions_and_keeps_nothing(tmp_path):
    app = create_app(make_test_config(tmp_path, "sqlite", "unused"))
    app.debug = True
    client = app.test_client()
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    urls = static_urls(client.get("/sign-in").get_data(as_text=True))
    assert urls and not any("?v=" in url for url in urls)
    response = client.get("/static/css/app.css")
    assert response.cache_control.no_cache and not response.cache_control.max_age
