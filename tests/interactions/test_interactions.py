from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from intl.interactions.models import Interaction
from tests.helpers import page_text


def test_interaction_on_an_organization_also_concerning_contacts(
    client, as_role, make_organization, make_contact, database
):
    as_role("officer")
    org = make_organization()
    person = make_contact()
    response = client.post(
        f"/interactions/new/organization/{org.id}",
        data={
            "kind": "meeting",
            "occurred_on": "115/03/02",
            "occurred_time": "14:30",
            "subject": "Courtesy call",
            "text": "Lantern Festival invitation",
            "also_contacts": f"Hiroshi Tanaka [#{person.id}]",
        },
    )
    assert response.status_code == 302 and response.location.endswith(f"/organizations/{org.id}")
    interaction = database.session.scalars(select(Interaction)).one()
    local = interaction.occurred_at.astimezone(ZoneInfo("Asia/Taipei"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 3, 2, 14, 30)
    assert {(link.kind, link.entity_id) for link in interaction.links} == {
        ("organization", org.id),
        ("contact", person.id),
    }
    assert "Courtesy call" in page_text(client.get(f"/organizations/{org.id}"))
    assert "Courtesy call" in page_text(client.get(f"/contacts/{person.id}"))


def test_edit_and_archive(client, as_role, make_contact, database):
    as_role("officer")
    person = make_contact()
    client.post(
        f"/interactions/new/contact/{person.id}",
        data={"kind": "call", "occurred_on": "2026-03-02", "subject": "First call"},
    )
    interaction = database.session.scalars(select(Interaction)).one()
    response = client.post(
        f"/interactions/{interaction.id}/edit",
        data={
            "kind": "call",
            "occurred_on": "2026-03-02",
            "subject": "First call (edited)",
            "version": interaction.version,
        },
    )
    assert response.status_code == 302
    assert "First call (edited)" in page_text(client.get(f"/contacts/{person.id}"))
    client.post(f"/interactions/{interaction.id}/archive")
    timeline = page_text(client.get(f"/contacts/{person.id}")).split("data-timeline")[1]
    assert "timeline-interaction" not in timeline


def test_bad_time_and_unknown_record(client, as_role, make_contact):
    as_role("officer")
    person = make_contact()
    response = client.post(
        f"/interactions/new/contact/{person.id}",
        data={"kind": "call", "occurred_on": "2026-03-02", "occurred_time": "25:99", "subject": "x"},
        headers={"Accept-Language": "en"},
    )
    assert "Enter a time such as 14:30" in page_text(response)
    assert client.get("/interactions/new/letter/1").status_code == 404
    assert client.get("/interactions/new/contact/999999").status_code == 404


def test_interactions_on_a_partner_show_on_its_timeline(client, as_role, make_partner):
    as_role("officer")
    partner = make_partner()
    response = client.post(
        f"/interactions/new/partner/{partner.id}",
        data={
            "kind": "gift",
            "occurred_on": "2026-02-14",
            "subject": "Lantern Festival gift: a lantern of the port",
        },
    )
    assert response.status_code == 302 and response.location.endswith(f"/partners/{partner.id}")
    timeline = page_text(client.get(f"/partners/{partner.id}")).split("data-timeline")[1]
    assert "Lantern Festival gift" in timeline


def test_interactions_know_contacts_only_through_the_pickers(
    client, as_role, make_contact, make_partner, database
):
    """Interactions sit below contacts: they read the records they link to through core.pickers."""
    import grimp

    graph = grimp.build_graph("intl")
    for feature in ("contacts", "organizations", "partners"):
        assert not graph.chain_exists(
            importer="intl.interactions", imported=f"intl.{feature}", as_packages=True
        ), feature

    as_role("officer")
    partner = make_partner()
    person = make_contact()
    client.post(
        f"/interactions/new/partner/{partner.id}",
        data={
            "kind": "meeting",
            "occurred_on": "2026-03-02",
            "subject": "MOU talks",
            "also_contacts": f"Hiroshi Tanaka [#{person.id}]",
        },
    )
    interaction = database.session.scalars(select(Interaction)).one()
    page = page_text(client.get(f"/interactions/{interaction.id}/edit"))
    assert f"田中博 [#{person.id}]" in page


def test_conflicting_edit_is_refused(client, as_role, make_contact, database):
    as_role("officer")
    person = make_contact()
    client.post(
        f"/interactions/new/contact/{person.id}",
        data={"kind": "call", "occurred_on": "2026-03-02", "subject": "First call"},
    )
    interaction = database.session.scalars(select(Interaction)).one()
    data = {"kind": "call", "occurred_on": "2026-03-02", "version": interaction.version}
    assert (
        client.post(f"/interactions/{interaction.id}/edit", data={**data, "subject": "A"}).status_code == 302
    )
    second = client.post(f"/interactions/{interaction.id}/edit", data={**data, "subject": "B"})
    assert second.status_code == 200 and "data-conflict" in page_text(second)
    database.session.expire_all()
    assert database.session.get(Interaction, interaction.id).subject == "A"


def test_who_may_add_interactions_and_where(client, as_role, make_contact, database):
    from intl.core.archive import archive

    person = make_contact()
    as_role("intern")
    assert client.get(f"/interactions/new/contact/{person.id}").status_code == 403
    as_role("admin")
    assert client.get(f"/interactions/new/contact/{person.id}").status_code == 200
    archive(person)
    database.session.commit()
    # an archived record's timeline is closed, for administrators too
    assert client.get(f"/interactions/new/contact/{person.id}").status_code == 404
