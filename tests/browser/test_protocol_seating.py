"""Issue 14 in a real browser: the officer drags the principal guest away from the host's right and the plan
shows the broken convention as a warning (the move is made, not refused); a keyboard move does the same."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.actions import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def make_banquet(app) -> int:
    from intl.contacts.services import ContactDetails, create_contact
    from intl.core.db import db
    from intl.delegations.services import add_member, create_delegation
    from intl.partners.services import create_partner
    from intl.protocol import services
    from intl.schedule.models import Leader

    with app.app_context():
        partner = create_partner(
            names={"en": "Cebu City"},
            kind="city",
            country="PH",
            timezone="Asia/Manila",
            relationship="sister",
        )
        delegation = create_delegation(
            [partner.id], title={"en": "Cebu banquet"}, start_on=date(2027, 1, 5), end_on=date(2027, 1, 6)
        )
        guests = [
            ("Rama", "Michael", {"en": "Mayor of Cebu City"}),
            ("Garcia", "Ana", {"en": "Deputy Mayor of Cebu City"}),
            ("Santos", "Leo", {"en": "Councillor"}),
        ]
        for family, given, title in guests:
            contact = create_contact(
                {
                    "family_name": family,
                    "given_name": given,
                    "name_locale": "en",
                    "country": "PH",
                    "title": title,
                },
                ContactDetails(),
            )
            add_member(delegation, contact.id, role="head" if family == "Rama" else "member")
        host = Leader(
            names={"zh_Hant": "陳其邁", "en": "Chen Chi-mai"}, title={"zh_Hant": "市長", "en": "Mayor"}
        )
        db.session.add(host)
        db.session.flush()
        occasion = services.start_occasion("delegation", delegation)
        services.add_invitees(occasion, [services.Invitee("leader", host.id, "host")])
        services.update_occasion(occasion, seats_per_table=8)
        services.propose_plan(occasion)
        db.session.commit()
        return occasion.id


def test_drag_a_guest_and_see_the_warning(page, live_server, sign_in):
    occasion_id = make_banquet(live_server.app)
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/protocol/occasions/{occasion_id}/seating")
    plan = page.locator("[data-seating-plan]")
    assert plan.locator("[data-no-warnings]").count() == 1
    principal = plan.locator('[data-seat][data-table="1"][data-seat-no="2"]')
    assert "Michael Rama" in principal.inner_text()

    principal.drag_to(plan.locator('[data-seat][data-table="1"][data-seat-no="5"]'))
    warning = plan.locator("[data-warning]", has_text="Michael Rama")
    warning.first.wait_for()
    assert "is not on the host's right" in plan.locator("[data-warnings]").inner_text()
    assert "Michael Rama" in plan.locator('[data-seat][data-table="1"][data-seat-no="5"]').inner_text()

    # The keyboard puts him back: Enter on him, arrow to seat 2 is not needed: Tab to it, Enter.
    plan.locator('[data-seat][data-table="1"][data-seat-no="5"]').focus()
    page.keyboard.press("Enter")
    plan.locator('[data-seat][data-table="1"][data-seat-no="2"]').focus()
    page.keyboard.press("Enter")
    plan.locator("[data-no-warnings]").wait_for()
    assert "Michael Rama" in plan.locator('[data-seat][data-table="1"][data-seat-no="2"]').inner_text()

    page.reload()  # the moves were saved
    assert "Michael Rama" in page.locator('[data-seat][data-table="1"][data-seat-no="2"]').inner_text()
