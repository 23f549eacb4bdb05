"""The jobs pages: who sees which job (its owner; staff for the app's own; administrators all), the list in a
fixed number of queries, the state in the reader's language, and retrying only what failed."""

from __future__ import annotations

from intl.core.jobs import Job
from tests.helpers import page_text


def jobs_of(database, **owners):
    made = {}
    for name, (owner, state) in owners.items():
        job = Job(
            kind="plan.report", args={}, state=state, subject=name, created_by_id=owner.id if owner else None
        )
        database.session.add(job)
        made[name] = job
    database.session.commit()
    return made


def listed(client) -> set[str]:
    page = page_text(client.get("/jobs", headers={"Accept-Language": "en"}))
    return {
        line.split("</td>")[0].strip()
        for line in page.split("<td>")[1:]
        if line.startswith(("mine", "theirs", "app", "boss"))
    }


def test_each_sees_their_own_staff_the_apps_and_admins_everything(client, make_user, login, database):
    officer, colleague, leader, admin = (make_user(r) for r in ("officer", "officer", "leader", "admin"))
    jobs_of(
        database,
        mine=(officer, "done"),
        theirs=(colleague, "failed"),
        app=(None, "failed"),
        boss=(leader, "queued"),
    )
    login(officer)
    assert listed(client) == {"mine", "app"}
    login(leader)
    assert listed(client) == {"boss"}
    login(admin)
    assert listed(client) == {"mine", "theirs", "app", "boss"}


def test_the_list_takes_the_same_queries_for_many_jobs(client, make_user, login, database, count_queries):
    admin = login(make_user("admin"))
    jobs_of(database, **{f"mine{n}": (admin, "done") for n in range(3)})
    with count_queries() as few:
        assert client.get("/jobs").status_code == 200
    jobs_of(database, **{f"mine{n}": (admin, "failed") for n in range(3, 60)})
    with count_queries() as many:
        assert client.get("/jobs").status_code == 200
    assert many.count == few.count <= 4


def test_the_state_reads_in_chinese_and_only_failed_jobs_are_retried(client, make_user, login, database):
    officer = login(make_user("officer"))
    made = jobs_of(database, mine=(officer, "done"), app=(None, "failed"))
    page = page_text(client.get(f"/jobs/{made['mine'].id}", headers={"Accept-Language": "zh-TW"}))
    assert "已完成" in page and "重試" not in page
    response = client.post(
        f"/jobs/{made['mine'].id}/retry", headers={"Accept-Language": "en"}, follow_redirects=True
    )
    assert "Only a failed job can be tried again." in page_text(response)
    assert client.get(f"/jobs/{made['app'].id}.json").get_json()["state"] == "failed"
