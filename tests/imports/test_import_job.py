"""A large import is written by a job, in committed chunks with its progress; a small one stays in the request."""

from __future__ import annotations

from sqlalchemy import func, select

from intl.contacts.models import Contact
from intl.core.jobs import Job
from intl.imports.models import ImportBatch
from tests.helpers import app_config, page_text
from tests.imports.test_imports import preview_of, upload


def people(n: int) -> bytes:
    lines = ["Family name,Given name,English / Latin name,E-mails,Country"]
    lines += [f"王,{i:05d},Wang {i:05d},wang{i}@example.tw,Taiwan" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_more_rows_than_the_setting_are_written_by_a_job(app, client, as_role, database):
    as_role("officer")
    with app_config(app, IMPORT_JOB_ROWS=100):
        location, _page = preview_of(client, upload(client, "contact", people(1_200), "people.csv"))
        batch_id = int(location.rsplit("/", 1)[1])
        response = client.post(f"/import/batches/{batch_id}/commit")
    assert response.status_code == 302 and "/jobs/" in response.location
    assert database.session.scalar(select(func.count()).select_from(Contact)) == 1_200
    job = database.session.scalars(select(Job)).one()
    assert (job.kind, job.state, job.done, job.total, job.cursor) == (
        "imports.commit",
        "done",
        1_200,
        1_200,
        "1200",
    )
    batch = database.session.get(ImportBatch, batch_id)
    assert batch.status == "committed" and batch.summary["written"] == 1_200
    assert "1,200 of 1,200 rows written" in page_text(
        client.get(response.location, headers={"Accept-Language": "en"})
    )
    again = client.post(
        f"/import/batches/{batch_id}/commit", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "already been imported" in page_text(again)
    assert database.session.scalar(select(func.count()).select_from(Contact)) == 1_200


def test_a_small_import_is_written_in_the_request(app, client, as_role, database):
    as_role("officer")
    location, _page = preview_of(client, upload(client, "contact", people(20), "people.csv"))
    response = client.post(f"/import/batches/{int(location.rsplit('/', 1)[1])}/commit")
    assert "/jobs/" not in response.location
    assert database.session.scalars(select(Job)).all() == []
    assert database.session.scalar(select(func.count()).select_from(Contact)) == 20


def test_an_organization_new_to_the_office_is_created_once_across_the_jobs_chunks(
    app, client, as_role, database
):
    """The job writes its rows in chunks (here 500) and keeps its index of organizations by name from chunk to chunk:
    an organization the first chunk creates is the one the later rows join, not a second of that name."""
    from intl.contacts.models import Affiliation
    from intl.organizations.models import Organization

    as_role("officer")
    lines = ["Family name,Given name,English / Latin name,Organization,Country"]
    lines += [
        f"李,{i:05d},Li {i:05d},{'高雄海洋大學' if i % 2 else 'Kaohsiung Port Authority'},Taiwan"
        for i in range(1_100)
    ]
    with app_config(app, IMPORT_JOB_ROWS=100, IMPORT_JOB_CHUNK_ROWS=500):
        location, _page = preview_of(
            client, upload(client, "contact", ("\n".join(lines) + "\n").encode(), "li.csv")
        )
        response = client.post(f"/import/batches/{int(location.rsplit('/', 1)[1])}/commit")
    assert "/jobs/" in response.location
    organizations = database.session.scalars(select(Organization)).all()
    assert sorted(o.names.native for o in organizations) == ["Kaohsiung Port Authority", "高雄海洋大學"]
    joined = database.session.execute(
        select(Affiliation.organization_id, func.count()).group_by(Affiliation.organization_id)
    ).all()
    assert sorted(n for _id, n in joined) == [550, 550]
