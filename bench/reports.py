"""The plan's pages at 5 years of an office: the dashboard, the year's report on screen, its XLSX and PDF.

Targets (issue 7, SQLite here): the dashboard p95 under 100 ms with the same number of queries for a tiny
office and a large one; the year's report on screen under 1 s; its XLSX and PDF exports under 5 s each.
Run: python bench/reports.py [--scale S] [--json PATH] [--runs N]

Seeded at the scales of the earlier benchmarks, for the five years up to this one: the demo office (with this
year's plan from the seed document, copied to the other years), 10,000 partners (synthetic, with coordinates,
a third of the ties with a signed agreement), 3,000 contacts, 5 leaders, 500 delegations with their 20,000
engagements (bench/schedule.py's planner: programmes and standalone engagements on working days), each
delegation with partners, a plan item (four in five) and, once done, its actual cost; 200,000 interactions
with partners (a few partners get most of them, many get none: the dormant list is not empty); 300 expenses;
2,000 follow-ups, some overdue; 1,000 events with 50,000 guests, 200 lectures, 100 courses with three sessions
each, 300 internship placements, 50,000 letters with their correspondents and 2,000 gifts, about half of them
linked to a plan item. Everything is inserted in bulk with the columns the services write.

A new activity kind is measured by adding its rows to seed_programmes_and_letters; the pages read it through
the plan's registry without change here.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta

from common import client_for, db, make_app, measure, parse_args, report, signed_in_client, workdir
from sqlalchemy import func, insert, select, text

PARTNERS = 10_000
CONTACTS = 3_000
DELEGATIONS = 500
ENGAGEMENTS = 20_000
INTERACTIONS = 200_000
EXPENSES_PER_YEAR = 60
FOLLOWUPS = 2_000
EVENTS = 1_000
REGISTRATIONS = 50_000
LECTURES = 200
COURSES = 100
PLACEMENTS = 300
LETTERS = 50_000
GIFTS = 2_000
YEARS = 5
CHUNK = 5_000
EXPORT_RUNS = 3
REPORT_RUNS = 10


def _insert(model, rows: list[dict]) -> None:
    table = getattr(model, "__table__", model)
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def this_year() -> int:
    from intl.core.time import today_in

    return today_in("Asia/Taipei").year


def seed_plans(context: dict) -> None:
    """This year's plan (the demo's, from the seed) copied to the four years before it."""
    from intl.plan.models import PlanItem, PlanYear
    from intl.plan.services import copy_forward

    year = this_year()
    current = db.session.scalar(select(PlanYear).where(PlanYear.year == year))
    for back in range(1, YEARS):
        if db.session.scalar(select(PlanYear.id).where(PlanYear.year == year - back)) is None:
            copy_forward(current, year - back)
    db.session.commit()
    items = {}
    for plan_year in db.session.scalars(select(PlanYear)):
        items[plan_year.year] = list(
            db.session.scalars(
                select(PlanItem.id).where(PlanItem.plan_year_id == plan_year.id, PlanItem.level == 2)
            )
        )
    context["items"] = items


def seed_partners(rng: random.Random, context: dict, count: int) -> int:
    """Synthetic partners (as bench/partners.py) with their ties, and coordinates."""
    from intl.demo.loader import load_synthetic_partners
    from intl.partners.models import Agreement, Partner

    first = _next_id(Partner)
    load_synthetic_partners(count)
    ids = list(db.session.scalars(select(Partner.id).where(Partner.id >= first)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        db.session.execute(
            text("UPDATE partner SET latitude = :lat, longitude = :lon WHERE id = :pid"),
            [
                {"pid": i, "lat": round(rng.uniform(-45, 65), 3), "lon": round(rng.uniform(-170, 175), 3)}
                for i in chunk
            ],
        )
    db.session.commit()
    # The loader gives the partners their ties (in force, void, ended, expired ...) and their standing.
    agreements = db.session.scalar(
        select(func.count()).select_from(Agreement).where(Agreement.partner_id >= first)
    )
    context["partners"] = list(db.session.scalars(select(Partner.id)))
    context["ties"] = list(
        db.session.scalars(select(Partner.id).where(Partner.relationship.not_in(("prospect", "former"))))
    )
    return len(ids) + agreements


def seed_schedule(
    rng: random.Random,
    context: dict,
    delegations: int,
    engagements: int,
    contacts: int,
    first: date | None = None,
    last: date | None = None,
) -> int:
    """Leaders, contacts, delegations and engagements by bench/schedule.py's planner; then each delegation gets
    partners, a plan item of its year (four in five) and, once done, an actual cost."""
    from schedule import Planner, fix_postgres_sequences, plan_schedule, seed_contacts, seed_leaders

    from intl.auth.models import User
    from intl.delegations.models import delegation_partner

    leader_ids = context.get("leaders") or seed_leaders()  # the five leaders of bench/schedule.py
    officer_id = db.session.scalar(select(User.id).where(User.username == "bench-officer"))
    contact_ids = seed_contacts(rng, contacts)
    planner = Planner(rng, leader_ids, contact_ids, officer_id)
    year = this_year()
    first, last = first or date(year - YEARS + 1, 1, 1), last or date(year, 12, 31)
    plan_schedule(planner, rng, engagements, delegations, first, last)
    links = []
    ties, partners = context["ties"], context["partners"]
    for row in planner.delegations:
        if rng.random() < 0.8 and context["items"].get(row["start_on"].year):
            row["plan_item_id"] = rng.choice(context["items"][row["start_on"].year])
        if row["status"] == "done":
            row["actual_cost"] = int(row["budget"] * rng.uniform(0.6, 1.1))
        row["categories"] = rng.sample(
            ["culture", "trade", "education", "tourism", "technology", "sport"], rng.randint(0, 2)
        )
        chosen = {
            rng.choice(ties) if rng.random() < 0.8 else rng.choice(partners) for _ in range(rng.randint(1, 2))
        }
        links += [{"delegation_id": row["id"], "partner_id": pid} for pid in chosen]
    planner.write()
    _insert(delegation_partner, links)
    fix_postgres_sequences()
    db.session.commit()
    context["leaders"] = leader_ids
    return len(planner.delegations) + len(planner.engagements)


def seed_interactions(rng: random.Random, context: dict, count: int) -> int:
    """Interactions with partners over the five years: a few partners get most of them."""
    from intl.interactions.models import Interaction, InteractionLink

    year = this_year()
    first = datetime(year - YEARS + 1, 1, 1, tzinfo=UTC)
    span = (min(datetime.now(UTC), datetime(year, 12, 31, tzinfo=UTC)) - first).total_seconds()
    partners = context["partners"]
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(partners))]
    shuffled = partners[:]
    rng.shuffle(shuffled)
    targets = rng.choices(shuffled, weights, k=count)
    now, next_id = datetime.now(UTC), _next_id(Interaction)
    rows, links = [], []
    for offset, pid in enumerate(targets):
        interaction_id = next_id + offset
        rows.append(
            {
                "id": interaction_id,
                "kind": rng.choice(["note", "call", "meeting", "email", "email"]),
                "occurred_at": first + timedelta(seconds=rng.uniform(0, span)),
                "subject": "交流聯繫 Exchange",
                "home_kind": "partner",
                "home_id": pid,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        links.append({"interaction_id": interaction_id, "kind": "partner", "entity_id": pid})
        if rng.random() < 0.1:
            other = rng.choice(partners)
            if other != pid:
                links.append({"interaction_id": interaction_id, "kind": "partner", "entity_id": other})
    _insert(Interaction, rows)
    _insert(InteractionLink, links)
    db.session.commit()
    return len(rows)


def seed_expenses_and_followups(
    rng: random.Random, context: dict, expenses_per_year: int, followups: int
) -> int:
    from intl.delegations.models import Delegation
    from intl.followups.models import FollowUp
    from intl.plan.models import Expense

    now, rows = datetime.now(UTC), []
    for year, items in context["items"].items():
        if year > this_year():
            continue
        for _ in range(expenses_per_year):
            rows.append(
                {
                    "item_id": rng.choice(items),
                    "spent_on": date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    "payee": rng.choice(["翻譯社 Translation office", "印刷廠 Printer", "會場 Venue"]),
                    "amount": rng.randint(1, 60) * 1000,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    _insert(Expense, rows)
    delegation_ids = list(db.session.scalars(select(Delegation.id)))
    today = date.today()
    notes = []
    for _ in range(followups):
        due = today + timedelta(days=rng.randint(-700, 90))
        notes.append(
            {
                "source_kind": "delegation",
                "source_id": rng.choice(delegation_ids),
                "description": "寄送會議紀錄 / Send the minutes",
                "due_on": due,
                "status": "open" if due > today or rng.random() < 0.05 else "done",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    _insert(FollowUp, notes)
    db.session.commit()
    return len(rows) + len(notes)


def _item_or_none(rng: random.Random, context: dict, day: date, share: float) -> int | None:
    items = context["items"].get(day.year)
    return rng.choice(items) if items and rng.random() < share else None


def seed_programmes_and_letters(rng: random.Random, context: dict, scale: float) -> int:
    """Events with their guests, lectures, courses, internship programmes with placements, letters with their
    correspondents and gifts over the five years, at the scales of bench/programmes.py and
    bench/correspondence.py; about half of them linked to an item of their year's plan."""
    import secrets

    from intl.auth.models import User
    from intl.core.localized import LocalizedText
    from intl.correspondence.models import Letter, LetterParty
    from intl.courses.models import Course, CourseSession
    from intl.events.models import Event, Registration
    from intl.gifts.models import Gift
    from intl.internships.placement_models import Placement
    from intl.internships.services import create_position, create_programme
    from intl.lectures.models import Lecture, LectureSeries

    year, today = this_year(), date.today()
    first = date(year - YEARS + 1, 1, 1)
    span = (date(year, 12, 31) - first).days
    officer_id = db.session.scalar(select(User.id).where(User.username == "bench-officer"))

    def day() -> date:
        return first + timedelta(days=rng.randrange(span))

    def moment(on: date, hour: int = 2) -> datetime:
        return datetime(on.year, on.month, on.day, hour, tzinfo=UTC)

    def state(on: date) -> str:
        return "done" if on < today else rng.choice(["planned", "confirmed", "confirmed"])

    written = 0
    event_id, registration_id = _next_id(Event), _next_id(Registration)
    events, guests = [], []
    for n in range(max(2, int(EVENTS * scale))):
        on = day()
        events.append(
            {
                "id": event_id + n,
                "title": {"zh_Hant": f"看見高雄 第{n}場", "en": f"See Kaohsiung #{n}"},
                "kind": "see_kaohsiung",
                "audiences": ["international_students"],
                "description": {},
                "start_dt": moment(on),
                "end_dt": moment(on, 8),
                "timezone": "Asia/Taipei",
                "capacity": 60,
                "languages": ["zh", "en"],
                "registration_mode": "open",
                "registration_open": True,
                "registration_token": secrets.token_urlsafe(18),
                "visibility": "public",
                "status": state(on),
                "budget": rng.randint(20, 200) * 1000,
                "actual_cost": rng.randint(15, 180) * 1000 if on < today else None,
                "host_leader_ids": [],
                "staff_user_ids": [],
                "plan_item_id": _item_or_none(rng, context, on, 0.7),
                "version": 1,
            }
        )
    for n in range(int(REGISTRATIONS * scale)):
        event = rng.choice(events)
        guests.append(
            {
                "id": registration_id + n,
                "event_id": event["id"],
                "status": "registered",
                "source": "public",
                "name": "Guest",
                "token_nonce": secrets.token_hex(16),
                "checked_in_at": event["start_dt"]
                if event["status"] == "done" and rng.random() < 0.85
                else None,
            }
        )
    _insert(Event, events)
    _insert(Registration, guests)
    written += len(events) + len(guests)

    series_id, lecture_id = _next_id(LectureSeries), _next_id(Lecture)
    series = [
        {"id": series_id + n, "title": {"en": f"Envoys' lectures {year - n}"}, "version": 1}
        for n in range(YEARS)
    ]
    lectures = []
    for n in range(max(2, int(LECTURES * scale))):
        on = day()
        lectures.append(
            {
                "id": lecture_id + n,
                "series_id": series_id + (year - on.year) % YEARS,
                "topic": {"en": f"Lecture {n}"},
                "speaker_role": "diplomat",
                "start_dt": moment(on, 6),
                "end_dt": moment(on, 8),
                "timezone": "Asia/Taipei",
                "host_leader_ids": [],
                "host_user_ids": [],
                "status": state(on),
                "attendance": rng.randint(30, 200) if on < today else None,
                "plan_item_id": _item_or_none(rng, context, on, 0.7),
                "version": 1,
            }
        )
    _insert(LectureSeries, series)
    _insert(Lecture, lectures)
    written += len(series) + len(lectures)

    course_id, session_id = _next_id(Course), _next_id(CourseSession)
    courses, sessions = [], []
    for n in range(max(2, int(COURSES * scale))):
        on = day()
        courses.append(
            {
                "id": course_id + n,
                "title": {"en": f"Protocol course {n}"},
                "topic": "protocol",
                "status": state(on),
                "plan_item_id": _item_or_none(rng, context, on, 0.7),
                "version": 1,
            }
        )
        for k in range(3):
            start = moment(on + timedelta(days=7 * k), 1)
            sessions.append(
                {
                    "id": session_id + len(sessions),
                    "course_id": course_id + n,
                    "title": {},
                    "start_dt": start,
                    "end_dt": start + timedelta(hours=3),
                    "timezone": "Asia/Taipei",
                    "status": "scheduled",
                    "version": 1,
                }
            )
    _insert(Course, courses)
    _insert(CourseSession, sessions)
    written += len(courses) + len(sessions)

    placements, placement_id = [], _next_id(Placement)
    for programme_year in range(year - YEARS + 1, year + 1):
        start = date(programme_year, 7, 1)
        programme = create_programme(
            title=LocalizedText({"en": f"Summer internship {programme_year}"}),
            kind="internship",
            term="summer",
            year=programme_year,
            start_on=start,
            end_on=date(programme_year, 8, 31),
            plan_item_id=_item_or_none(rng, context, start, 1.0),
        )
        position = create_position(programme, title=LocalizedText({"en": "Assistant"}), places=100)
        for _ in range(max(1, int(PLACEMENTS * scale / YEARS))):
            placements.append(
                {
                    "id": placement_id + len(placements),
                    "position_id": position.id,
                    "intern_id": officer_id,
                    "start_on": start,
                    "end_on": date(programme_year, 8, 31),
                    "status": "completed" if start < today else "active",
                    "version": 1,
                }
            )
    _insert(Placement, placements)
    written += len(placements)

    letter_id = _next_id(Letter)
    letters, parties = [], []
    ties = context["ties"]
    for n in range(max(2, int(LETTERS * scale))):
        on = day()
        direction = "incoming" if n % 2 == 0 else "outgoing"
        letters.append(
            {
                "id": letter_id + n,
                "direction": direction,
                "reference_no": f"BENCH-{on.year}-{letter_id + n:07d}",
                "reference_year": on.year,
                "reference_seq": letter_id + n,
                "letter_on": on,
                "sent_on": on + timedelta(days=rng.randint(0, 10)) if direction == "outgoing" else None,
                "channel": "email",
                "subject": f"函 {n} Letter",
                "language": "zh_Hant",
                "body": "敬啟者",
                "confidential": rng.random() < 0.05,
                "due_on": on + timedelta(days=14) if direction == "incoming" else None,
                "status": ("filed" if on < today - timedelta(days=30) else "registered")
                if direction == "incoming"
                else "sent",
                "in_reply_to_id": letter_id + n - 1
                if direction == "outgoing" and rng.random() < 0.6
                else None,
                "plan_item_id": _item_or_none(rng, context, on, 0.2),
                "version": 1,
            }
        )
        parties.append(
            {"letter_id": letter_id + n, "role": "sender" if direction == "incoming" else "recipient",
             "kind": "partner", "entity_id": rng.choice(ties), "position": 0}
        )  # fmt: skip
    _insert(Letter, letters)
    _insert(LetterParty, parties)
    written += len(letters) + len(parties)

    gift_id, gifts = _next_id(Gift), []
    for n in range(max(2, int(GIFTS * scale))):
        on = day()
        gifts.append(
            {
                "id": gift_id + n,
                "direction": rng.choice(["given", "received"]),
                "exchanged_on": on,
                "occasion_kind": "visit",
                "partner_id": rng.choice(ties),
                "description": "高雄陶瓷 Kaohsiung ceramics",
                "estimated_value": rng.randint(3, 40) * 100,
                "quantity": rng.randint(1, 4),
                "official_courtesy": True,
                "to_many_staff": False,
                "needs_report": False,
                "plan_item_id": _item_or_none(rng, context, on, 0.5),
                "version": 1,
            }
        )
    _insert(Gift, gifts)
    written += len(gifts)
    if db.engine.dialect.name == "postgresql":
        for model in (
            Event,
            Registration,
            LectureSeries,
            Lecture,
            Course,
            CourseSession,
            Placement,
            Letter,
            Gift,
        ):
            sequence_name = func.pg_get_serial_sequence(model.__tablename__, "id")
            db.session.execute(
                select(func.setval(sequence_name, select(func.max(model.id)).scalar_subquery()))
            )
    db.session.commit()
    return written


def leader_client(app, context: dict):
    """A leader's aide account linked to the mayor."""
    from intl.auth.services import create_user
    from intl.schedule.models import Leader

    with app.app_context():
        user = create_user("bench-leader-aide", "bench-password-long-enough", "leader")
        db.session.flush()
        db.session.get(Leader, context["leaders"][0]).user_id = user.id
        db.session.commit()
        user_id = user.id
    return client_for(app, user_id)


def seed(app, rng: random.Random, scale: float, context: dict) -> None:
    from intl.core.db import refresh_statistics

    with app.app_context():
        mark = time.perf_counter()
        counts = {
            "partners and agreements": seed_partners(rng, context, int(PARTNERS * scale)),
            "delegations and engagements": seed_schedule(
                rng, context, int(DELEGATIONS * scale), int(ENGAGEMENTS * scale), int(CONTACTS * scale)
            ),
            "interactions": seed_interactions(rng, context, int(INTERACTIONS * scale)),
            "expenses and follow-ups": seed_expenses_and_followups(
                rng, context, max(1, int(EXPENSES_PER_YEAR * scale)), int(FOLLOWUPS * scale)
            ),
            "events, guests, lectures, courses, placements, letters and gifts": seed_programmes_and_letters(
                rng, context, scale
            ),
        }
        refresh_statistics(full=True)
        db.session.commit()
        print(
            "seeded "
            + ", ".join(f"{n:,} {what}" for what, n in counts.items())
            + f" in {time.perf_counter() - mark:.1f} s"
        )


def job_file(client, url: str):
    """A report's file is a job: its address sends to the job's page; the bench's queue runs the job at the
    commit, so the time measured is the whole file's, as before."""
    asked = client.get(url)
    return client.get(asked.location.split("?")[0] + "/download")


def run_pages(app, officer, leader, year: int, runs: int) -> dict:
    return {
        "dashboard (officer)": measure(app, "dashboard", lambda: officer.get("/dashboard"), runs),
        "dashboard (leader)": measure(app, "dashboard-leader", lambda: leader.get("/dashboard"), runs),
        "report, year, on screen": measure(
            app, "report", lambda: officer.get(f"/plan/{year}/report"), max(3, runs // 6), warmup=1
        ),
        "report, Q3, on screen": measure(
            app,
            "report-q",
            lambda: officer.get(f"/plan/{year}/report?period=Q3"),
            max(3, runs // 6),
            warmup=1,
        ),
        "report, year, XLSX": measure(
            app, "xlsx", lambda: job_file(officer, f"/plan/{year}/report.xlsx"), EXPORT_RUNS, warmup=1
        ),
        "report, year, PDF": measure(
            app, "pdf", lambda: job_file(officer, f"/plan/{year}/report.pdf"), EXPORT_RUNS, warmup=1
        ),
    }


def main() -> None:
    args = parse_args(__doc__)
    rng = random.Random(7)
    app = make_app(workdir())
    with app.app_context():
        from intl.demo.loader import load_demo

        load_demo()
    officer = signed_in_client(app, "officer")
    context: dict = {}
    with app.app_context():
        seed_plans(context)
        # a tiny office first: the same pages must run the same number of queries
        seed_partners(rng, context, 10)
        today = date.today()  # this week's schedule has engagements in the tiny office too
        seed_schedule(rng, context, 3, 40, 20, today - timedelta(days=20), today + timedelta(days=20))
        seed_interactions(rng, context, 50)
        seed_expenses_and_followups(rng, context, 2, 10)
        seed_programmes_and_letters(rng, context, 0.002)
    leader = leader_client(app, context)
    year = this_year()
    small = run_pages(app, officer, leader, year, runs=3)
    seed(app, rng, args.scale, context)
    results = run_pages(app, officer, leader, year, args.runs)
    for name, figures in results.items():
        figures["queries_at_tiny_office"] = small[name]["queries"]
    targets = {
        "dashboard (officer)": "p95 < 100 ms",
        "dashboard (leader)": "p95 < 100 ms",
        "report, year, on screen": "< 1 s",
        "report, Q3, on screen": "< 1 s",
        "report, year, XLSX": "< 5 s",
        "report, year, PDF": "< 5 s",
    }
    report(
        f"Plan, report and dashboard at {YEARS} years of an office (in-process, warm)", results, args, targets
    )
    changed = [n for n in results if results[n]["queries"] != results[n]["queries_at_tiny_office"]]
    print("queries per page constant from a tiny office:", "yes" if not changed else f"NO: {changed}")


if __name__ == "__main__":
    main()
