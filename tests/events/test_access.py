"""The programme packages asked through the one access layer: the policies' answers, guests' own details shown
and logged through the personal-data door, the layers (events knows neither lectures nor courses), and the
calendar hooks registered rather than called through model methods."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from intl.contacts.models import PersonalDataAccess
from intl.events.models import Event, Registration
from tests.helpers import page_text

ROOT = Path(__file__).resolve().parents[2]


def logged(database, contact_id: int) -> list[tuple[int, str]]:
    rows = database.session.scalars(
        select(PersonalDataAccess)
        .where(PersonalDataAccess.contact_id == contact_id)
        .order_by(PersonalDataAccess.id)
    )
    return [(r.user_id, r.action) for r in rows]


@pytest.fixture
def guests(make_event, make_contact, database):
    """An event with a guest who is a contact of the office and one who is not."""
    from intl.events.registrations import invite_contacts, register_guest

    event = make_event(capacity=None)
    contact = make_contact()
    invite_contacts(event, [contact])
    stranger = register_guest(
        event,
        consent=True,
        name="林志明",
        email="chihming@example.tw",
        phone="0912-345-678",
        needs_notes="Halal",
    )
    database.session.commit()
    invited = database.session.scalar(select(Registration).where(Registration.contact_id == contact.id))
    return event, contact, invited, stranger


def test_the_policies_answer_for_each_role(app, make_user, guests):
    from intl.core.access import can

    event, _contact, invited, _stranger = guests
    answers = {}
    for role in ("admin", "officer", "intern", "leader"):
        user = make_user(role)
        answers[role] = (
            can(user, event, "view"),
            can(user, event, "edit"),
            can(user, event, "check_in"),
            can(user, invited, "check_in"),
            can(user, invited, "personal"),
            can(user, "event", "create"),
        )
    assert answers == {
        "admin": (True, True, True, True, True, True),
        "officer": (True, True, True, True, True, True),
        "intern": (True, False, True, True, False, False),
        "leader": (False, False, False, False, False, False),
    }
    deactivated = make_user("officer")
    deactivated.active = False
    assert not can(deactivated, event, "view")


def test_interns_at_the_door_find_guests_by_name_but_see_and_search_no_e_mail(
    client, make_user, login, guests, database
):
    event, contact, _invited, stranger = guests
    login(make_user("intern"))
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/events/{event.id}/check-in?q=志明"))
    results = page.split("data-check-in-results")[1].split("</table>")[0]
    assert "林志明" in results and "chihming@example.tw" not in page
    by_mail = page_text(client.get(f"/events/{event.id}/check-in?q=chihming"))
    assert "林志明" not in by_mail.split("data-check-in-results")[1].split("</table>")[0]
    assert client.post(f"/events/{event.id}/check-in/{stranger.id}", data={"q": "志明"}).status_code == 302
    database.session.expire_all()
    assert database.session.get(Registration, stranger.id).checked_in_at is not None
    assert logged(database, contact.id) == []


def test_the_office_sees_guests_details_and_each_contact_shown_is_logged(
    client, make_user, login, guests, database
):
    event, contact, _invited, _stranger = guests
    officer = login(make_user("officer"))
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/events/{event.id}/registrations"))
    assert "chihming@example.tw" in page and "Halal" in page and "tanaka@example.jp" in page
    assert logged(database, contact.id) == [(officer.id, "list")]
    found = page_text(client.get(f"/events/{event.id}/check-in?q=chihming"))
    assert "chihming@example.tw" in found  # staff find guests by e-mail too
    export = client.get(f"/events/{event.id}/registrations.csv").get_data(as_text=True)
    assert "0912-345-678" in export and "tanaka@example.jp" in export
    assert logged(database, contact.id) == [(officer.id, "list"), (officer.id, "export")]
    client.get(f"/events/{event.id}/invitations.csv?status=all")
    client.get(f"/events/{event.id}/invitations?q=Tanaka")
    assert logged(database, contact.id) == [(officer.id, a) for a in ("list", "export", "export", "list")]


def test_editing_an_event_refuses_a_stale_version(make_event, database):
    from intl.core.conflicts import EditConflict
    from intl.events.services import update_event

    event = make_event()
    seen = event.version
    update_event(event, expected_version=seen, venue="高雄展覽館")
    database.session.commit()
    with pytest.raises(EditConflict) as refused:
        update_event(event, expected_version=seen, venue="衛武營")
    assert [f.field for f in refused.value.conflict.fields] == ["venue"]
    assert database.session.get(Event, event.id).venue == "高雄展覽館"


def imported_modules(package: str) -> set[str]:
    """Every module the package's source imports (at any depth), as absolute names."""
    found = set()
    for path in (ROOT / "intl" / package).rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = module.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                prefix = ".".join(base[: len(base) - node.level + 1]) if node.level else ""
                target = ".".join(p for p in (prefix, node.module or "") if p)
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_events_import_neither_lectures_nor_courses():
    upward = {m for m in imported_modules("events") if m.startswith(("intl.lectures", "intl.courses"))}
    assert upward == set()


def test_calendar_sync_and_unindexing_are_registered_hooks(app, make_event, database):
    from intl.core import hooks
    from intl.core.time import now_utc
    from intl.courses.models import Course
    from intl.internships.models import InternshipApplication
    from intl.lectures.models import LectureSeries

    for model in (Event, LectureSeries, Course, InternshipApplication):
        assert not hasattr(model, "after_archive_change") and not hasattr(model, "before_purge"), model
    event = make_event()
    event.archived_at = now_utc()
    hooks.archive_changed(event)  # what core.archive calls: the events feature answers through its hook
    assert event.engagement.status == "cancelled"


def test_logging_the_guests_shown_costs_the_same_for_one_contact_or_many(
    client, make_user, login, make_event, make_contact, count_queries, database
):
    from intl.events.registrations import invite_contacts

    officer = login(make_user("officer"))
    event = make_event(capacity=None)
    invite_contacts(event, [make_contact()])
    database.session.commit()
    url = f"/events/{event.id}/registrations"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    invite_contacts(event, [make_contact(latin_name=f"Guest {i}") for i in range(30)])
    database.session.commit()
    with count_queries() as many:
        client.get(url)
    assert many.count == few.count, "\n".join(s[:150] for s in many.statements)
    rows = database.session.scalars(
        select(PersonalDataAccess).where(PersonalDataAccess.user_id == officer.id)
    )
    assert len(list(rows)) == 1 + 1 + 31  # one contact on each of the first two pages, then all 31
