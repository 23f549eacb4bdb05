"""The internship policies asked through the one access layer (can, visible, load_or_404), the version a save
was made on, and the purge hook that takes an application out of the search index."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from intl.core.access import can, visible
from intl.internships.placement_models import ActivityEntry, Placement


@pytest.fixture
def placed(make_placement, make_position, make_user, database):
    from intl.internships.placement_services import add_entry

    position = make_position()
    mine, me, supervisor = make_placement(position=position)
    theirs, other, _ = make_placement(position=position, supervisor=supervisor)
    entry = add_entry(mine, True, work_on=date(2026, 7, 1), minutes=60, description="Mine")
    database.session.commit()
    return {
        "mine": mine,
        "theirs": theirs,
        "me": me,
        "other": other,
        "supervisor": supervisor,
        "entry": entry,
        "officer": make_user("officer"),
        "admin": make_user("admin"),
        "leader": make_user("leader"),
    }


def test_each_placement_answers_for_its_own_people(placed):
    mine, me, supervisor, officer = placed["mine"], placed["me"], placed["supervisor"], placed["officer"]
    assert [can(u, mine, "view") for u in (me, placed["other"], officer, placed["leader"])] == [
        True,
        False,
        True,
        False,
    ]
    assert [can(u, mine, "review") for u in (supervisor, officer, placed["admin"], me)] == [
        True,
        False,
        True,
        False,
    ]
    assert can(me, mine, "log") and not can(placed["other"], mine, "log") and not can(supervisor, mine, "log")
    assert can(me, placed["entry"], "edit") and not can(placed["other"], placed["entry"], "edit")
    assert can(supervisor, placed["entry"], "review") and not can(me, placed["entry"], "review")
    assert can(placed["admin"], Placement, "review_all") and not can(officer, Placement, "review_all")


def test_an_intern_lists_only_their_own_placements(placed, database):
    def ids(user):
        return set(database.session.scalars(select(Placement.id).where(visible(user, Placement))))

    both = {placed["mine"].id, placed["theirs"].id}
    assert ids(placed["me"]) == {placed["mine"].id}
    assert ids(placed["officer"]) >= both
    assert ids(placed["leader"]) == set()


def test_a_finished_placement_takes_no_more_hours(placed, database):
    from intl.internships.placement_services import update_placement

    mine, me = placed["mine"], placed["me"]
    update_placement(mine, status="completed")
    database.session.commit()
    assert can(me, mine, "view") and not can(me, mine, "log")


def test_saving_a_placement_or_an_entry_on_a_stale_version_is_refused(placed, database):
    from intl.core.conflicts import EditConflict
    from intl.internships.placement_services import update_entry, update_placement

    mine, entry = placed["mine"], placed["entry"]
    seen, seen_entry = mine.version, entry.version
    update_placement(mine, expected_version=seen, working_hours="Mon–Thu 09:00–13:00")
    update_entry(entry, True, expected_version=seen_entry, description="Translated a letter")
    database.session.commit()
    with pytest.raises(EditConflict):
        update_placement(mine, expected_version=seen, working_hours="Fridays")
    with pytest.raises(EditConflict):
        update_entry(entry, True, expected_version=seen_entry, description="Something else")
    database.session.expire_all()
    assert database.session.get(Placement, mine.id).working_hours == "Mon–Thu 09:00–13:00"
    assert database.session.get(ActivityEntry, entry.id).description == "Translated a letter"


def test_a_placement_beyond_the_positions_places_is_refused(make_position, make_user, database):
    from intl.internships.placement_services import PositionFull, create_placement

    position = make_position(places=1)
    supervisor = make_user("officer")
    dates = {"start_on": date(2026, 7, 1), "end_on": date(2026, 8, 31)}
    create_placement(position, intern_id=make_user("intern").id, supervisor_id=supervisor.id, **dates)
    with pytest.raises(PositionFull):
        create_placement(position, intern_id=make_user("intern").id, supervisor_id=supervisor.id, **dates)


def test_the_students_details_are_for_staff_and_purging_unindexes_the_application(
    client, login, make_user, make_programme, database
):
    from intl.core import search
    from intl.core.archive import archive, purge
    from intl.internships.services import APPLICATION_KIND, create_application

    programme = make_programme()
    application = create_application(programme, name="Siti Nurhaliza", email="siti@example.my", phone="0987")
    database.session.commit()
    officer = login(make_user("officer"))
    page = client.get(f"/internships/applications/{application.id}").get_data(as_text=True)
    assert "siti@example.my" in page and "0987" in page
    assert can(officer, application, "personal") and not can(make_user("intern"), application, "personal")

    def found():
        return set(database.session.scalars(search.matching_ids(APPLICATION_KIND, "Nurhaliza")))

    assert found() == {application.id}
    archive(application)
    purge(application)
    database.session.commit()
    assert found() == set()
