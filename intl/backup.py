"""Backups that restore: `flask --app wsgi backup PATH` and `flask --app wsgi restore PATH`.

A backup is one .tar.gz: `database/` holds a consistent copy of the database (SQLite's online backup API, which
copies a live database page by page without stopping writers; `pg_dump` in its custom format for PostgreSQL),
`files/` every file of UPLOAD_FOLDER, and `manifest.json` the size and SHA-256 of each member, the Alembic
revision and the number of rows in every table. The rows are counted in the very snapshot that was copied (the
SQLite copy itself; PostgreSQL's exported snapshot, which pg_dump is made to use), so the counts are exact.

The database is copied before the files, so every file the copied rows name is in the archive (unless it was
purged between the two steps); a file uploaded meanwhile is an orphan, harmless.

`restore` checks every member against the manifest before it writes anything, refuses an instance that is not
empty (a database with tables, an upload folder with files) or of the other kind of database, then brings the
database and the files back and checks them: revision, the rows of every table, the checksum of every file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import create_engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url

from .core.db import db

FORMAT = "intl-desk-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class BackupError(click.ClickException):
    """A backup that cannot be made or restored; the message says why."""


@dataclass
class Database:
    """The app's database as the backup sees it: its kind, the SQLite file or the libpq address, the schema."""

    backend: str
    sqlite_path: Path | None = None
    libpq_url: str | None = None
    schema: str | None = None

    @classmethod
    def of_app(cls) -> Database:
        url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise BackupError("An in-memory SQLite database cannot be backed up.")
            return cls("sqlite", sqlite_path=Path(url.database))
        if url.get_backend_name() == "postgresql":
            options = (
                current_app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
                .get("connect_args", {})
                .get("options", "")
            )
            schema = options.split("search_path=", 1)[1].split()[0] if "search_path=" in options else None
            plain = url.set(drivername="postgresql")
            return cls("postgresql", libpq_url=plain.render_as_string(hide_password=False), schema=schema)
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {url.get_backend_name()}.")

    def tool_env(self) -> dict:
        env = dict(os.environ)
        if self.schema:
            env["PGOPTIONS"] = f"-csearch_path={self.schema}"
        return env


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _table_names(connection) -> list[str]:
    return sorted(inspect(connection).get_table_names())


def _count_rows(connection) -> dict[str, int]:
    return {
        name: connection.execute(select(func.count()).select_from(table(name))).scalar_one()
        for name in _table_names(connection)
    }


def _revision(counts_connection) -> str | None:
    if "alembic_version" not in _table_names(counts_connection):
        return None
    return counts_connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _app_version() -> str:
    try:
        return version("intl-desk")
    except PackageNotFoundError:
        return "unknown"


# --- backup ---------------------------------------------------------------------------------------------


def _copy_sqlite(database: Database, target: Path) -> tuple[dict[str, int], str | None]:
    source = sqlite3.connect(str(database.sqlite_path))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)  # the online backup API: a consistent copy while the app keeps writing
    finally:
        source.close()
        copy.close()
    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as connection:
            return _count_rows(connection), _revision(connection)
    finally:
        engine.dispose()


def _dump_postgresql(database: Database, target: Path) -> tuple[dict[str, int], str | None]:
    engine = create_engine(
        current_app.config["SQLALCHEMY_DATABASE_URI"],
        **{
            k: v
            for k, v in current_app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).items()
            if k == "connect_args"
        },
    )
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            command = [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
            ]
            if database.schema:
                command.append(f"--schema={database.schema}")
            command += [f"--file={target}", f"--dbname={database.libpq_url}"]
            result = subprocess.run(command, capture_output=True, text=True, env=database.tool_env())
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            counts, revision = _count_rows(connection), _revision(connection)  # in the dumped snapshot
            connection.rollback()
            return counts, revision
    except FileNotFoundError:
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client).") from None
    finally:
        engine.dispose()


def _upload_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def create_backup(path: Path) -> dict:
    """Write the archive at `path` (through a temporary name, so a failed backup leaves no half archive) and
    return its manifest."""
    database = Database.of_app()
    db.session.remove()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        if database.backend == "sqlite":
            dumped = Path(scratch) / "intl-desk.sqlite3"
            counts, revision = _copy_sqlite(database, dumped)
        else:
            dumped = Path(scratch) / "intl-desk.pgdump"
            counts, revision = _dump_postgresql(database, dumped)
        files = _upload_files(uploads)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_version": _app_version(),
            "database": {
                "backend": database.backend,
                "member": f"database/{dumped.name}",
                "size": dumped.stat().st_size,
                "sha256": sha256_of(dumped),
                "alembic_revision": revision,
                "schema": database.schema,
                "tables": counts,
            },
            "files": [],
        }
        partial = Path(scratch) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dumped, arcname=manifest["database"]["member"])
            for file in files:
                relative = file.relative_to(uploads).as_posix()
                member = f"files/{relative}"
                archive.add(file, arcname=member)
                manifest["files"].append(
                    {"path": relative, "size": file.stat().st_size, "sha256": sha256_of(file)}
                )
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, path)
    return manifest


# --- restore --------------------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return (
        not Path(name).is_absolute()
        and ".." not in parts
        and parts[:1] in (("database",), ("files",), ("manifest.json",))
    )


def _extract(archive: tarfile.TarFile, into: Path) -> dict:
    members = archive.getmembers()
    if any(not _safe_member(m.name) or not (m.isfile() or m.isdir()) for m in members):
        raise BackupError("The archive holds paths a backup never has; it is not restored.")
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("The archive has no readable manifest.json.") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("The archive is not an Intl Desk backup of a format this version reads.")
    archive.extractall(into, filter="data")
    return manifest


def _unpack(path: Path, into: Path) -> dict:
    """Every member extracted and checked against the manifest; raises BackupError on any difference."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = _extract(archive, into)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from None
    expected = {
        manifest["database"]["member"]: (manifest["database"]["size"], manifest["database"]["sha256"])
    }
    expected.update({f"files/{f['path']}": (f["size"], f["sha256"]) for f in manifest["files"]})
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {"manifest.json"}
    if present != set(expected):
        raise BackupError("The archive's members differ from its manifest; it is not restored.")
    for member, (size, digest) in expected.items():
        file = into / member
        if file.stat().st_size != size or sha256_of(file) != digest:
            raise BackupError(
                f"{member} does not match its checksum; the archive is damaged and not restored."
            )
    return manifest


def _check_empty(database: Database, uploads: Path) -> None:
    with db.engine.connect() as connection:
        tables = _table_names(connection)
    if tables:
        raise BackupError(
            "The database is not empty (it has tables); restore into a new, empty database "
            "(and do not run `flask db upgrade` first)."
        )
    if _upload_files(uploads):
        raise BackupError(f"The upload folder {uploads} is not empty; restore into an empty one.")


def _restore_database(database: Database, dumped: Path) -> None:
    if database.backend == "sqlite":
        db.engine.dispose()
        target = database.sqlite_path
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(dumped, target)
        check = sqlite3.connect(str(target))
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("The restored SQLite database fails its integrity check.")
        finally:
            check.close()
        return
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={database.libpq_url}",
        str(dumped),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=database.tool_env())
    except FileNotFoundError:
        raise BackupError(
            "pg_restore is not installed (Debian: apt-get install postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _verify(manifest: dict, uploads: Path) -> None:
    db.engine.dispose()
    with db.engine.connect() as connection:
        counts, revision = _count_rows(connection), _revision(connection)
    if revision != manifest["database"]["alembic_revision"]:
        raise BackupError(
            f"The restored database is at revision {revision}, the backup at {manifest['database']['alembic_revision']}."
        )
    if counts != manifest["database"]["tables"]:
        differ = sorted(
            k
            for k in set(counts) | set(manifest["database"]["tables"])
            if counts.get(k) != manifest["database"]["tables"].get(k)
        )
        raise BackupError(f"The restored tables differ from the backup: {', '.join(differ)}.")
    for entry in manifest["files"]:
        file = uploads / entry["path"]
        if not file.is_file() or sha256_of(file) != entry["sha256"]:
            raise BackupError(f"The restored file {entry['path']} does not match its checksum.")


def restore_backup(path: Path) -> dict:
    """Check the archive, restore it into this (empty) instance, check the result; the manifest is returned."""
    database = Database.of_app()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    db.session.remove()
    with tempfile.TemporaryDirectory() as scratch:
        manifest = _unpack(path, Path(scratch))
        if manifest["database"]["backend"] != database.backend:
            raise BackupError(
                f"The backup is of a {manifest['database']['backend']} database; this instance uses {database.backend}."
            )
        if (manifest["database"].get("schema") or None) != database.schema:
            raise BackupError("The backup was taken from another PostgreSQL schema than this instance uses.")
        _check_empty(database, uploads)
        _restore_database(database, Path(scratch) / manifest["database"]["member"])
        uploads.mkdir(parents=True, exist_ok=True)
        for entry in manifest["files"]:
            target = uploads / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(scratch) / "files" / entry["path"], target)
    _verify(manifest, uploads)
    return manifest


# --- commands -------------------------------------------------------------------------------------------


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write the database and the uploaded files to one archive at PATH, with a manifest of checksums."""
    manifest = create_backup(path)
    rows = sum(manifest["database"]["tables"].values())
    click.echo(
        f"Backed up {len(manifest['database']['tables'])} tables ({rows} rows) and "
        f"{len(manifest['files'])} files to {path}."
    )


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Restore the archive at PATH into this empty instance, then check every table's rows and every file."""
    manifest = restore_backup(path)
    rows = sum(manifest["database"]["tables"].values())
    click.echo(
        f"Restored {len(manifest['database']['tables'])} tables ({rows} rows) and {len(manifest['files'])} files "
        f"from {path}; every row count and checksum matches the manifest."
    )
