"""Programme pages at 1,000 events with 50,000 registrations: an event's registration list and the check-in
search, on the biggest event (2,000 guests at scale 1) and on a typical one.

Target (issue 5, SQLite here): p95 under 50 ms each; queries per page the same at the tiny seed and at full size.
Run: python bench/programmes.py [--scale S] [--json PATH] [--runs N]

Rows are inserted in bulk (SQLAlchemy insert(), executemany in chunks) with the same search-index rows the
registration service writes (intl.core.search.bulk_rows of Registration.search_texts(), kind "registration"):
guests' names in Chinese, Vietnamese, Thai, Indonesian, Japanese and English, ~1 in 60 called 志明. Most events
hold 20-80 guests; the measured one holds 4% of all registrations, a tenth of them waitlisted. Events are inserted
without calendar entries (these pages do not read them).

The intern pages of this issue (intern log, approval queue) are measured by `seed_interns` and
`run_intern_pages`, written with the internships feature; until then they measure nothing.
"""

from __future__ import annotations

import random
import secrets
import time
from datetime import UTC, datetime, timedelta

from common import db, make_app, measure, parse_args, report, signed_in_client, workdir
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


def deep_page_url(client, first: str) -> str:
    """Page 20 of the list (or its last page), found once by following 'next' links."""
    if first not in _deep:
        url = first
        for _ in range(19):
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


def seed_interns(app, scale: float) -> None:
    """Interns, placements and their activity logs for the intern pages (written with the internships feature)."""


def run_intern_pages(app, client, runs: int) -> dict:
    """The intern log page and the approval queue (written with the internships feature): {name: figures}."""
    return {}


def main() -> None:
    args = parse_args(__doc__)
    events = max(3, int(EVENTS * args.scale))
    registrations = max(60, int(REGISTRATIONS * args.scale))
    app = make_app(workdir())
    client = signed_in_client(app)

    seed(app, random.Random(1), 3, 60)
    small = run_pages(app, client, targets(app), runs=10)
    small.update(run_intern_pages(app, client, runs=10))
    _deep.clear()

    seconds = seed(app, random.Random(2), events - 3, registrations - 60)
    seed_interns(app, args.scale)
    target = targets(app)
    print(
        f"seeded {events:,} events and {registrations:,} registrations in {seconds:.1f} s; measured event "
        f"#{target['big']} with {target['big_count']:,} guests, typical #{target['typical']} with "
        f"{target['typical_count']}"
    )
    results = run_pages(app, client, target, args.runs)
    results.update(run_intern_pages(app, client, args.runs))
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
