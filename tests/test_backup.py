"""Backups that restore: `flask backup` of an instance with the demo office and uploaded files, `flask restore`
into an empty instance, and every table's rows and every file compared with the original, on SQLite and on
PostgreSQL (each instance a database of its own); damaged archives and non-empty instances are refused."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, select, table, text

from intl import create_app
from intl.core.db import db
from intl.core.files import save_bytes
from intl.demo.loader import load_demo
from tests.conftest import BACKENDS, make_test_config, postgres_url, worker_id
from tests.helpers import MINIMAL_PDF, PNG_1PX

CREATED: list[str] = []


def drop_databases() -> None:
    engine = create_engine(postgres_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        while CREATED:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{CREATED.pop()}" WITH (FORCE)'))
    engine.dispose()


def new_database(name: str) -> str:
    CREATED.append(name)
    engine = create_engine(postgres_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return postgres_url().rsplit("/", 1)[0] + f"/{name}"


def instance(tmp_path: Path, backend: str, name: str):
    """An app with a database and an upload folder of its own, nothing in either."""
    config = make_test_config(tmp_path / name, backend, "unused")
    config["QUEUE_URL"] = "immediate"
    if backend == "sqlite":
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / name / 'intl.sqlite3'}"
    else:
        config["SQLALCHEMY_DATABASE_URI"] = new_database(f"intl_{name}_{worker_id()}".lower())
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    return create_app(config)


@pytest.fixture(scope="module", params=BACKENDS)
def original(request, tmp_path_factory):
    """The demo office, a few uploaded files (a nested folder too) and a job's report, backed up once."""
    tmp = tmp_path_factory.mktemp(f"backup-{request.param}")
    app = instance(tmp, request.param, "original")
    with app.app_context():
        upgrade()
        load_demo()
        save_bytes(MINIMAL_PDF, "協議書.pdf", "application/pdf")
        save_bytes(PNG_1PX, "photo.png", "image/png")
        db.session.commit()
        imports = Path(app.config["UPLOAD_FOLDER"]) / "imports"
        imports.mkdir(parents=True, exist_ok=True)
        (imports / "analysis.json").write_text('{"rows": []}', encoding="utf-8")
    archive = tmp / "backups" / "intl-desk.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output and "3 files" in result.output
    yield app, archive, tmp
    with app.app_context():
        db.engine.dispose()
    if CREATED:
        drop_databases()


def every_row(app) -> dict[str, list[tuple]]:
    """Every row of every table, in an order that does not depend on how the database returns them."""
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            rows = {
                name: sorted(
                    (tuple(r) for r in connection.execute(select(text("*")).select_from(table(name)))),
                    key=repr,
                )
                for name in sorted(inspect(connection).get_table_names())
            }
        engine.dispose()
    return rows


def every_file(app) -> dict[str, bytes]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_archive_holds_a_manifest_with_checksums(original):
    app, archive, _tmp = original
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    database = manifest["database"]
    assert database["backend"] == app.config["BACKEND"] if "BACKEND" in app.config else True
    assert database["member"] in names and len(database["sha256"]) == 64
    assert database["tables"]["partner"] > 10 and database["tables"]["contact"] > 10
    assert database["alembic_revision"]
    assert {f"files/{f['path']}" for f in manifest["files"]} <= names and len(manifest["files"]) == 3


def test_a_round_trip_brings_back_every_table_and_every_file(original):
    app, archive, tmp = original
    restored = instance(tmp, app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0], "restored")
    result = restored.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert "every row count and checksum matches the manifest" in result.output
    before, after = every_row(app), every_row(restored)
    assert set(before) == set(after) and len(before) > 60
    for name in before:
        assert before[name] == after[name], name
    assert sum(len(rows) for rows in after.values()) > 5_000
    assert every_file(restored) == every_file(app) and len(every_file(app)) == 3
    # The restored instance works: the demo officer signs in with the demo password and sees the partners.
    client = restored.test_client()
    response = client.post("/sign-in", data={"username": "officer", "password": "harbour-lantern-officer"})
    assert response.status_code == 302
    assert "橫濱市" in client.get("/partners").get_data(as_text=True)
    after = every_row(restored)  # the sign-in wrote its date

    # Restoring again into the now full instance is refused, and changes nothing.
    again = restored.test_cli_runner().invoke(args=["restore", str(archive)])
    assert again.exit_code != 0 and "The database is not empty" in again.output
    assert every_row(restored) == after


def test_a_damaged_archive_is_refused_before_anything_is_written(original):
    app, archive, tmp = original
    with tarfile.open(archive, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]
    damaged = tmp / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for member, data in members:
            if data is not None and member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 1])  # one bit flipped in an uploaded file
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
    target = instance(
        tmp, app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0], "damaged_target"
    )
    result = target.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code != 0 and "does not match its checksum" in result.output
    assert every_row(target) == {} and every_file(target) == {}
    (tmp / "garbage.tar.gz").write_bytes(gzip.compress(b"not a tar"))
    result = target.test_cli_runner().invoke(args=["restore", str(tmp / "garbage.tar.gz")])
    assert result.exit_code != 0 and "not a readable backup archive" in result.output


def test_a_backup_of_the_other_kind_of_database_is_refused(original, tmp_path):
    app, archive, _tmp = original
    backend = app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    other = "postgresql" if backend == "sqlite" else "sqlite"
    if other not in BACKENDS:
        other_archive = tmp_path / "fake.tar.gz"  # no PostgreSQL here: a manifest that claims one
        with tarfile.open(archive, "r:gz") as tar, tarfile.open(other_archive, "w:gz") as out:
            for member in tar.getmembers():
                data = tar.extractfile(member).read()
                if member.name == "manifest.json":
                    manifest = json.loads(data)
                    manifest["database"]["backend"] = "postgresql"
                    data = json.dumps(manifest).encode()
                    member.size = len(data)
                out.addfile(member, io.BytesIO(data))
        target = instance(tmp_path, backend, "other_kind")
        result = target.test_cli_runner().invoke(args=["restore", str(other_archive)])
    else:
        target = instance(tmp_path, other, "other_kind")
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code != 0 and "this instance uses" in result.output
