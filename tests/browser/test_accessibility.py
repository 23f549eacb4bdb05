"""Issue 15, item 5 (open to everyone): axe-core's WCAG 2.0/2.1 A and AA rules find no violation on the public
pages, in every public language, nor on a sample of the staff pages signed in as an officer, an intern and an
administrator.

The office is the demo office (`intl.demo.loader.load_demo`: partners, contacts, delegations, letters, events,
internships, the plan ...) plus the public records a guest or a student meets (an open event, a full one, an
invitation, a programme taking applications), so that lists, details and calendars are not empty. Pages are
checked as the browser shows them, after their scripts ran (the calendars draw themselves), under the real
Content-Security-Policy. A failure lists each rule with the elements it flags.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from intl.config import load_config
from tests.browser.conftest import LiveServer
from tests.conftest import BACKENDS, make_test_config, worker_id

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DEMO_PASSWORD = "harbour-lantern-{role}"  # the demo office's users (intl/demo/data.py)


def public_languages() -> list[str]:
    """The languages the app offers people outside the office, read from its configuration (so that a new
    catalog is checked as soon as it is configured)."""
    config = load_config({"ENV_MODE": "testing", "SECRET_KEY": "collect"})
    return list(config.get("PUBLIC_LANGUAGES") or config["LANGUAGES"])


def browser_tag(locale: str) -> str:
    """zh_Hant_TW -> zh-TW (what a browser sends), en -> en."""
    parts = locale.split("_")
    return "-".join([parts[0]] + [p for p in parts[1:] if len(p) == 2])


# ---------------------------------------------------------------- the office, seeded once


def seed_office() -> dict:
    """The demo office and the public records; returns the ids and tokens the pages need."""
    from sqlalchemy import select

    from intl.contacts.models import Contact
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.core.time import now_utc, office_today
    from intl.demo.loader import load_demo
    from intl.events import registrations
    from intl.events.services import create_event
    from intl.events.tokens import registration_token
    from intl.internships import services as internships

    load_demo()
    start = now_utc() + timedelta(days=20)

    def event(title: dict, capacity: int, mode: str = "open"):
        return create_event(
            title=title,
            kind="see_kaohsiung",
            start_dt=start,
            end_dt=start + timedelta(hours=6),
            venue="駁二藝術特區 Pier-2 Art Center",
            capacity=capacity,
            registration_mode=mode,
            status="confirmed",
        )

    def guest(on, name: str, email: str, **fields):
        return registrations.register_guest(
            on, consent=True, name=name, email=email, country="VN", locale="en", **fields
        )

    open_event = event({"zh_Hant": "看見高雄：港都一日", "en": "See Kaohsiung: a day in the harbour city"}, 30)
    registered = guest(open_event, "Trần Minh Đức", "duc@example.vn")
    cancelled = guest(open_event, "Aye Aye Myint", "aye@example.mm")
    registrations.cancel_registration(cancelled)
    full_event = event({"zh_Hant": "新南向職涯博覽會", "en": "New Southbound job fair"}, 1)
    guest(full_event, "Nurul Huda", "nurul@example.bd")
    waitlisted = guest(full_event, "Siti Nurhaliza", "siti@example.my")
    invitation_event = event({"zh_Hant": "市長國際之夜", "en": "The Mayor's international evening"}, 40, "invite")
    contact = db.session.scalars(select(Contact).order_by(Contact.id).limit(1)).one()
    registrations.invite_contacts(invitation_event, [contact])
    invited = db.session.scalars(
        select(registrations.Registration).where(registrations.Registration.event_id == invitation_event.id)
    ).one()

    today = office_today()
    programme = internships.create_programme(
        title=LocalizedText({"zh_Hant": "國際事務暑期實習", "en": "International affairs summer internship"}),
        kind="internship",
        term="summer",
        year=today.year,
        start_on=today + timedelta(days=30),
        end_on=today + timedelta(days=90),
        apply_by=today + timedelta(days=20),
        description="協助外賓接待與翻譯。Helps receive foreign guests and translates.",
    )
    internships.create_position(
        programme,
        title=LocalizedText({"zh_Hant": "翻譯助理", "en": "Translation assistant"}),
        languages=["en", "ja", "vi"],
        places=2,
    )
    apply_token = internships.rotate_application_token(programme)
    db.session.commit()

    def status(on, registration):
        return f"/register/{on.registration_token}/r/{registration_token(registration)}"

    return {
        "register": f"/register/{open_event.registration_token}",
        "register_full": f"/register/{full_event.registration_token}",
        "register_invitation_only": f"/register/{invitation_event.registration_token}",
        "registered": status(open_event, registered),
        "waitlisted": status(full_event, waitlisted),
        "invited": status(invitation_event, invited),
        "cancelled": status(open_event, cancelled),
        "apply": f"/internships/apply/{apply_token}",
        "open_event": open_event.id,
        **first_ids(),
    }


def first_ids() -> dict:
    """The first record of each kind (the demo office has one of each at least)."""
    from sqlalchemy import select

    from intl.contacts.models import Contact
    from intl.core.db import db
    from intl.correspondence.models import Letter
    from intl.courses.models import Course
    from intl.delegations.models import Delegation
    from intl.events.models import Event
    from intl.gifts.models import Gift, StockItem
    from intl.groups.models import WorkingGroup
    from intl.internships.models import InternshipApplication, InternshipProgramme
    from intl.internships.placement_models import Placement
    from intl.lectures.models import Lecture, LectureSeries
    from intl.organizations.models import Organization
    from intl.partners.models import Partner
    from intl.plan.models import PlanItem, PlanYear
    from intl.schedule.models import Engagement, Leader

    kinds = {
        "partner": Partner,
        "organization": Organization,
        "contact": Contact,
        "delegation": Delegation,
        "engagement": Engagement,
        "leader": Leader,
        "letter": Letter,
        "event": Event,
        "lecture": Lecture,
        "series": LectureSeries,
        "course": Course,
        "programme": InternshipProgramme,
        "application": InternshipApplication,
        "placement": Placement,
        "gift": Gift,
        "stock": StockItem,
        "group": WorkingGroup,
        "plan_item": PlanItem,
    }
    ids = {name: db.session.scalar(select(model.id).order_by(model.id).limit(1)) for name, model in kinds.items()}
    ids["year"] = db.session.scalar(select(PlanYear.year).order_by(PlanYear.year.desc()).limit(1))
    missing = [name for name, value in ids.items() if value is None]
    assert not missing, f"the demo office has no {missing}"
    return ids


@pytest.fixture(scope="session", params=BACKENDS)
def office(request, tmp_path_factory):
    """A live server over the seeded office (its own database: the other browser tests keep theirs empty)."""
    tmp = tmp_path_factory.mktemp(f"a11y-{request.param}")
    config = make_test_config(tmp, request.param, f"intl_a11y_{worker_id()}")
    config["WTF_CSRF_ENABLED"] = True
    from intl import create_app

    app = create_app(config)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        records = seed_office()
    server = LiveServer(app)
    server.start()
    server.records = records
    yield server
    server.stop()
    with app.app_context():
        from intl.core.db import db

        db.engine.dispose()


# ---------------------------------------------------------------- axe


def violations(page) -> list[dict]:
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(found: list[dict]) -> str:
    lines = []
    for rule in found:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']} — {len(rule['nodes'])} element(s)")
        for node in rule["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')[:240]!r}")
    return "\n".join(lines)


def assert_accessible(page, what: str) -> None:
    found = violations(page)
    assert not found, f"{what} at {page.url}:\n{describe(found)}"
