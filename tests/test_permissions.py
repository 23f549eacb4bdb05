"""Every endpoint demands a signed-in user (but the sign-in page, static files and token feeds), and each role
gets 403 exactly where it should. A new endpoint fails here until it is added to the matrix."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL_PDF, upload

ALL = {"admin", "officer", "intern", "leader"}
VIEW = {"admin", "officer", "intern"}
STAFF = {"admin", "officer"}
ADMIN = {"admin"}
# A leader's schedule (download, briefing): staff, and that leader's own account (the role matrix signs the
# leader role in as the records' leader's account; tests/schedule tests the other leaders' accounts).
LEADER_SCHEDULE = {"admin", "officer", "leader"}

PUBLIC = {
    "static",
    "auth.sign_in",
    "auth.set_language",
    "schedule.feed",
    "health.healthz",
    "directory.sign_in",
}

# endpoint -> (method, roles allowed)
# endpoint -> (method, roles allowed); POSTs that change state come last, in an order that keeps the
# records the later ones need.
MATRIX = {
    "home.index": ("GET", ALL),
    "auth.account": ("GET", ALL),
    "auth.change_password": ("GET", ALL),
    "partners.index": ("GET", VIEW),
    "partners.export": ("GET", VIEW),
    "partners.detail": ("GET", VIEW),
    "partners.agreement_document": ("GET", VIEW),
    "partners.create": ("GET", STAFF),
    "partners.edit": ("GET", STAFF),
    "partners.create_agreement": ("GET", STAFF),
    "partners.edit_agreement": ("GET", STAFF),
    "organizations.index": ("GET", VIEW),
    "organizations.export": ("GET", VIEW),
    "organizations.detail": ("GET", VIEW),
    "organizations.create": ("GET", STAFF),
    "organizations.edit": ("GET", STAFF),
    "contacts.index": ("GET", VIEW),
    "contacts.detail": ("GET", VIEW),
    "contacts.create": ("GET", STAFF),
    "contacts.edit": ("GET", STAFF),
    "contacts.photo": ("GET", STAFF),
    "contacts.export": ("GET", STAFF),
    "contacts.export_vcards": ("GET", STAFF),
    "contacts.vcard": ("GET", STAFF),
    "contacts.personal_data_page": ("GET", STAFF),
    "contacts.personal_data_json": ("GET", STAFF),
    "contacts.merge_view": ("GET", STAFF),
    "contacts.anonymize_view": ("GET", STAFF),
    "contacts.edit_affiliation": ("GET", STAFF),
    "contacts.add_affiliation": ("POST", STAFF),
    "groups.index": ("GET", VIEW),
    "groups.create": ("GET", STAFF),
    "groups.detail": ("GET", VIEW),
    "groups.export": ("GET", VIEW),
    "groups.add_member": ("GET", STAFF),
    "groups.edit_member": ("GET", STAFF),
    "interactions.create": ("GET", STAFF),
    "interactions.edit": ("GET", STAFF),
    "imports.upload": ("GET", STAFF),
    "imports.preview": ("GET", STAFF),
    "imports.columns": ("GET", STAFF),
    "imports.template": ("GET", STAFF),
    "home.lookup": ("GET", VIEW),
    "delegations.index": ("GET", VIEW),
    "delegations.detail": ("GET", VIEW),
    "delegations.itinerary_ics": ("GET", ALL),  # a leader on the trip too
    "delegations.attachment": ("GET", VIEW),
    "delegations.create": ("GET", STAFF),
    "delegations.edit": ("GET", STAFF),
    "delegations.add_member": ("GET", STAFF),
    "delegations.edit_member": ("GET", STAFF),
    "delegations.outcome": ("GET", STAFF),
    "delegations.copy": ("GET", STAFF),
    "jobs.index": ("GET", ALL),
    "jobs.detail": ("GET", STAFF),  # the records' job was started by the app itself (a guest's mail)
    "jobs.status": ("GET", STAFF),
    "jobs.download": ("GET", STAFF),
    "jobs.retry": ("POST", STAFF),
    "schedule.agenda": ("GET", ALL),
    "schedule.calendar": ("GET", ALL),
    "schedule.calendar_events": ("GET", ALL),
    "schedule.engagement": ("GET", ALL),
    "schedule.engagement_ics": ("GET", ALL),
    "schedule.leader_ics": ("GET", LEADER_SCHEDULE),
    "schedule.feeds": ("GET", ALL),
    "schedule.new_engagement": ("GET", STAFF),
    "schedule.edit_engagement": ("GET", STAFF),
    "schedule.clash_check": ("GET", STAFF),
    "schedule.day_check": ("GET", STAFF),
    "schedule.clashes": ("GET", STAFF),
    "workdays.office_calendar_page": ("GET", STAFF),
    "schedule.new_stay": ("GET", STAFF),
    "schedule.leaders": ("GET", ADMIN),
    "printing.itinerary": ("GET", ALL),  # a leader on the trip too
    "printing.briefing": ("GET", LEADER_SCHEDULE),
    "schedule.new_leader": ("GET", ADMIN),
    "schedule.edit_leader": ("GET", ADMIN),
    "admin.users": ("GET", ADMIN),
    "admin.create_user_view": ("GET", ADMIN),
    "admin.edit_user": ("GET", ADMIN),
    "admin.audit_log": ("GET", ADMIN),
    "admin.archive_list": ("GET", ADMIN),
    "delegations.add_followup": ("POST", STAFF),
    "delegations.add_attachment": ("POST", STAFF),
    "delegations.remove_member": ("POST", STAFF),
    "schedule.revoke_feed": ("POST", ALL),
    "schedule.cancel_engagement": ("POST", STAFF),
    "schedule.archive_engagement": ("POST", STAFF),
    "schedule.accept_clash": ("POST", STAFF),
    "schedule.delete_stay": ("POST", STAFF),
    "workdays.add_office_day": ("POST", ADMIN),
    "workdays.remove_office_day": ("POST", ADMIN),
    "delegations.archive": ("POST", STAFF),
    "imports.commit": ("POST", STAFF),
    "imports.cancel": ("POST", STAFF),
    "imports.retry": ("POST", STAFF),
    "interactions.archive": ("POST", STAFF),
    "groups.remove_member": ("POST", STAFF),
    "contacts.remove_affiliation": ("POST", STAFF),
    "contacts.archive": ("POST", STAFF),
    "organizations.archive": ("POST", STAFF),
    "partners.archive_agreement": ("POST", STAFF),
    "partners.archive": ("POST", STAFF),
    "admin.restore_record": ("POST", ADMIN),
    "admin.purge_record": ("POST", ADMIN),
    "auth.sign_out": ("POST", ALL),
}


@pytest.fixture
def records(make_partner, make_agreement, make_user, make_contact, make_organization, database):
    from datetime import UTC, datetime

    from intl.contacts.services import add_affiliation, set_photo
    from intl.core.archive import archive
    from intl.groups.models import GroupMember, WorkingGroup
    from intl.interactions.services import create_interaction
    from intl.partners.services import attach_document
    from tests.helpers import PNG_1PX

    partner = make_partner()
    agreement = make_agreement(partner)
    attach_document(agreement, upload(MINIMAL_PDF, "agreement.pdf"))
    archived = make_partner(names={"en": "Archived City"})
    to_purge = make_partner(names={"en": "Purged City"})
    archive(archived)
    archive(to_purge)
    database.session.commit()
    other = make_user("intern")
    org = make_organization()
    contact = make_contact()
    set_photo(contact, upload(PNG_1PX, "face.png"))
    affiliation = add_affiliation(contact, org.id, "Director", None, None, True)
    interaction = create_interaction(
        ("contact", contact.id),
        [],
        kind="note",
        subject="Hello",
        occurred_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    group = WorkingGroup(names={"zh_Hant": "國際關係小組"})
    database.session.add(group)
    database.session.flush()
    member = GroupMember(group_id=group.id, contact_id=contact.id, role="liaison")
    database.session.add(member)
    from intl.imports.services import start_import

    batch = start_import("contact", "family_name,given_name\n林,志明\n".encode(), "people.csv")
    database.session.commit()
    from datetime import date

    from intl.delegations.services import add_attachment, add_followup, add_member, create_delegation
    from intl.schedule.feeds import new_token
    from intl.schedule.models import FeedToken, Leader
    from intl.schedule.services import create_engagement

    leader = Leader(names={"en": "Mayor"}, title={"en": "Mayor"})
    database.session.add(leader)
    delegation = create_delegation(
        [partner.id], title={"en": "Visit"}, start_on=date(2026, 12, 10), end_on=date(2026, 12, 11)
    )
    delegation_member = add_member(delegation, contact.id, role="head")
    followup = add_followup(delegation, "Send the MOU", None, None)
    attachment = add_attachment(delegation, upload(MINIMAL_PDF, "signed.pdf"), "Signed")
    database.session.flush()
    engagement = create_engagement(
        {"leader": [leader.id], "contact": [], "user": []},
        delegation_id=delegation.id,
        title={"en": "Call"},
        start_dt=datetime(2026, 12, 10, 2, tzinfo=UTC),
        end_dt=datetime(2026, 12, 10, 3, tzinfo=UTC),
        visibility="public",
    )
    _secret, digest = new_token()
    token = FeedToken(token_hash=digest, owner_id=other.id, leader_id=leader.id, created_at=datetime.now(UTC))
    database.session.add(token)
    from intl.schedule.models import LeaderStay

    stay = LeaderStay(
        leader_id=leader.id,
        place="Taipei",
        timezone="Asia/Taipei",
        start_dt=datetime(2026, 12, 12, tzinfo=UTC),
        end_dt=datetime(2026, 12, 13, tzinfo=UTC),
    )
    database.session.add(stay)
    from intl.workdays.models import OfficeDay

    office_day = OfficeDay(day=date(2026, 8, 30), kind="typhoon", name="Typhoon")
    database.session.add(office_day)
    from intl.core.files import save_bytes
    from intl.core.jobs import Job

    report = save_bytes(b"report", "report.csv", "text/csv")
    database.session.flush()
    job = Job(kind="plan.report", args={}, state="done", result_file_id=report.id)
    database.session.add(job)
    database.session.commit()
    return {
        "job_id": job.id,
        "delegation_id": delegation.id,
        "attachment_id": attachment.id,
        "followup_id": followup.id,
        "engagement_id": engagement.id,
        "leader_id": leader.id,
        "token_id": token.id,
        "stay_id": stay.id,
        "day_id": office_day.id,
        "date": "2026-12-10",
        "delegation_member_id": delegation_member.id,
        "partner_id": partner.id,
        "agreement_id": agreement.id,
        "user_id": other.id,
        "kind": "partner",
        "record_id": archived.id,
        "purge_id": to_purge.id,
        "fmt": "csv",
        "org_id": org.id,
        "contact_id": contact.id,
        "affiliation_id": affiliation.id,
        "interaction_id": interaction.id,
        "group_id": group.id,
        "member_id": member.id,
        "batch_id": batch.id,
        "entity_id": contact.id,
    }


def url_for_endpoint(app, endpoint, values):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        from flask import url_for

        values = dict(values, record_id=values["purge_id"]) if endpoint == "admin.purge_record" else values
        special = {
            "interactions.create": {"kind": "contact"},
            "imports.upload": {"kind": "contact"},
            "imports.template": {"kind": "contact"},
            "home.lookup": {"kind": "contact"},
            "delegations.edit_member": {"member_id": values.get("delegation_member_id")},
            "delegations.remove_member": {"member_id": values.get("delegation_member_id")},
            "schedule.calendar_events": {"start": "2026-12-01", "end": "2026-12-31"},
            "schedule.clash_check": {"start_on": "2026-12-10", "start_time": "10:00"},
            "schedule.day_check": {"start_on": "2026-12-10"},
            "printing.briefing": {"day": "2026-12-10"},
        }
        values = {**values, **special.get(endpoint, {})}
        query = {k: v for k, v in special.get(endpoint, {}).items() if k not in rule.arguments}
        return url_for(endpoint, **{arg: values[arg] for arg in rule.arguments}, **query)


def feature_rows() -> set[str]:
    """Endpoints declared by the features' own matrices (each tests its rows with records of its kind)."""
    from tests.correspondence.test_permissions import LETTER_MATRIX
    from tests.events.test_programme_permissions import MATRIX as PROGRAMMES
    from tests.events.test_programme_permissions import PUBLIC as GUEST_PAGES
    from tests.events.test_programme_permissions import PUBLIC_POST as GUEST_ANSWERS
    from tests.gifts.test_access import ROWS as GIFTS_AND_FOLLOWUPS
    from tests.internships.test_permission_matrix import PUBLIC as STUDENT_PAGES
    from tests.internships.test_permission_matrix import ROWS as INTERNSHIPS
    from tests.plan.test_permission_matrix import ROWS as PLAN
    from tests.protocol.test_permission_matrix import ROWS as PROTOCOL

    return (
        set(LETTER_MATRIX)
        | set(PROGRAMMES)
        | GUEST_PAGES
        | GUEST_ANSWERS
        | set(GIFTS_AND_FOLLOWUPS)
        | set(INTERNSHIPS)
        | STUDENT_PAGES
        | set(PLAN)
        | set(PROTOCOL)
    )


def test_every_endpoint_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    declared = set(MATRIX) | feature_rows()
    assert endpoints - PUBLIC - declared == set(), "declare who may use these endpoints"
    assert declared - endpoints == set()
    assert set(MATRIX) & feature_rows() == set(), "declare each endpoint once"


def test_anonymous_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, (method, _roles) in MATRIX.items():
        url = url_for_endpoint(app, endpoint, records)
        response = client.open(url, method=method)
        assert response.status_code == 302, endpoint
        assert "/sign-in" in response.location, endpoint


@pytest.mark.parametrize("role", sorted(ALL))
def test_role_matrix(app, client, records, make_user, login, role, database):
    from datetime import UTC, datetime

    from intl.schedule.feeds import new_token
    from intl.schedule.models import FeedToken, Leader

    user = login(make_user(role))
    if role == "leader":  # the account of the leader who takes part in the records' engagement
        database.session.get(Leader, records["leader_id"]).user_id = user.id
    # a subscription of the user's own, for the revoke endpoint
    token = FeedToken(
        token_hash=new_token()[1], owner_id=user.id, user_id=user.id, created_at=datetime.now(UTC)
    )
    database.session.add(token)
    database.session.commit()
    records = {**records, "token_id": token.id}
    for endpoint, (method, allowed) in MATRIX.items():
        if endpoint == "auth.sign_out":
            continue  # would end the session the rest of the loop needs; covered in test_sign_in
        url = url_for_endpoint(app, endpoint, records)
        response = client.open(
            url, method=method, data={"confirm": "purge", "status": "done"} if method == "POST" else None
        )
        if role in allowed:
            assert response.status_code in (200, 302), f"{role} {endpoint}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} {endpoint}: {response.status_code}"


# What each role sees of a contact's personal details, page by page (the contact's e-mail stands for them
# all), and the access-log action each showing writes: every page that shows them goes through
# contacts.personal.disclose. Pages of the directory that show people without their details are listed too.
PERSONAL_DETAILS = {
    "contacts.index": (STAFF, "list"),
    "contacts.detail": (STAFF, "view"),
    "contacts.edit": (STAFF, "view"),
    "contacts.export": (STAFF, "export"),
    "contacts.export_vcards": (STAFF, "export"),
    "contacts.vcard": (STAFF, "export"),
    "contacts.personal_data_page": (STAFF, "export"),
    "contacts.personal_data_json": (STAFF, "export"),
    "organizations.detail": (set(), None),
    "groups.detail": (set(), None),
    "groups.export": (set(), None),
}


@pytest.mark.parametrize("role", sorted(ALL))
def test_what_each_role_sees_of_personal_details(app, client, records, make_user, login, role, database):
    from sqlalchemy import select

    from intl.contacts.models import PersonalDataAccess

    user = login(make_user(role))

    def logged() -> list[tuple[int, str]]:
        database.session.expire_all()
        rows = database.session.scalars(
            select(PersonalDataAccess).where(PersonalDataAccess.user_id == user.id)
        ).all()
        return [(r.contact_id, r.action) for r in rows]

    for endpoint, (roles, action) in PERSONAL_DETAILS.items():
        before = logged()
        response = client.get(url_for_endpoint(app, endpoint, records))
        shown = "tanaka@example.jp" in response.get_data(as_text=True)
        assert shown == (role in roles), f"{role} {endpoint}: {response.status_code}"
        written = logged()[len(before) :]
        assert written == ([(records["contact_id"], action)] if shown else []), f"{role} {endpoint}"


def test_public_pages_open_without_sign_in(client):
    assert client.get("/sign-in").status_code == 200
    assert client.get("/static/css/app.css").status_code == 200


def test_deactivated_user_loses_access(client, make_user, login, database):
    user = login(make_user("officer"))
    assert client.get("/partners").status_code == 200
    user.active = False
    database.session.commit()
    assert client.get("/partners").status_code == 302
