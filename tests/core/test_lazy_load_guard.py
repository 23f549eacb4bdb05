"""The guard of tests/lazy_loads.py: a lazy load while a guarded template renders fails; outside it, it does
not; and the pages it guards render without one (their views load what they show)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import before_render_template, template_rendered
from sqlalchemy import select

from intl.contacts.models import Contact
from intl.contacts.services import ContactDetails
from tests.lazy_loads import LazyLoadInTemplate


def _fresh_contact(database, contact_id: int) -> Contact:
    database.session.expire_all()
    return database.session.scalars(select(Contact).where(Contact.id == contact_id)).one()


def test_a_lazy_load_inside_a_guarded_template_fails(app, database, make_contact):
    contact_id = make_contact().id
    with app.test_request_context():
        contact = _fresh_contact(database, contact_id)
        template = SimpleNamespace(name="contacts/detail.html")
        before_render_template.send(app, template=template, context={})
        try:
            with pytest.raises(LazyLoadInTemplate, match="Contact.emails"):
                _ = contact.emails
        finally:
            template_rendered.send(app, template=template, context={})
        assert [e.address for e in contact.emails] == ["tanaka@example.jp"]  # outside: loads as usual


def test_an_unguarded_template_may_still_load_lazily(app, database, make_contact):
    contact_id = make_contact().id
    with app.test_request_context():
        contact = _fresh_contact(database, contact_id)
        template = SimpleNamespace(name="somewhere/else.html")
        before_render_template.send(app, template=template, context={})
        try:
            assert len(contact.emails) == 1
        finally:
            template_rendered.send(app, template=template, context={})


def test_a_contacts_page_with_everything_renders_without_lazy_loads(
    client, as_role, make_contact, make_organization
):
    from intl.contacts.services import add_affiliation

    as_role("officer")
    organization = make_organization()
    contact = make_contact(
        ContactDetails(
            emails=[("work", "a@example.jp")],
            phones=[("mobile", "+81 90 0000 0000")],
            addresses=[("work", "1 Chome, Tokyo", "JP")],
            languages=["ja", "en"],
            tag_names=["VIP"],
        )
    )
    add_affiliation(contact, organization.id, "Director", None, None, True)
    response = client.get(f"/contacts/{contact.id}")  # the guard raises inside the request if one fires
    assert response.status_code == 200
    assert "+81 90 0000 0000" in response.get_data(as_text=True)
    assert client.get("/contacts").status_code == 200
