"""Programme pages at 1,000 events with 50,000 registrations: an event's registration list and the check-in
search, on the biggest event (2,000 guests at scale 1) and on a typical one; an intern's log, the supervisor's
approval queue and the application list.

Target (issue 5, SQLite here): p95 under 50 ms each; queries per page the same at the tiny seed and at full size.
Run: python bench/programmes.py [--scale S] [--json PATH] [--runs N]

Rows are inserted in bulk (SQLAlchemy insert(), executemany in chunks) with the same search-index rows the
registration service writes (intl.core.search.bulk_rows of Registration.search_texts(), kind "registration"):
guests' names in Chinese, Vietnamese, Thai, Indonesian, Japanese and English, ~1 in 60 called 志明. Most events
hold 20-80 guests; the measured one holds 4% of all registrations, a tenth of them waitlisted. Events are inserted
without calendar entries (these pages do not read them).

The intern pages: five years of programmes, 2,000 applications, 300 placements and 100,000 log entries at
scale 1; the measured intern keeps a year-long work-study log (1% of the entries), the measured supervisor
supervises every running placement (the last three weeks of their logs wait in the queue).
"""

from __future__ import annotations

import random
import secrets
import time
from datetime import UTC, date, datetime, timedelta

from common import client_for, db, make_app, measure, parse_args, report, signed_in_client, workdir
from sqlalchemy import func, insert, select

EVENTS = 1_000
REGISTRATIONS = 50_000
BIG_SHARE = 0.04
CHUNK = 2_000

ZH_FAMILY = list("陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周")
ZH_GIVEN = [
    "志明",
    "美玲",
    "雅婷",
    "家豪",
    "淑芬",
    "怡君",
    "志強",
    "俊傑",
    "冠宇",
    "宗翰",
    "佳穎",
    "欣怡",
    "承恩",
    "柏翰",
    "詩涵",
    "思妤",
    "建宏",
    "明哲",
    "宜蓁",
    "子涵",
    "彥廷",
    "冠廷",
    "韋成",
    "筱涵",
    "品妤",
    "郁婷",
    "政宏",
    "信宏",
    "文彬",
    "美華",
    "淑惠",
    "麗華",
    "秀英",
    "志豪",
    "家瑋",
    "俊宏",
    "育誠",
    "佩珊",
    "雅雯",
    "凱翔",
    "子豪",
    "家銘",
    "書豪",
    "偉倫",
    "依婷",
    "婉婷",
    "靜宜",
    "心怡",
    "若彤",
    "宇軒",
    "柏宇",
    "品睿",
    "承翰",
    "立群",
    "嘉玲",
    "惠雯",
    "瑞祥",
    "國華",
    "振宇",
    "士傑",
]
VI = (
    ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"],
    ["Văn", "Thị", "Minh", "Đức"],
    ["An", "Lan", "Hùng", "Mai", "Tuấn", "Hương"],
)
TH = [("Somchai", "Jaidee", "สมชาย ใจดี"), ("Nattaya", "Srisuk", "ณัฐญา ศรีสุข"), ("Anan", "Wong", "อนันต์ วงศ์")]
ID = (
    ["Budi", "Siti", "Agus", "Dewi", "Ahmad", "Putri"],
    ["Santoso", "Aminah", "Wijaya", "Lestari", "Hidayat", ""],
)
JA = [("佐藤", "美咲", "Misaki Sato"), ("鈴木", "大翔", "Hiroto Suzuki"), ("高橋", "陽菜", "Hina Takahashi")]
EN = (
    ["James", "Anna", "Maria", "David", "Emma", "Lukas"],
    ["Wilson", "Müller", "Santos", "Smith", "Brown", "Rossi"],
)
SCHOOLS = ["國立中山大學", "國立高雄大學", "文藻外語大學", "高雄醫學大學", "國立高雄科技大學", "義守大學"]


def guest(rng: random.Random, index: int) -> dict:
    style = rng.random()
    alt = None
    if style < 0.4:
        name = rng.choice(ZH_FAMILY) + rng.choice(ZH_GIVEN)
        country, domain = "TW", "example.tw"
    elif style < 0.6:
        name = f"{rng.choice(VI[0])} {rng.choice(VI[1])} {rng.choice(VI[2])}"
        country, domain = "VN", "example.vn"
    elif style < 0.7:
        given, family, alt = rng.choice(TH)
        name = f"{given} {family}"
        country, domain = "TH", "example.th"
    elif style < 0.8:
        name = f"{rng.choice(ID[0])} {rng.choice(ID[1])}".strip()
        country, domain = "ID", "example.id"
    elif style < 0.9:
        family, given, alt = rng.choice(JA)
        name = f"{family} {given}"
        country, domain = "JP", "example.jp"
    else:
        name = f"{rng.choice(EN[0])} {rng.choice(EN[1])}"
        country, domain = rng.choice([("DE", "example.de"), ("AU", "example.au"), ("PH", "example.ph")])
    return {
        "name": name,
        "alt_name": alt,
        "email": f"guest{index}@{domain}",
        "organization": rng.choice(SCHOOLS),
        "country": country,
    }


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def seed(app, rng: random.Random, events: int, registrations: int) -> float:
    """`events` events (the first the big one), `registrations` guests spread over them; returns seconds."""
    from intl.core.db import refresh_statistics
    from intl.core.search import SearchDoc, SearchGram, bulk_rows
    from intl.events.models import Event, Registration
    from intl.events.registrations import PRIVACY_NOTICE_VERSION

    begun = time.perf_counter()
    with app.app_context():
        event_id, registration_id = _next_id(Event), _next_id(Registration)
        now = datetime.now(UTC)
        big = max(1, int(registrations * BIG_SHARE)) if events > 1 else registrations
        sizes = [big] + [0] * (events - 1)
        for _ in range(registrations - big):
            sizes[1 + rng.randrange(events - 1) if events > 1 else 0] += 1
        event_rows, registration_rows, docs, grams = [], [], [], []
        for offset, size in enumerate(sizes):
            start = datetime(2025, 1, 6, 1, tzinfo=UTC) + timedelta(
                days=rng.randrange(730), hours=rng.randrange(8)
            )
            capacity = max(1, int(size * 0.9)) if size else 20
            event_rows.append(
                {
                    "id": event_id + offset,
                    "title": {
                        "zh_Hant": f"看見高雄 第{event_id + offset}場",
                        "en": f"See Kaohsiung #{event_id + offset}",
                    },
                    "kind": "see_kaohsiung",
                    "audiences": ["international_students"],
                    "description": {},
                    "start_dt": start,
                    "end_dt": start + timedelta(hours=6),
                    "timezone": "Asia/Taipei",
                    "venue": "駁二藝術特區",
                    "capacity": capacity,
                    "languages": ["zh", "en"],
                    "registration_mode": "open",
                    "registration_open": True,
                    "registration_token": secrets.token_urlsafe(18),
                    "visibility": "public",
                    "status": "confirmed",
                    "host_leader_ids": [],
                    "staff_user_ids": [],
                    "version": 1,
                }
            )
            past = start < now
            for seat in range(size):
                number = registration_id + len(registration_rows)
                details = guest(rng, number)
                status = "registered" if seat < capacity else "waitlisted"
                if rng.random() < 0.03:
                    status = "cancelled"
                registration_rows.append(
                    {
                        "id": number,
                        "event_id": event_id + offset,
                        "status": status,
                        "source": "public",
                        "email_key": details["email"],
                        "locale": "zh_Hant_TW" if details["country"] == "TW" else "en",
                        "consent_at": start - timedelta(days=7),
                        "privacy_version": PRIVACY_NOTICE_VERSION,
                        "token_nonce": secrets.token_hex(16),
                        "checked_in_at": start
                        if past and status == "registered" and rng.random() < 0.85
                        else None,
                        **details,
                    }
                )
                texts = Registration(**details).search_texts()
                doc, gram_rows, _keys = bulk_rows("registration", number, texts, {})
                docs.append(doc)
                grams.extend(gram_rows)
        _insert(Event, event_rows)
        _insert(Registration, registration_rows)
        _insert(SearchDoc, docs)
        _insert(SearchGram, grams)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            for model in (Event, Registration):
                sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
                db.session.execute(
                    select(func.setval(sequence, select(func.max(model.id)).scalar_subquery()))
                )
        refresh_statistics(full=True)
        db.session.commit()
    return time.perf_counter() - begun


def targets(app) -> dict:
    from intl.events.models import Event, Registration

    with app.app_context():
        counts = db.session.execute(
            select(Registration.event_id, func.count())
            .group_by(Registration.event_id)
            .order_by(func.count().desc())
        ).all()
        big, big_count = counts[0]
        typical, typical_count = counts[len(counts) // 2]
        assert db.session.get(Event, big) is not None
        return {"big": big, "big_count": big_count, "typical": typical, "typical_count": typical_count}


_deep: dict = {}


def deep_page_url(client, first: str, hops: int = 19) -> str:
    """Page 20 of the list (or its last page), found once by following 'next' links."""
    if first not in _deep:
        url = first
        for _ in range(hops):
            page = client.get(url).get_data(as_text=True)
            if 'rel="next" href="' not in page:
                break
            url = page.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
        _deep[first] = url
    return _deep[first]


def run_pages(app, client, target: dict, runs: int) -> dict:
    big, typical = target["big"], target["typical"]
    registrations = f"/events/{big}/registrations"
    return {
        "registration list": measure(app, "list", lambda: client.get(registrations), runs),
        "registration list, page 20": measure(
            app, "deep", lambda: client.get(deep_page_url(client, registrations)), runs
        ),
        "registration list, waitlisted": measure(
            app, "waitlisted", lambda: client.get(registrations + "?status=waitlisted"), runs
        ),
        "registration list, search 志明": measure(
            app, "list cjk", lambda: client.get(registrations + "?q=志明"), runs
        ),
        "registration list, typical event": measure(
            app, "typical", lambda: client.get(f"/events/{typical}/registrations"), runs
        ),
        "check-in search 志明": measure(
            app, "cjk", lambda: client.get(f"/events/{big}/check-in?q=志明"), runs
        ),
        "check-in search nguyen": measure(
            app, "latin", lambda: client.get(f"/events/{big}/check-in?q=nguyen"), runs
        ),
        "check-in search 林志明": measure(
            app, "cjk3", lambda: client.get(f"/events/{big}/check-in?q=林志明"), runs
        ),
    }


PROGRAMME_YEARS = 5
APPLICATIONS = 2_000
PLACEMENTS = 300
LOG_ENTRIES = 100_000
# The measured intern keeps a year-long work-study log; the measured supervisor has every running placement.
MEASURED_SHARE = 0.01
PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$YmVuY2hzYWx0$bm90LWEtcmVhbC1oYXNoLWp1c3QtZm9yLXRoZS1iZW5jaA"
WORK = [
    "翻譯姊妹市來函",
    "接待訪賓並協助口譯",
    "整理國際活動報名名單",
    "Drafted the English briefing",
    "看見高雄活動支援",
]


def seed_interns(app, rng: random.Random, applications: int, placements: int, entries: int) -> dict:
    """Five years of programmes (summer and winter), `applications` applications, `placements` placements with
    their interns and `entries` log entries (nine in ten approved; the running placements' last weeks
    submitted and waiting in the supervisor's queue). Returns the ids the measured pages need."""
    from intl.auth.models import User
    from intl.core.db import refresh_statistics
    from intl.core.localized import LocalizedText
    from intl.core.search import SearchDoc, SearchGram, bulk_rows
    from intl.internships.models import InternshipApplication
    from intl.internships.placement_models import ActivityEntry, Placement
    from intl.internships.services import create_position, create_programme

    with app.app_context():
        today = datetime.now(UTC).date()
        supervisor_id = _next_id(User)
        db.session.execute(
            insert(User),
            [
                {
                    "id": supervisor_id,
                    "username": f"bench-supervisor-{supervisor_id}",
                    "display_name": "陳科長",
                    "role": "officer",
                    "active": True,
                    "password_hash": PASSWORD_HASH,
                    "date_style": "gregorian",
                    "timezone": "Asia/Taipei",
                }
            ],
        )
        positions = []
        for year in range(today.year - PROGRAMME_YEARS + 1, today.year + 1):
            for term, start, end in (
                ("winter", date(year, 1, 20), date(year, 2, 20)),
                ("summer", date(year, 7, 1), date(year, 8, 31)),
            ):
                programme = create_programme(
                    title=LocalizedText({"zh_Hant": f"{year - 1911}年{term}實習", "en": f"{term} {year}"}),
                    kind="internship",
                    term=term,
                    year=year,
                    start_on=start,
                    end_on=end,
                )
                for n in range(3):
                    positions.append(
                        (
                            create_position(
                                programme, title=LocalizedText({"en": f"Assistant {n}"}), places=10
                            ),
                            start,
                            end,
                        )
                    )
        # A year-long work-study placement running now, for the measured intern.
        long_start = today - timedelta(days=330)
        work_study = create_programme(
            title=LocalizedText({"zh_Hant": "境外生工讀", "en": "Work-study"}),
            kind="work_study",
            term="semester",
            year=long_start.year,
            start_on=long_start,
            end_on=today + timedelta(days=35),
        )
        measured_position = create_position(work_study, title=LocalizedText({"en": "Interpreter"}), places=5)
        db.session.flush()

        application_id = _next_id(InternshipApplication)
        rows, docs, grams = [], [], []
        for n in range(applications):
            position, start, _end = rng.choice(positions)
            details = guest(rng, application_id + n)
            row = {
                "id": application_id + n,
                "programme_id": position.programme_id,
                "position_id": position.id,
                "name": details["name"],
                "latin_name": details.get("alt_name"),
                "email": details["email"],
                "nationality": details["country"],
                "school": rng.choice(SCHOOLS),
                "department": "外國語文學系",
                "study_level": "undergraduate",
                "study_year": rng.randrange(1, 5),
                "languages": [{"code": "en", "level": "fluent"}],
                "status": rng.choice(
                    ["received", "shortlisted", "declined", "accepted", "offered", "withdrawn"]
                ),
                "status_changed_at": datetime.combine(start, datetime.min.time(), UTC) - timedelta(days=20),
                "version": 1,
            }
            rows.append(row)
            texts = [row["name"], row["latin_name"], row["school"], row["email"]]
            doc, gram_rows, _keys = bulk_rows(
                "internship_application", row["id"], [t for t in texts if t], {}
            )
            docs.append(doc)
            grams.extend(gram_rows)
        _insert(InternshipApplication, rows)
        _insert(SearchDoc, docs)
        _insert(SearchGram, grams)

        intern_id, placement_id = _next_id(User), _next_id(Placement)
        users, placement_rows, spans = [], [], []
        for n in range(placements):
            measured = n == 0
            if measured:
                position, start, end = measured_position, work_study.start_on, work_study.end_on
            else:
                position, start, end = rng.choice(positions)
            users.append(
                {
                    "id": intern_id + n,
                    "username": f"bench-intern-{intern_id + n}",
                    "display_name": guest(rng, n)["name"],
                    "role": "intern",
                    "active": True,
                    "password_hash": PASSWORD_HASH,
                    "date_style": "gregorian",
                    "timezone": "Asia/Taipei",
                }
            )
            running = start <= today <= end
            placement_rows.append(
                {
                    "id": placement_id + n,
                    "position_id": position.id,
                    "intern_id": intern_id + n,
                    "supervisor_id": supervisor_id if running or measured else None,
                    "start_on": start,
                    "end_on": end,
                    "weekly_hours": 20,
                    "status": "active" if end >= today else "completed",
                    "version": 1,
                }
            )
            spans.append((placement_id + n, start, min(end, today), running))
        _insert(User, users)
        _insert(Placement, placement_rows)

        # Log entries: the measured intern gets MEASURED_SHARE of them, the others share the rest.
        entry_id = _next_id(ActivityEntry)
        measured_count = max(5, int(entries * MEASURED_SHARE))
        counts = [measured_count] + [0] * (len(spans) - 1)
        for _ in range(entries - measured_count):
            counts[1 + rng.randrange(len(spans) - 1) if len(spans) > 1 else 0] += 1
        entry_rows = []
        for (pid, start, last, running), count in zip(spans, counts, strict=True):
            days = max(1, (last - start).days + 1)
            for k in range(count):
                day = last - timedelta(days=k * days // max(count, 1))  # the newest work first
                recent = running and (last - day).days < 21
                status = "submitted" if recent else ("approved" if rng.random() < 0.9 else "returned")
                entry_rows.append(
                    {
                        "id": entry_id + len(entry_rows),
                        "placement_id": pid,
                        "work_on": day,
                        "minutes": 15 * rng.randrange(4, 33),
                        "description": rng.choice(WORK),
                        "status": status,
                        "submitted_at": datetime.combine(day, datetime.min.time(), UTC),
                        "reviewed_by_id": supervisor_id if status != "submitted" else None,
                        "version": 1,
                    }
                )
        _insert(ActivityEntry, entry_rows)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            for model in (User, InternshipApplication, Placement, ActivityEntry):
                sequence = func.pg_get_serial_sequence(model.__tablename__, "id")
                db.session.execute(
                    select(func.setval(sequence, select(func.max(model.id)).scalar_subquery()))
                )
        refresh_statistics(full=True)
        db.session.commit()
        queue = db.session.scalar(
            select(func.count())
            .select_from(ActivityEntry)
            .join(Placement, Placement.id == ActivityEntry.placement_id)
            .where(ActivityEntry.status == "submitted", Placement.supervisor_id == supervisor_id)
        )
        return {
            "intern": intern_id,
            "placement": placement_id,
            "supervisor": supervisor_id,
            "measured_entries": measured_count,
            "queue": queue,
        }


def run_intern_pages(app, client, target: dict, runs: int) -> dict:
    """The intern's own log, its page 10, the supervisor's approval queue and the officers' application list."""
    intern = client_for(app, target["intern"])
    supervisor = client_for(app, target["supervisor"])
    log = f"/internships/placements/{target['placement']}"
    return {
        "intern log": measure(app, "log", lambda: intern.get(log), runs),
        "intern log, page 10": measure(
            app, "log deep", lambda: intern.get(deep_page_url(intern, log, 9)), runs
        ),
        "approval queue": measure(app, "queue", lambda: supervisor.get("/internships/approvals"), runs),
        "application list": measure(
            app, "applications", lambda: client.get("/internships/applications"), runs
        ),
        "application search 志明": measure(
            app, "applications cjk", lambda: client.get("/internships/applications?q=志明"), runs
        ),
    }


def main() -> None:
    args = parse_args(__doc__)
    events = max(3, int(EVENTS * args.scale))
    registrations = max(60, int(REGISTRATIONS * args.scale))
    app = make_app(workdir())
    client = signed_in_client(app)

    seed(app, random.Random(1), 3, 60)
    tiny_interns = seed_interns(app, random.Random(1), 20, 3, 30)
    small = run_pages(app, client, targets(app), runs=10)
    small.update(run_intern_pages(app, client, tiny_interns, runs=10))
    _deep.clear()

    seconds = seed(app, random.Random(2), events - 3, registrations - 60)
    begun = time.perf_counter()
    interns = seed_interns(
        app,
        random.Random(2),
        max(20, int(APPLICATIONS * args.scale)),
        max(3, int(PLACEMENTS * args.scale)),
        max(30, int(LOG_ENTRIES * args.scale)),
    )
    intern_seconds = time.perf_counter() - begun
    target = targets(app)
    print(
        f"seeded {events:,} events and {registrations:,} registrations in {seconds:.1f} s; measured event "
        f"#{target['big']} with {target['big_count']:,} guests, typical #{target['typical']} with "
        f"{target['typical_count']}"
    )
    print(
        f"seeded {int(APPLICATIONS * args.scale):,} applications, {int(PLACEMENTS * args.scale):,} placements and "
        f"{int(LOG_ENTRIES * args.scale):,} log entries in {intern_seconds:.1f} s; measured intern's log holds "
        f"{interns['measured_entries']:,} entries, the supervisor's queue {interns['queue']:,}"
    )
    results = run_pages(app, client, target, args.runs)
    results.update(run_intern_pages(app, client, interns, args.runs))
    for name, figures in results.items():
        figures["queries_at_tiny_seed"] = small[name]["queries"]
    report(
        f"Programme pages at {events:,} events, {registrations:,} registrations (in-process, warm)",
        results,
        args,
        {name: "p95 < 50 ms" for name in results},
    )
    changed = [n for n in results if results[n]["queries"] != results[n]["queries_at_tiny_seed"]]
    print("queries per page constant from the tiny seed:", "yes" if not changed else f"NO: {changed}")
    missed = [n for n in results if results[n]["p95_ms"] >= 50]
    print("p95 under 50 ms:", "all" if not missed else f"NOT MET: {missed}")


if __name__ == "__main__":
    main()
