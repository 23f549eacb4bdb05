"""Records for the accessibility test's newer pages, so that none of them is checked empty: a protocol occasion
with its guests seated, a clash kept, the office's closure and typhoon days, a leader's stay, a partner with a
void tie, an import waiting at its column-mapping step, a large import whose reading failed and a finished job. Runs after the demo office is
loaded (intl.demo.loader.load_demo), inside the app context; returns the ids the pages need."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

# A partners' file whose headings say nothing the import knows: the import stops at the mapping step.
UNMAPPED_CSV = "甲欄,乙欄,丙欄\n橫濱市,Yokohama,JP\n峴港市,Da Nang,VN\n".encode()


def seed_new_pages() -> dict:
    from flask import current_app

    from intl.core.db import db
    from intl.core.jobs import Job
    from intl.core.time import now_utc, office_today, office_zone_name
    from intl.delegations.models import Delegation
    from intl.imports.analysis_job import begin_import
    from intl.imports.services import start_import
    from intl.partners.models import Partner
    from intl.partners.services import create_agreement
    from intl.plan.models import PlanYear
    from intl.plan.periods import Period
    from intl.plan.report_jobs import prepare_report
    from intl.protocol import services as protocol
    from intl.schedule import kept
    from intl.schedule.models import Engagement, EngagementParticipant, Leader
    from intl.schedule.services import create_engagement, create_stay
    from intl.workdays.services import add_office_day

    # The seating plan: a delegation's desk with its members as guests and two of our leaders as hosts.
    delegation = db.session.scalars(
        select(Delegation).where(Delegation.members.any()).order_by(Delegation.id).limit(1)
    ).one()
    occasion = protocol.start_occasion("delegation", delegation)
    leaders = db.session.scalars(select(Leader).order_by(Leader.id).limit(2)).all()
    protocol.add_invitees(occasion, [protocol.Invitee("leader", leader.id, "host") for leader in leaders])
    protocol.propose_plan(occasion)
    guest = next(p for p in occasion.participants if p.side == "guest")

    # A clash seen and kept: a second engagement for a leader at the time of one of theirs.
    booked = db.session.scalars(
        select(Engagement)
        .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
        .where(EngagementParticipant.kind == "leader", Engagement.status != "cancelled")
        .order_by(Engagement.start_dt.desc())
        .limit(1)
    ).first()
    leader_id = db.session.scalar(
        select(EngagementParticipant.ref_id).where(
            EngagementParticipant.engagement_id == booked.id, EngagementParticipant.kind == "leader"
        )
    )
    double = create_engagement(
        {"leader": [leader_id], "contact": [], "user": []},
        title={"zh_Hant": "越南訪團拜會", "en": "Courtesy call by the Da Nang delegation"},
        start_dt=booked.start_dt,
        end_dt=booked.start_dt + timedelta(hours=1),
        kind="courtesy_call",
        timezone=office_zone_name(),
        visibility="internal",
        status="confirmed",
    )
    assert kept.acknowledge(double, kept.current_clashes(double)), "the seeded engagements do not clash"

    # The working calendar: a closure, a typhoon day and a leader's stay abroad.
    today = office_today()
    # In this year, the one the office calendar opens on.
    add_office_day(day=date(today.year, 6, 10), kind="closure", name="員工自強活動")
    add_office_day(day=date(today.year, 9, 15), kind="typhoon", name="颱風停班")
    start = now_utc() + timedelta(days=40)
    create_stay(
        leader_id=leader_id,
        place="Yokohama",
        timezone="Asia/Tokyo",
        start_dt=start,
        end_dt=start + timedelta(days=3),
    )

    # A partner whose tie was signed and then voided (its standing badge says so).
    partner = db.session.scalars(select(Partner).order_by(Partner.id.desc()).limit(1)).one()
    create_agreement(
        partner,
        agreement_type="mou",
        signed_on=date(2019, 5, 1),
        state="void",
        state_since=date(2019, 6, 1),
        title="合作備忘錄 MOU",
    )

    batch = start_import("partner", UNMAPPED_CSV, "partners.csv")
    assert batch.status == "mapping"
    db.session.commit()

    # A large upload whose reading failed (the job runs at the commit): its page with the error, retry, cancel.
    current_app.config["IMPORT_ANALYSIS_JOB_BYTES"], saved = (
        100,
        current_app.config["IMPORT_ANALYSIS_JOB_BYTES"],
    )
    try:
        unread = begin_import("contact", b"PK\x03\x04" + bytes(range(256)) * 4, "contacts.xlsx")
        db.session.commit()
    finally:
        current_app.config["IMPORT_ANALYSIS_JOB_BYTES"] = saved
    db.session.refresh(unread)
    assert unread.status == "analysing"

    # A finished job with its file to download: the year's report (the test queue runs it at the commit).
    plan_year = db.session.scalars(select(PlanYear).order_by(PlanYear.year.desc()).limit(1)).one()
    job_id = prepare_report(plan_year, Period.parse(plan_year.year, "year"), "xlsx", "zh_Hant_TW").id
    db.session.commit()
    job = db.session.get(Job, job_id)
    db.session.refresh(job)
    assert job.state == "done", (job.state, job.error)
    return {
        "occasion": occasion.id,
        "protocol_delegation": delegation.id,
        "participant": guest.id,
        "rank": guest.rank_id,
        "clashed": double.id,
        "void_partner": partner.id,
        "batch": batch.id,
        "unread_batch": unread.id,
        "job": job.id,
    }
