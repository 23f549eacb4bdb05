"""The several-server set-up of compose.yaml: its shape read with a YAML parser (Docker does not run here), and
the same processes started without Docker from the file's own commands and settings — the migration, two app
servers (gunicorn), the worker — against one database (SQLite or PostgreSQL), one Redis queue and one upload
folder: both servers answer /healthz, a file uploaded through one is imported through the other by a job the
worker runs, and each request is one JSON line in the servers' logs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from tests.conftest import BACKENDS, worker_id
from tests.smtp import free_port
from tests.test_backup import drop_databases, new_database

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
APP_SERVICES = ("migrate", "app1", "app2", "worker")


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def interpolate(value: str, variables: dict) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error}, from `variables`."""

    def one(match):
        name, op, rest = match.group(1), match.group(2), match.group(3)
        if variables.get(name):
            return variables[name]
        if op == ":?":
            raise KeyError(f"{name}: {rest}")
        return rest or ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", one, str(value))


def test_compose_runs_two_app_servers_a_worker_postgresql_and_redis():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "migrate", "app1", "app2", "worker", "proxy"}
    assert services["db"]["image"].startswith("postgres:") and services["redis"]["image"].startswith("redis:")
    for name in ("app1", "app2"):
        command = services[name]["command"]
        assert command[0] == "gunicorn" and command[-1] == "wsgi:app" and "0.0.0.0:8000" in command
        assert "/healthz" in " ".join(services[name]["healthcheck"]["test"])
    assert services["worker"]["command"] == ["flask", "--app", "wsgi", "worker"]
    assert services["migrate"]["command"][-2:] == ["db", "upgrade"] and services["migrate"]["restart"] == "no"
    environments = [services[name]["environment"] for name in APP_SERVICES]
    assert all(env == environments[0] for env in environments)  # one configuration for every process
    env = environments[0]
    assert env["INTL_ENV"] == "production" and env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert "@db:5432/" in env["DATABASE_URL"] and env["QUEUE_URL"] == "redis://redis:6379/0"
    for name in APP_SERVICES:
        assert f"uploads:{env['UPLOAD_FOLDER']}" in services[name]["volumes"]  # one shared upload folder
    for name in ("app1", "app2", "worker"):
        needs = services[name]["depends_on"]
        assert (
            needs["db"]["condition"] == "service_healthy" and needs["redis"]["condition"] == "service_healthy"
        )
        assert needs["migrate"]["condition"] == "service_completed_successfully"
    proxy = services["proxy"]
    assert proxy["ports"] == ["8080:80"] and set(proxy["depends_on"]) == {"app1", "app2"}
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.findall(r"server (app\d):8000", nginx) == ["app1", "app2"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert (
        "libpangoft2-1.0-0" in dockerfile and "postgresql-client" in dockerfile and "wsgi:app" in dockerfile
    )


def local_environment(tmp_path: Path, database_url: str) -> dict:
    """The compose file's environment with its hosts on this machine and our own queue name."""
    services = compose()["services"]
    variables = {"SECRET_KEY": uuid.uuid4().hex * 2, "POSTGRES_PASSWORD": "unused"}
    env = {key: interpolate(value, variables) for key, value in services["app1"]["environment"].items()}
    env.update(
        DATABASE_URL=database_url,
        QUEUE_URL=env["QUEUE_URL"].replace("redis://redis:", "redis://127.0.0.1:"),
        QUEUE_NAME=f"intl-deploy-{uuid.uuid4().hex[:10]}",
        UPLOAD_FOLDER=str(tmp_path / "uploads"),
        INTL_INSTANCE_PATH=str(tmp_path / "instance"),
        PROXY_COUNT="0",  # no nginx in front here
        PASSWORD_TIME_COST="1",
        PASSWORD_MEMORY_COST="8192",
    )
    return {**os.environ, **env}


def command_of(service: str, port: int | None = None) -> list[str]:
    command = list(compose()["services"][service]["command"])
    command[0] = str(BIN / command[0])
    if "--workers" in command:  # one worker process per server is enough here, on a machine of two cores
        command[command.index("--workers") + 1] = "1"
    return [f"127.0.0.1:{port}" if part == "0.0.0.0:8000" else part for part in command]


def wait_healthy(port: int, process: subprocess.Popen, seconds: float = 180) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the app server stopped"
        try:
            response = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
            if response.status_code == 200:
                return response.json()
        except requests.RequestException:  # not listening yet, or its workers still starting
            pass
        time.sleep(0.3)
    raise AssertionError(f"no healthy answer on port {port}")


def csrf(session: requests.Session, url: str) -> str:
    return re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', session.get(url, timeout=10).text
    ).group(1)


@pytest.fixture(params=BACKENDS[-1:])  # compose's database: PostgreSQL when the suite has one
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'intl.sqlite3'}"
    else:
        yield new_database(f"intl_deploy_{worker_id()}".lower()).replace(
            "postgresql+psycopg://", "postgresql://"
        )
        drop_databases()


def test_the_same_processes_run_without_docker(tmp_path, database_url):
    env = local_environment(tmp_path, database_url)
    subprocess.run(command_of("migrate"), cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "users", "create", "boss", "--role", "officer"],
        cwd=ROOT,
        env=env,
        input="Harbour-lantern-boss-77\nHarbour-lantern-boss-77\n",
        text=True,
        check=True,
        capture_output=True,
        timeout=120,
    )
    ports = [free_port(), free_port()]
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("app1", "app2", "worker")}
    processes = {
        name: subprocess.Popen(
            command_of(name, port), cwd=ROOT, env=env, stdout=logs[name], stderr=subprocess.STDOUT
        )
        for name, port in (("app1", ports[0]), ("app2", ports[1]), ("worker", None))
    }
    try:
        for name, port in zip(("app1", "app2"), ports, strict=True):
            health = wait_healthy(port, processes[name])
            assert health["database"] == {"ok": True} and health["queue"]["ok"] is True
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        browser = requests.Session()
        signed_in = browser.post(
            f"{first}/sign-in",
            data={
                "csrf_token": csrf(browser, f"{first}/sign-in"),
                "username": "boss",
                "password": "Harbour-lantern-boss-77",
            },
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302
        rows = "Family name,Given name,English / Latin name,Country\n" + "".join(
            f"張,{n:04d},Chang {n:04d},Taiwan\n" for n in range(600)
        )
        uploaded = browser.post(
            f"{first}/import/contact",
            data={"csrf_token": csrf(browser, f"{first}/import/contact")},
            files={"file": ("people.csv", rows.encode(), "text/csv")},
            allow_redirects=False,
            timeout=60,
        )
        assert uploaded.status_code == 302, uploaded.text[:500]
        preview = uploaded.headers["Location"]
        committed = browser.post(  # on the other server: the upload's analysis is in the shared folder
            f"{second}{preview}/commit",
            data={"csrf_token": csrf(browser, f"{second}{preview}")},
            allow_redirects=False,
            timeout=60,
        )
        assert committed.status_code == 302 and "/jobs/" in committed.headers["Location"]
        job_url = f"{first}{committed.headers['Location']}.json"
        deadline = time.monotonic() + 120
        while (state := browser.get(job_url, timeout=10).json())["state"] not in ("done", "failed"):
            assert time.monotonic() < deadline, state
            assert processes["worker"].poll() is None, "the worker stopped"
            time.sleep(0.3)
        assert (state["state"], state["done"], state["total"]) == ("done", 600, 600), state
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
    logs["app1"].seek(0)
    lines = [json.loads(line) for line in logs["app1"].read().splitlines() if line.startswith("{")]
    health = [line for line in lines if line.get("path") == "/healthz" and line.get("status") == 200]
    assert health and all(isinstance(line["duration_ms"], float) for line in health)
    assert any(line.get("path") == "/sign-in" and line.get("status") == 302 for line in lines)
    for log in logs.values():
        log.close()
