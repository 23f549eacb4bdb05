"""Records' collections come back in one order on every database.

SQLite hands rows back in index order; PostgreSQL as they lie in the table, which changes as rows are updated.
A collection without an order showed a delegation's partners, or wrote an engagement's names into its calendar
text, in one order today and another tomorrow: every subscriber's event changed for nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import configure_mappers

from intl.core.db import db


def test_every_collection_of_records_declares_its_order(app):
    with app.app_context():
        configure_mappers()
        unordered = [
            f"{mapper.class_.__name__}.{rel.key}"
            for mapper in db.Model.registry.mappers
            for rel in mapper.relationships
            if rel.uselist and not rel.order_by
        ]
    assert unordered == []


def test_collections_come_back_in_their_order_whatever_the_order_they_were_stored(
    database, make_leader, make_contact, make_user, make_engagement, make_partner
):
    from intl.delegations.models import Delegation
    from intl.delegations.services import create_delegation
    from intl.schedule.calendar_texts import texts_for
    from intl.schedule.models import Engagement, EngagementCalendarText

    leader = make_leader()
    contact = make_contact()
    officer = make_user("officer")
    # create_engagement adds the leaders, then the contacts, then the users
    engagement = make_engagement(leaders=[leader.id], contacts=[contact.id], users=[officer.id])
    first, second = make_partner(), make_partner(names={"en": "Osaka", "ja": "大阪市"})
    delegation = create_delegation(
        [second.id, first.id],
        title={"en": "Study tour"},
        direction="inbound",
        start_on=date(2026, 12, 10),
        end_on=date(2026, 12, 12),
    )
    database.session.commit()
    engagement_id, delegation_id = engagement.id, delegation.id
    leader_id, contact_id, first_id, second_id = leader.id, contact.id, first.id, second.id
    database.session.expunge_all()
    stored = texts_for([database.session.get(Engagement, engagement_id)], "en", "full")
    # Rows taken off and put back (as an edit of the participants or partners does) lie after the others.
    database.session.execute(
        text("DELETE FROM engagement_participant WHERE engagement_id = :e AND kind <> 'user'"),
        {"e": engagement_id},
    )
    database.session.execute(
        text(
            "INSERT INTO engagement_participant (engagement_id, kind, ref_id) VALUES (:e, 'leader', :l), (:e, 'contact', :c)"
        ),
        {"e": engagement_id, "l": leader_id, "c": contact_id},
    )
    database.session.execute(
        text("DELETE FROM delegation_partner WHERE delegation_id = :d AND partner_id = :p"),
        {"d": delegation_id, "p": first_id},
    )
    database.session.execute(
        text("INSERT INTO delegation_partner (delegation_id, partner_id) VALUES (:d, :p)"),
        {"d": delegation_id, "p": first_id},
    )
    database.session.query(EngagementCalendarText).delete()
    database.session.commit()
    database.session.expunge_all()

    if database.engine.dialect.name == "postgresql":
        # read the rows as PostgreSQL does from tables of thousands (a bitmap or sequential scan: in the
        # order they lie), not by the primary key's index as it may from a table of a few rows
        database.session.execute(text("SET LOCAL enable_indexscan = off"))
        database.session.execute(text("SET LOCAL enable_indexonlyscan = off"))
    reloaded = database.session.get(Engagement, engagement_id)
    assert [p.kind for p in reloaded.participants] == ["contact", "leader", "user"]
    partners = database.session.get(Delegation, delegation_id).partners
    assert [p.id for p in partners] == [first_id, second_id]
    assert texts_for([reloaded], "en", "full") == stored  # the text rebuilt reads as the one kept
