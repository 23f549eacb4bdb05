"""The leaders' schedule at 5 years of a city: about 20,000 engagements, 500 delegations, 5 leaders.

Target (issue 4, SQLite here): the leader's month view, the calendar's month of events and a delegation's
itinerary page p95 under 50 ms; a full 5-year leader feed under 1 s cold (no conditional header); the same feed
answering 304 (If-None-Match) under 5 ms; the clash check when adding an engagement under 20 ms. Issue 13: the
live check with presence (away on a trip, out of reach of the engagement before or after; at home and abroad)
under 20 ms, the clashes page of a leader's six weeks under 50 ms, queries per request constant.
Run: python bench/schedule.py [--scale S] [--json PATH] [--runs N]

Rows are inserted in bulk (SQLAlchemy insert(), executemany in chunks): leaders, a few thousand contacts (the
columns a page reads), delegations with members, engagements from 2022-01-01 to 2026-12-31 on working days
08:00-20:00 in the place's zone (outbound trips in Tokyo, Los Angeles or Berlin), some all-day, cancelled or
confidential, each with 1-2 leaders and some with contacts or the officer. The stored VEVENT texts are then
written as the product writes them when an engagement is saved (intl.schedule.calendar_texts.store_texts, per
language and scope), and that write-time cost is reported. The pages are first measured on a tiny seed (one
month, one delegation) to check that their number of queries does not grow with the data.

Measured: the agenda for the mayor's busiest month and for the latest month with engagements (the one people
open; its query scans more of the history), the calendar's JSON for that month's 6-week grid, the itinerary of a
10-engagement delegation, the mayor's full feed (zh_Hant_TW, full details) with and without If-None-Match, and the
clash check for a 1-hour slot on the mayor's busiest day (the function, and the form's JSON endpoint). Full
garbage-collection passes seen during each measurement are counted: they are what the p95 of the big pages is.
"""

from __future__ import annotations

import calendar as monthcal
import gc
import random
import statistics
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from common import (
    counting_queries,
    db,
    make_app,
    measure,
    most_repeated,
    parse_args,
    report,
    signed_in_client,
    workdir,
)
from sqlalchemy import delete, func, insert, select, text

ENGAGEMENTS = 20_000
DELEGATIONS = 500
CONTACTS = 3_000
FIRST_DAY, LAST_DAY = date(2022, 1, 1), date(2026, 12, 31)
TINY_MONTH = date(2025, 3, 1)
CHUNK = 2_000
TEXT_CHUNK = 500  # engagements per store_texts call while seeding
FEED_RUNS = 30  # at most this many full feed builds (each is a few hundred ms)
OFFICE_ZONE = "Asia/Taipei"

LEADERS = [  # names, title, colour, weight of being on an engagement
    ({"zh_Hant": "林志遠", "en": "Lin Chih-yuan"}, {"zh_Hant": "市長", "en": "Mayor"}, "#c0392b", 0.25),
    ({"zh_Hant": "張美華", "en": "Chang Mei-hua"}, {"zh_Hant": "副市長", "en": "Deputy Mayor"}, "#2471a3", 0.2),
    ({"zh_Hant": "許文彬", "en": "Hsu Wen-pin"}, {"zh_Hant": "副市長", "en": "Deputy Mayor"}, "#1e8449", 0.2),
    ({"zh_Hant": "郭雅婷", "en": "Kuo Ya-ting"}, {"zh_Hant": "秘書長", "en": "Secretary-General"}, "#7d3c98", 0.2),
    ({"zh_Hant": "陳冠宇", "en": "Chen Kuan-yu"}, {"zh_Hant": "副秘書長", "en": "Deputy Secretary-General"},
     "#b9770e", 0.15),
]  # fmt: skip

# (venue, address, latitude, longitude)
TAIPEI_VENUES = [
    ("高雄市政府四維行政中心", "高雄市苓雅區四維三路2號", 22.6203, 120.3120),
    ("高雄市政府鳳山行政中心", "高雄市鳳山區光復路二段132號", 22.6268, 120.3571),
    ("市長室", "高雄市苓雅區四維三路2號", 22.6203, 120.3120),
    ("高雄展覽館 Kaohsiung Exhibition Center", "高雄市前鎮區成功二路39號", 22.6083, 120.2995),
    ("高雄流行音樂中心", "高雄市鹽埕區真愛路1號", 22.6214, 120.2860),
    ("漢來大飯店 Grand Hi-Lai", "高雄市前金區成功一路266號", 22.6197, 120.2966),
    ("高雄國際機場", "高雄市小港區中山四路2號", 22.5771, 120.3500),
    ("高雄港旅運中心", "高雄市苓雅區海邊路5號", 22.6125, 120.2937),
    ("衛武營國家藝術文化中心", "高雄市鳳山區三多一路1號", 22.6233, 120.3420),
    ("駁二藝術特區", "高雄市鹽埕區大勇路1號", 22.6200, 120.2817),
    ("高雄市議會", "高雄市鳳山區國泰路二段156號", 22.6410, 120.3500),
    ("國立中山大學", "高雄市鼓山區蓮海路70號", 22.6273, 120.2660),
    ("高雄巨蛋", "高雄市左營區博愛二路757號", 22.6695, 120.3025),
    ("高雄洲際酒店 InterContinental Kaohsiung", "高雄市前鎮區林森四路189號", 22.6096, 120.3028),
    ("愛河之心", "高雄市三民區同盟三路", 22.6448, 120.2952),
    ("科工館 National Science and Technology Museum", "高雄市三民區九如一路720號", 22.6405, 120.3227),
]  # fmt: skip
DESTINATIONS = [  # (city zh, city en, zone, venues)
    ("東京", "Tokyo", "Asia/Tokyo", ["東京都庁 Tokyo Metropolitan Government", "Hotel New Otani Tokyo", "JETRO本部"]),
    ("大阪", "Osaka", "Asia/Tokyo", ["大阪市役所 Osaka City Hall", "Hotel Nikko Osaka", "INTEX Osaka"]),
    ("洛杉磯", "Los Angeles", "America/Los_Angeles", ["Los Angeles City Hall", "Port of Los Angeles", "UCLA"]),
    ("舊金山", "San Francisco", "America/Los_Angeles", ["San Francisco City Hall", "Moscone Center"]),
    ("柏林", "Berlin", "Europe/Berlin", ["Rotes Rathaus", "Messe Berlin", "Hotel Adlon Kempinski"]),
    ("慕尼黑", "Munich", "Europe/Berlin", ["Neues Rathaus München", "Messe München"]),
]  # fmt: skip
PARTNER_CITIES = [  # inbound delegations come from these: (zh_Hant, en, native locale, native)
    ("八王子", "Hachioji", "ja", "八王子市"), ("横濱", "Yokohama", "ja", "横浜市"), ("釜山", "Busan", "ko", "부산"),
    ("西雅圖", "Seattle", "en", None), ("馬尼拉", "Manila", "en", None), ("胡志明市", "Ho Chi Minh City", "vi", "Hồ Chí Minh"),
    ("清邁", "Chiang Mai", "th", "เชียงใหม่"), ("漢堡", "Hamburg", "de", "Hamburg"), ("墨爾本", "Melbourne", "en", None),
    ("熊本", "Kumamoto", "ja", "熊本市"), ("仁川", "Incheon", "ko", "인천"), ("泗水", "Surabaya", "id", "Surabaya"),
]  # fmt: skip
TITLES = {  # kind -> [(zh_Hant, en)]; {city} is a partner city
    "meeting": [("市政會議", "City council meeting"), ("局處首長會報", "Department heads' briefing"),
                ("{city}合作會談", "Cooperation talks with {city}"), ("產業發展座談", "Industry development round table"),
                ("預算審查會議", "Budget review meeting")],
    "courtesy_call": [("接見{city}代表", "Receiving representatives of {city}"), ("拜會市長", "Courtesy call on the Mayor"),
                      ("駐台辦事處處長來訪", "Visit of the head of a representative office")],
    "ceremony": [("簽約儀式", "Signing ceremony"), ("開幕典禮", "Opening ceremony"), ("頒獎典禮", "Award ceremony")],
    "inspection": [("視察捷運工程", "Inspection of the metro works"), ("視察愛河灣整治工程", "Inspection of Love River Bay works"),
                   ("視察防汛整備", "Inspection of flood preparations")],
    "press": [("記者會", "Press conference"), ("媒體專訪", "Media interview")],
    "banquet": [("歡迎晚宴", "Welcome banquet"), ("{city}友誼餐會", "Friendship dinner with {city}")],
    "site_visit": [("參訪高雄港", "Visit to the Port of Kaohsiung"), ("參訪科學園區", "Visit to the Science Park")],
    "cultural": [("文化交流活動", "Cultural exchange"), ("音樂會", "Concert")],
    "transfer": [("移動：高雄至台南", "Transfer: Kaohsiung to Tainan"), ("移動至下一場地", "Transfer to the next venue")],
    "arrival": [("抵達", "Arrival")],
    "departure": [("賦歸", "Departure")],
}  # fmt: skip
STANDALONE_KINDS = (
    ["meeting"] * 40
    + ["courtesy_call"] * 15
    + ["ceremony"] * 10
    + ["inspection"] * 10
    + ["press"] * 5
    + ["banquet"] * 8
    + ["site_visit"] * 7
    + ["cultural"] * 5
)
PROGRAMME_KINDS = (
    ["courtesy_call"] * 3 + ["meeting"] * 3 + ["banquet"] * 2 + ["site_visit"] * 2 + ["cultural", "transfer"]
)
FAMILIES = [("陳", "Chen"), ("林", "Lin"), ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("김", "Kim"), ("이", "Lee"),
            ("Nguyễn", "Nguyen"), ("Smith", "Smith"), ("Müller", "Muller"), ("田中", "Tanaka")]  # fmt: skip
GIVEN = [("志明", "Chih-ming"), ("怡君", "Yi-chun"), ("翔太", "Shota"), ("美咲", "Misaki"), ("민준", "Min-jun"),
         ("서연", "Seo-yeon"), ("Văn An", "Van An"), ("Emily", "Emily"), ("Jonas", "Jonas"), ("健一", "Kenichi")]  # fmt: skip


# --- seeding ------------------------------------------------------------------------------------------------
def _insert_chunks(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _at(day: date, minutes: int, zone: str) -> datetime:
    return datetime.combine(day, clock(minutes // 60, minutes % 60), ZoneInfo(zone))


def working_days(first: date, last: date) -> tuple[list[date], list[float]]:
    """Mondays to Fridays, weighted by season: spring and autumn are busy, the Lunar New Year and summer quiet."""
    season = {
        1: 0.7,
        2: 0.6,
        3: 1.3,
        4: 1.3,
        5: 1.4,
        6: 1.0,
        7: 0.8,
        8: 0.8,
        9: 1.1,
        10: 1.5,
        11: 1.4,
        12: 1.1,
    }
    days, weights, day = [], [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
            weights.append(season[day.month])
        day += timedelta(days=1)
    return days, weights


def seed_leaders() -> list[int]:
    from intl.core.time import now_utc
    from intl.schedule.models import Leader

    first, now = _next_id(Leader), now_utc()
    rows = [
        {
            "id": first + i,
            "names": names,
            "title": title,
            "color": colour,
            "position": i,
            "active": True,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for i, (names, title, colour, _weight) in enumerate(LEADERS)
    ]
    _insert_chunks(Leader, rows)
    return [row["id"] for row in rows]


def seed_contacts(rng: random.Random, count: int) -> list[int]:
    """Contacts with the columns the pages read (names, title, needs); no search rows (no page here searches)."""
    from intl.contacts.models import Contact
    from intl.core.time import now_utc

    first, now, rows = _next_id(Contact), now_utc(), []
    for contact_id in range(first, first + count):
        (family, family_latin), (given, given_latin) = rng.choice(FAMILIES), rng.choice(GIVEN)
        cjk = not family.isascii() and not family.startswith("Ng") and not family.startswith("Mü")
        rows.append(
            {
                "id": contact_id,
                "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "family_name": family,
                "given_name": given,
                "name_locale": "zh_Hant" if cjk else "en",
                "chinese_name": f"{family}{given}" if cjk else None,
                "latin_name": f"{given_latin} {family_latin}",
                "title": {
                    "en": rng.choice(["Director", "Consul General", "Professor", "Chairman", "Deputy Mayor"])
                },
                "country": rng.choice(["JP", "KR", "US", "DE", "VN", "TH"]),
                "needs": rng.choice([[], [], [], ["vegetarian"], ["halal"], ["no_beef"]]),
                "purpose": "protocol",
                "legal_basis": "public_task",
                "consent": False,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    _insert_chunks(Contact, rows)
    return [row["id"] for row in rows]


class Planner:
    """Makes the rows of delegations, their members, engagements and participants (explicit ids, no ORM)."""

    def __init__(
        self,
        rng: random.Random,
        leader_ids: list[int],
        contact_ids: list[int],
        officer_id: int,
        variety: bool = False,
    ):
        from intl.core.time import now_utc
        from intl.delegations.models import Delegation, DelegationMember
        from intl.schedule.models import Engagement
        from intl.schedule.services import venue_key

        self.rng, self.leaders, self.contacts, self.officer = rng, leader_ids, contact_ids, officer_id
        self.weights = [weight for *_rest, weight in LEADERS]
        self.variety = variety  # the tiny seed: every kind of row at least once, whatever the dice say
        self.now = now_utc()
        self.venue_key = venue_key
        self.keys: dict[str, str | None] = {}
        self.next_engagement, self.next_delegation = _next_id(Engagement), _next_id(Delegation)
        self.next_member = _next_id(DelegationMember)
        self.delegations, self.members, self.engagements, self.participants = [], [], [], []
        self.count = 0

    def _chance(self, share: float, every: int, phase: int) -> bool:
        if self.variety:
            return self.count % every == phase
        return self.rng.random() < share

    def _leaders(self) -> list[int]:
        if self.variety:  # the mayor on every other engagement, a second leader on every third
            first = self.leaders[0] if self.count % 2 else self.leaders[self.count % len(self.leaders)]
        else:
            first = self.rng.choices(self.leaders, self.weights)[0]
        chosen = [first]
        if self._chance(0.4, 3, 0):
            others = [(i, w) for i, w in zip(self.leaders, self.weights, strict=True) if i != first]
            chosen.append(self.rng.choices([i for i, _w in others], [w for _i, w in others])[0])
        return chosen

    def engagement(
        self,
        day: date,
        zone: str,
        kind: str,
        venue: tuple,
        delegation_id: int | None = None,
        city: tuple[str, str] | None = None,
        contacts: list[int] | None = None,
    ) -> None:
        rng = self.rng
        engagement_id = self.next_engagement
        self.next_engagement += 1
        self.count += 1
        if self._chance(0.04, 6, 2):
            start, end = _at(day, 0, zone), _at(day + timedelta(days=1), 0, zone)
            all_day = True
        else:
            minutes = 18 * 60 + 30 if kind == "banquet" else rng.randrange(8 * 60, 19 * 60 + 1, 30)
            length = rng.choice([30, 60, 60, 90, 120, 180]) if kind != "banquet" else 120
            start = _at(day, minutes, zone)
            end = start + timedelta(minutes=length if kind == "banquet" else min(length, 20 * 60 - minutes))
            all_day = False
        cancelled = self._chance(0.04, 7, 1)
        confidential = self._chance(0.05, 5, 0)
        sequence = rng.choices([0, 1, 2, 3], [50, 25, 15, 10])[0]
        created = min(start - timedelta(days=rng.randint(3, 60)), self.now - timedelta(days=1))
        updated = min(created + timedelta(hours=6 * sequence), self.now)
        zh, en = rng.choice(TITLES[kind])
        city_zh, city_en = city or rng.choice(PARTNER_CITIES)[:2]
        name, address, latitude, longitude = venue
        geo = latitude is not None and rng.random() < 0.5
        if name not in self.keys:
            self.keys[name] = self.venue_key(name)
        self.engagements.append(
            {
                "id": engagement_id,
                "uid": f"{uuid.UUID(int=rng.getrandbits(128), version=4)}@intl-desk",
                "sequence": sequence,
                "delegation_id": delegation_id,
                "kind": kind,
                "title": {"zh_Hant": zh.format(city=city_zh), "en": en.format(city=city_en)},
                "start_dt": start,
                "end_dt": end,
                "timezone": zone,
                "all_day": all_day,
                "venue": name,
                "venue_key": self.keys[name],
                "address": address,
                "city": "高雄市 Kaohsiung" if zone == OFFICE_ZONE else city_en,
                "latitude": latitude if geo else None,
                "longitude": longitude if geo else None,
                "host": "高雄市政府 Kaohsiung City Government" if rng.random() < 0.3 else None,
                "dress_code": "西裝 Business suit" if kind in ("banquet", "ceremony") else None,
                "interpreter": "日語口譯：王小姐 / Japanese interpreter: Ms Wang"
                if rng.random() < 0.2
                else None,
                "notes": "請提前15分鐘抵達。Please arrive 15 minutes early." if rng.random() < 0.2 else None,
                "visibility": "confidential"
                if confidential
                else rng.choice(["public", "internal", "internal"]),
                "status": "cancelled" if cancelled else rng.choices(["tentative", "confirmed"], [15, 85])[0],
                "cancelled_at": updated if cancelled else None,
                "archived_at": None,
                "version": sequence + 1,
                "created_at": created,
                "updated_at": updated,
            }
        )
        people = [("leader", i) for i in self._leaders()]
        if contacts is None and self._chance(0.3, 3, 0):
            contacts = rng.sample(self.contacts, rng.randint(1, 3))
        people += [("contact", i) for i in sorted(set(contacts or []))]
        if delegation_id is not None and self._chance(0.2, 4, 1):
            people.append(("user", self.officer))
        self.participants += [
            {"engagement_id": engagement_id, "kind": kind_, "ref_id": ref} for kind_, ref in people
        ]

    def delegation(self, day: date, engagements: int) -> None:
        rng = self.rng
        delegation_id = self.next_delegation
        self.next_delegation += 1
        outbound = self._chance(0.25, 4, 3)
        length = rng.randint(1, 5)
        end_on = day + timedelta(days=length - 1)
        if outbound:
            city_zh, city_en, zone, venues = rng.choice(DESTINATIONS)
            title = {"zh_Hant": f"市府團訪問{city_zh}", "en": f"City delegation to {city_en}"}
            places = [(v, None, None, None) for v in venues]
        else:
            city_zh, city_en, locale, native = rng.choice(PARTNER_CITIES)
            title = {"zh_Hant": f"{city_zh}友好訪問團", "en": f"{city_en} friendship delegation"}
            if native and locale != "en":
                title = {locale: f"{native} 訪問団" if locale == "ja" else native, **title}
            zone, places = OFFICE_ZONE, TAIPEI_VENUES
        created = min(datetime.combine(day, clock(), UTC) - timedelta(days=rng.randint(30, 120)), self.now)
        self.delegations.append(
            {
                "id": delegation_id,
                "title": title,
                "direction": "outbound" if outbound else "inbound",
                "purpose": "友好交流 / Friendship and exchange",
                "categories": rng.sample(["culture", "trade", "education", "tourism", "technology"], 2),
                "start_on": day,
                "end_on": end_on,
                "status": "done" if end_on < self.now.date() else rng.choice(["proposed", "confirmed"]),
                "lead_officer_id": self.officer if rng.random() < 0.3 else None,
                "budget": rng.randint(5, 100) * 10_000,
                "emergency_contacts": "林怡君 Lin Yi-chun +886 912 345 678",
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }
        )
        members = rng.sample(self.contacts, rng.randint(2, 6))
        for position, contact_id in enumerate(members):
            self.members.append(
                {
                    "id": self.next_member,
                    "delegation_id": delegation_id,
                    "contact_id": contact_id,
                    "role": "head"
                    if position == 0
                    else rng.choice(["member", "member", "interpreter", "press"]),
                    "position": position,
                    "hotel": None if outbound else "漢來大飯店 Grand Hi-Lai",
                    "arrival_flight": None if outbound else "BR 105",
                    "arrival_at": None if outbound else _at(day, 9 * 60, zone),
                    "version": 1,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            self.next_member += 1
        kinds = ["arrival"] + [rng.choice(PROGRAMME_KINDS) for _ in range(engagements - 2)] + ["departure"]
        if self.variety:
            kinds[1] = "transfer"
        for index, kind in enumerate(kinds):
            when = (
                day
                if index == 0
                else end_on
                if index == len(kinds) - 1
                else day + timedelta(days=rng.randint(0, length - 1))
            )
            self.engagement(
                when,
                zone,
                kind,
                rng.choice(places),
                delegation_id,
                (city_zh, city_en),
                contacts=[members[0]] if kind != "transfer" else [],
            )

    def write(self) -> None:
        from intl.delegations.models import Delegation, DelegationMember
        from intl.schedule.models import Engagement, EngagementParticipant

        for model, rows in (
            (Delegation, self.delegations),
            (DelegationMember, self.members),
            (Engagement, self.engagements),
            (EngagementParticipant, self.participants),
        ):
            _insert_chunks(model, rows)
        db.session.commit()


def plan_schedule(
    planner: Planner, rng: random.Random, engagements: int, delegations: int, first: date, last: date
) -> None:
    days, weights = working_days(first, last)
    starts = sorted(rng.choices(days, weights, k=delegations))
    for index, day in enumerate(starts):
        planner.delegation(day, 10 if planner.variety and index == 0 else rng.randint(3, 10))
    standalone = max(0, engagements - len(planner.engagements))
    for day in sorted(rng.choices(days, weights, k=standalone)):
        if planner._chance(0.03, 9, 4):  # a forum abroad, outside any programme
            _zh, city_en, zone, venues = rng.choice(DESTINATIONS)
            planner.engagement(day, zone, "meeting", (rng.choice(venues), None, None, None))
        else:
            planner.engagement(day, OFFICE_ZONE, rng.choice(STANDALONE_KINDS), rng.choice(TAIPEI_VENUES))


def store_all_texts(app, first_id: int) -> tuple[float, int]:
    """Write the stored VEVENTs of every engagement from first_id on, the way saving an engagement does."""
    from intl.schedule.calendar_texts import store_texts
    from intl.schedule.models import Engagement

    ids = list(
        db.session.scalars(select(Engagement.id).where(Engagement.id >= first_id).order_by(Engagement.id))
    )
    start = time.perf_counter()
    with counting_queries(app) as counter:
        for offset in range(0, len(ids), TEXT_CHUNK):
            chunk = ids[offset : offset + TEXT_CHUNK]
            store_texts(list(db.session.scalars(select(Engagement).where(Engagement.id.in_(chunk)))))
            db.session.commit()
            db.session.expunge_all()
    return time.perf_counter() - start, counter["n"]


def fix_postgres_sequences() -> None:
    if db.engine.dialect.name == "postgresql":
        for table in ("leader", "contact", "delegation", "delegation_member", "engagement"):
            db.session.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )
        db.session.commit()


def seed(
    app,
    rng: random.Random,
    engagements: int,
    delegations: int,
    contacts: int,
    first: date,
    last: date,
    variety: bool = False,
    texts: bool = True,
) -> dict:
    from intl.auth.models import User
    from intl.core.db import refresh_statistics
    from intl.schedule.models import Engagement, EngagementCalendarText, Leader

    timings = {}
    with app.app_context():
        mark = time.perf_counter()
        leader_ids = list(db.session.scalars(select(Leader.id).order_by(Leader.position, Leader.id)))
        if not leader_ids:
            leader_ids = seed_leaders()
        officer_id = db.session.scalar(select(User.id).where(User.username == "bench-officer"))
        contact_ids = seed_contacts(rng, contacts)
        planner = Planner(rng, leader_ids, contact_ids, officer_id, variety)
        first_id = planner.next_engagement
        plan_schedule(planner, rng, engagements, delegations, first, last)
        planner.write()
        fix_postgres_sequences()
        refresh_statistics(full=True)  # as `flask analyze` leaves a production database after a bulk load
        db.session.commit()
        timings["rows"] = time.perf_counter() - mark
        # The feeds read the stored texts; --only without them (the clash checks) skips the slow write.
        timings["texts"], timings["texts_queries"] = store_all_texts(app, first_id) if texts else (0.0, 0)
        timings["engagements"] = len(planner.engagements)
        timings["delegations"] = len(planner.delegations)
        timings["participants"] = len(planner.participants)
        timings["text_rows"] = db.session.scalar(
            select(func.count())
            .select_from(EngagementCalendarText)
            .where(EngagementCalendarText.engagement_id >= first_id)
        )
        timings["total_engagements"] = db.session.scalar(select(func.count()).select_from(Engagement))
    print(
        f"seeded {timings['engagements']:,} engagements ({timings['participants']:,} participants), "
        f"{timings['delegations']:,} delegations, {contacts:,} contacts in {timings['rows']:.1f} s; "
        f"stored VEVENT texts: {timings['text_rows']:,} rows in {timings['texts']:.1f} s "
        f"({timings['texts'] * 1000 / max(1, timings['engagements']):.2f} ms per engagement, "
        f"{timings['texts_queries']:,} queries)"
    )
    return timings


# --- what to measure -----------------------------------------------------------------------------------------
def month_bounds(first_of_month: date) -> tuple[date, date]:
    return first_of_month, first_of_month.replace(
        day=monthcal.monthrange(first_of_month.year, first_of_month.month)[1]
    )


def choose_targets(app, within: tuple[date, date] | None = None) -> dict:
    """The mayor, the busiest month and day of the mayor (office time), a delegation of ~10 engagements."""
    from intl.core.time import now_utc
    from intl.schedule.models import Engagement, EngagementParticipant, Leader

    zone = ZoneInfo(OFFICE_ZONE)
    with app.app_context():
        leaders = list(db.session.scalars(select(Leader.id).order_by(Leader.position, Leader.id)))
        mayor, deputy = leaders[0], leaders[1]
        mine = db.session.execute(
            select(Engagement.id, Engagement.start_dt, Engagement.venue_key, Engagement.delegation_id)
            .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
            .where(
                EngagementParticipant.kind == "leader",
                EngagementParticipant.ref_id == mayor,
                Engagement.status != "cancelled",
                Engagement.all_day.is_(False),
            )
        ).all()
        local = [(row, row.start_dt.astimezone(zone)) for row in mine]
        if within:
            local = [(row, moment) for row, moment in local if within[0] <= moment.date() <= within[1]]
        months = Counter(moment.date().replace(day=1) for _row, moment in local)
        month = months.most_common(1)[0][0]
        this_month = now_utc().astimezone(zone).date().replace(day=1)
        recent = max((m for m in months if m <= this_month), default=month)  # the month people open most
        first, last = month_bounds(month)
        begin = datetime.combine(first, clock(), zone)
        finish = datetime.combine(last + timedelta(days=1), clock(), zone)
        confidential_delegations = db.session.scalar(
            select(func.count(func.distinct(Engagement.delegation_id)))
            .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
            .where(
                EngagementParticipant.kind == "leader",
                EngagementParticipant.ref_id == mayor,
                Engagement.visibility == "confidential",
                Engagement.delegation_id.is_not(None),
                Engagement.start_dt < finish,
                Engagement.end_dt > begin,
            )
        )
        days = Counter(moment.date() for _row, moment in local if moment.date().replace(day=1) == month)
        day = days.most_common(1)[0][0]
        on_day = sorted((moment, row) for row, moment in local if moment.date() == day)
        moment, row = on_day[len(on_day) // 2]
        counts = db.session.execute(
            select(Engagement.delegation_id, func.count())
            .where(Engagement.delegation_id.is_not(None))
            .group_by(Engagement.delegation_id)
            .order_by(func.count().desc(), Engagement.delegation_id)
        ).all()
        delegation_id, delegation_size = counts[0]
        contacts = list(
            db.session.scalars(
                select(EngagementParticipant.ref_id)
                .where(
                    EngagementParticipant.kind == "contact",
                    EngagementParticipant.engagement_id.in_([r.id for _m, r in on_day]),
                )
                .distinct()
                .order_by(EngagementParticipant.ref_id)
                .limit(2)
            )
        )
        nearby = db.session.scalar(
            select(Engagement.delegation_id)
            .where(
                Engagement.delegation_id.is_not(None),
                Engagement.start_dt >= moment - timedelta(days=3),
                Engagement.start_dt <= moment + timedelta(days=3),
            )
            .order_by(Engagement.start_dt)
            .limit(1)
        )
        abroad = abroad_slot(mayor, local)
    return {
        "mayor": mayor,
        "deputy": deputy,
        "month": month,
        "month_count": months[month],
        "recent": recent,
        "recent_count": months[recent],
        "confidential_delegations": confidential_delegations,
        "day": day,
        "day_count": days[day],
        "slot": moment,
        "venue_key": row.venue_key,
        "contacts": contacts,
        "clash_delegation": nearby or row.delegation_id or delegation_id,
        "abroad": abroad,
        "delegation": delegation_id,
        "delegation_size": delegation_size,
    }


def abroad_slot(mayor: int, local: list) -> dict:
    """A slot one hour after one of the mayor's engagements abroad (the latest), in that place's zone."""
    from intl.schedule.models import Engagement

    abroad = [row for row, _moment in local if row.delegation_id]
    candidates = db.session.scalars(
        select(Engagement)
        .where(Engagement.id.in_([row.id for row in abroad]), Engagement.timezone != OFFICE_ZONE)
        .order_by(Engagement.start_dt.desc())
        .limit(1)
    ).all()
    if not candidates:
        return {"local": "2025-03-10T10:00", "zone": OFFICE_ZONE, "city": ""}
    there = candidates[0]
    moment = there.end_dt.astimezone(ZoneInfo(there.timezone)).replace(tzinfo=None) + timedelta(hours=1)
    return {"local": moment.isoformat(timespec="minutes"), "zone": there.timezone, "city": there.city or ""}


def make_feed_token(app, leader_id: int) -> str:
    from intl.auth.models import User
    from intl.core.time import now_utc
    from intl.schedule.feeds import new_token
    from intl.schedule.models import FeedToken

    with app.app_context():
        secret, digest = new_token()
        owner = db.session.scalar(select(User.id).where(User.username == "bench-officer"))
        db.session.add(
            FeedToken(
                token_hash=digest,
                owner_id=owner,
                leader_id=leader_id,
                scope="full",
                locale="zh_Hant_TW",
                label="bench",
                created_at=now_utc(),
            )
        )
        db.session.commit()
    return secret


def measure_status(app, name: str, request, runs: int, status: int, warmup: int = 5) -> dict:
    """common.measure for a response other than 200 (the 304 of a conditional request)."""
    for _ in range(warmup):
        response = request()
        assert response.status_code == status, (name, response.status_code)
    with counting_queries(app) as counter:
        request()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = request()
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == status, (name, response.status_code)
    return _figures(timings, counter)


def measure_call(app, function, runs: int, warmup: int = 5) -> dict:
    """Time a function called inside an app context (a fresh session each time, as a request has)."""
    for _ in range(warmup):
        with app.app_context():
            function()
    with counting_queries(app) as counter, app.app_context():
        function()
    timings = []
    for _ in range(runs):
        with app.app_context():
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
    return _figures(timings, counter)


def _figures(timings: list[float], counter: dict) -> dict:
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "queries": counter["n"],
        **most_repeated(counter),
    }


def has_calendar_events(app) -> bool:
    return any(
        rule.endpoint == "schedule.calendar_events" or rule.rule == "/schedule/events.json"
        for rule in app.url_map.iter_rules()
    )


@contextmanager
def full_collections():
    """The pauses (ms) of the garbage collector's full (generation 2) passes while the block runs."""
    pauses, started = [], {}

    def callback(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                started["at"] = time.perf_counter()
            elif "at" in started:
                pauses.append((time.perf_counter() - started.pop("at")) * 1000)

    gc.callbacks.append(callback)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(callback)


def probe_url(
    start: datetime,
    end: datetime | None,
    zone: str,
    leaders: list[int],
    contacts: list[int] = (),
    city: str = "",
    kind: str = "meeting",
) -> str:
    """The live check's question as the engagement form's script asks it (static/js/app.js): every box of the
    form as typed (an ISO date and HH:MM; an end left empty means an hour), the place's fields, then the ticked
    leaders and the chosen contacts."""
    params = [
        ("start_on", start.date().isoformat()),
        ("start_time", start.strftime("%H:%M")),
        ("end_on", "" if end is None or end.date() == start.date() else end.date().isoformat()),
        ("end_time", "" if end is None else end.strftime("%H:%M")),
        ("timezone", zone),
        ("venue", ""),
        ("kind", kind),
        ("city", city),
        ("latitude", ""),
        ("longitude", ""),
        ("travel", ""),
    ]
    params += [("leader", str(i)) for i in leaders] + [("contact", str(i)) for i in contacts]
    return "/engagements/clashes?" + urlencode(params)


def run_pages(
    app, client, feed_client, secret: str, targets: dict, runs: int, only: str | None = None
) -> dict:
    from intl.schedule.clashes import Candidate, find_clashes, presence_clashes

    results = {}

    def wanted(name: str) -> bool:
        return not only or any(part in name for part in only.split(","))

    def timed(name: str, figures_of) -> None:
        if not wanted(name):
            return
        with full_collections() as pauses:
            figures = figures_of()
        figures["full_gc_passes"] = len(pauses)  # warm-up and timed runs together
        figures["full_gc_max_ms"] = round(max(pauses, default=0), 1)
        results[name] = figures

    mayor = targets["mayor"]
    first, last = month_bounds(targets["month"])
    month_url = f"/schedule/agenda?leader={mayor}&from={first}&to={last}"
    timed("leader month view", lambda: measure(app, "month", lambda: client.get(month_url), runs))
    recent_first, recent_last = month_bounds(targets["recent"])
    recent_url = f"/schedule/agenda?leader={mayor}&from={recent_first}&to={recent_last}"
    timed(
        "leader month view, latest month",
        lambda: measure(app, "recent", lambda: client.get(recent_url), runs),
    )
    if has_calendar_events(app):
        grid = first - timedelta(days=(first.weekday() + 1) % 7)  # the 6-week grid, weeks from Sunday (zh_TW)
        events_url = f"/schedule/events.json?start={grid}&end={grid + timedelta(days=42)}&leader={mayor}"
        timed(
            "calendar month events (JSON)",
            lambda: measure(app, "events", lambda: client.get(events_url), runs),
        )
    itinerary_url = f"/delegations/{targets['delegation']}"
    timed(
        "delegation itinerary page",
        lambda: measure(app, "itinerary", lambda: client.get(itinerary_url), runs),
    )

    feed_url = f"/feeds/{secret}.ics"
    timed(
        "leader feed, cold",
        lambda: measure(app, "feed", lambda: feed_client.get(feed_url), min(runs, FEED_RUNS), warmup=2),
    )
    etag = {"If-None-Match": feed_client.get(feed_url).headers["ETag"]} if wanted("leader feed, 304") else {}
    timed(
        "leader feed, 304",
        lambda: measure_status(app, "feed 304", lambda: feed_client.get(feed_url, headers=etag), runs, 304),
    )

    slot = targets["slot"]
    leaders, contacts = [mayor, targets["deputy"]], targets["contacts"]

    def clash():
        return find_clashes(
            slot,
            slot + timedelta(hours=1),
            leaders,
            contacts,
            targets["venue_key"],
            exclude_id=None,
            delegation_id=targets["clash_delegation"],
        )

    timed("clash check (find_clashes)", lambda: measure_call(app, clash, runs))
    with app.app_context():
        targets["clashes_found"] = len(clash())
    local = slot.astimezone(ZoneInfo(OFFICE_ZONE)).replace(tzinfo=None)
    clash_url = probe_url(local, local + timedelta(hours=1), OFFICE_ZONE, leaders, contacts=contacts)
    timed("clash check (HTTP)", lambda: measure(app, "clash http", lambda: client.get(clash_url), runs))

    # Presence (issue 13): away on a trip, out of reach of the engagement before or after. At home in the
    # office's zone on the busiest day, and abroad in the zone of the mayor's latest trip before it.
    home = Candidate("meeting", slot, slot + timedelta(hours=1), OFFICE_ZONE, "Kaohsiung")

    def presence():
        return presence_clashes(home, leaders, None)

    timed("presence check (function)", lambda: measure_call(app, presence, runs))
    presence_url = probe_url(
        local, local + timedelta(hours=1), OFFICE_ZONE, leaders, contacts=contacts, city="Kaohsiung"
    )
    timed(
        "presence + clash check (HTTP)",
        lambda: measure(app, "presence http", lambda: client.get(presence_url), runs),
    )
    abroad = targets["abroad"]
    abroad_url = probe_url(
        datetime.fromisoformat(abroad["local"]), None, abroad["zone"], [mayor], city=abroad["city"]
    )
    timed(
        "presence + clash check abroad (HTTP)",
        lambda: measure(app, "presence abroad", lambda: client.get(abroad_url), runs),
    )
    day_url = "/engagements/days?" + urlencode(
        {"start_on": local.date().isoformat(), "timezone": OFFICE_ZONE}
    )
    timed("day notes check (HTTP)", lambda: measure(app, "day notes", lambda: client.get(day_url), runs))
    with app.app_context():
        targets["presence_found"] = len(presence())
    clashes_url = f"/schedule/clashes?leader={mayor}&from={targets['day'] - timedelta(days=7)}&weeks=6"
    timed(
        "clashes page (6 weeks)", lambda: measure(app, "clashes page", lambda: client.get(clashes_url), runs)
    )
    return results


def feed_facts(app, feed_client, secret: str) -> dict:
    """Size, VEVENT count and whether the body parses; and once, the same feed with no stored texts."""
    import icalendar

    from intl.schedule.models import EngagementCalendarText

    body = feed_client.get(f"/feeds/{secret}.ics").get_data()
    start = time.perf_counter()
    parsed = icalendar.Calendar.from_ical(body)
    parse_s = time.perf_counter() - start
    events = body.count(b"BEGIN:VEVENT")
    assert len(parsed.walk("VEVENT")) == events, "the feed does not parse into its VEVENTs"
    zones = [str(z.get("tzid")) for z in parsed.walk("VTIMEZONE")]
    with app.app_context():
        deleted = db.session.execute(delete(EngagementCalendarText)).rowcount
        db.session.commit()
    with counting_queries(app) as counter:
        start = time.perf_counter()
        response = feed_client.get(f"/feeds/{secret}.ics")
        rebuild_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200 and response.get_data() == body, "the rebuilt feed differs"
    return {
        "bytes": len(body),
        "vevents": events,
        "vtimezones": zones,
        "parse_s": parse_s,
        "texts_deleted": deleted,
        "rebuild": {"p50_ms": round(rebuild_ms, 2), "p95_ms": round(rebuild_ms, 2), "queries": counter["n"]},
    }


TARGETS = {
    "leader month view": ("p95 < 50 ms", 50),
    "leader month view, latest month": ("p95 < 50 ms", 50),
    "calendar month events (JSON)": ("p95 < 50 ms", 50),
    "delegation itinerary page": ("p95 < 50 ms", 50),
    "leader feed, cold": ("p95 < 1 s", 1000),
    "leader feed, 304": ("p95 < 5 ms", 5),
    "clash check (find_clashes)": ("p95 < 20 ms", 20),
    "clash check (HTTP)": ("p95 < 20 ms (as the form sees it)", 20),
    "presence check (function)": ("p95 < 20 ms", 20),
    "presence + clash check (HTTP)": ("p95 < 20 ms (the live check)", 20),
    "presence + clash check abroad (HTTP)": ("p95 < 20 ms (the live check)", 20),
    "day notes check (HTTP)": ("p95 < 20 ms (the form's other live check)", 20),
    "clashes page (6 weeks)": ("p95 < 50 ms", 50),
}


def main() -> None:
    args = parse_args(__doc__, only=True)
    feeds = not args.only or "feed" in args.only  # only the feeds read the stored texts
    engagements = max(50, int(ENGAGEMENTS * args.scale))
    delegations = max(2, int(DELEGATIONS * args.scale))
    contacts = max(20, int(CONTACTS * args.scale))

    app = make_app(workdir())
    client = signed_in_client(app)
    feed_client = app.test_client()  # calendar clients have no session

    # The tiny seed: one month, one delegation of 10 engagements and a dozen standalone ones.
    tiny_first, tiny_last = month_bounds(TINY_MONTH)
    seed(app, random.Random(1), 22, 1, 10, tiny_first, tiny_last, variety=True, texts=feeds)
    secret = make_feed_token(app, choose_targets(app)["mayor"])
    small = run_pages(app, client, feed_client, secret, choose_targets(app), runs=10, only=args.only)

    timings = seed(
        app,
        random.Random(2),
        engagements - 22,
        delegations - 1,
        contacts - 10,
        FIRST_DAY,
        LAST_DAY,
        texts=feeds,
    )
    targets = choose_targets(app)
    print(
        f"mayor's busiest month {targets['month']:%Y-%m} ({targets['month_count']} engagements, confidential ones "
        f"of {targets['confidential_delegations']} delegations), latest month {targets['recent']:%Y-%m} "
        f"({targets['recent_count']}), busiest day {targets['day']} ({targets['day_count']}); delegation "
        f"#{targets['delegation']} with {targets['delegation_size']} engagements"
    )
    results = run_pages(app, client, feed_client, secret, targets, args.runs, only=args.only)
    print(
        f"clash check finds {targets['clashes_found']} clashes for a 1-hour slot at {targets['slot']:%Y-%m-%d %H:%M}Z"
        f" (presence: {targets['presence_found']})"
    )
    for name, figures in results.items():
        figures["queries_at_tiny_seed"] = small[name]["queries"]
    facts = feed_facts(app, feed_client, secret) if "leader feed, cold" in results else None
    if facts:
        results["leader feed, cold"].update(bytes=facts["bytes"], vevents=facts["vevents"])
        results["feed, texts not stored"] = facts["rebuild"]
    results["seed: store_texts, all"] = {
        "p50_ms": round(timings["texts"] * 1000, 1),
        "p95_ms": round(timings["texts"] * 1000, 1),
        "queries": timings["texts_queries"],
        "engagements": timings["engagements"],
        "rows": timings["text_rows"],
    }
    labels = {name: label for name, (label, _limit) in TARGETS.items()}
    labels["feed, texts not stored"] = "info: one request, rebuilds all"
    labels["seed: store_texts, all"] = f"info: write-time cost, {timings['engagements']:,} engagements"
    report(
        f"The leaders' schedule at {timings['total_engagements']:,} engagements, "
        f"{delegations:,} delegations, 5 leaders (in-process, warm)",
        results,
        args,
        labels,
    )

    if facts:
        print(
            f"\nfeed: {facts['bytes']:,} bytes, {facts['vevents']:,} VEVENTs, VTIMEZONEs {', '.join(facts['vtimezones'])}; "
            f"parses with icalendar.Calendar.from_ical ({facts['parse_s']:.1f} s); rebuilt without stored texts "
            f"({facts['texts_deleted']:,} rows deleted first) it is byte-identical"
        )
    paused = [
        f"{n} {results[n]['full_gc_passes']} (up to {results[n]['full_gc_max_ms']:.0f} ms)"
        for n in small
        if results[n]["full_gc_passes"]
    ]
    print(
        "full garbage-collection passes during a measurement (warm-up included):", ", ".join(paused) or "none"
    )
    print("queries at the tiny seed:", ", ".join(f"{n} {small[n]['queries']}" for n in small))
    changed = [n for n in small if results[n]["queries"] != small[n]["queries"]]
    print(
        "queries per request constant from the tiny seed:",
        "yes"
        if not changed
        else "NO: " + ", ".join(f"{n} {small[n]['queries']} -> {results[n]['queries']}" for n in changed),
    )
    # A count can differ by what a probe's weeks hold (a programme abroad in them, a transfer, an officer
    # taking part: each asks its statement, or none when there is nothing to load). A query per row is one
    # statement run once per row: the most times any one statement ran, at the tiny seed and at full size,
    # shows it (the statement named when it ran more than once).
    print(
        "most times one statement ran in a request, tiny seed -> full size (a query per row would run once per row):"
    )
    for name in small:
        full = results[name].get("most_repeated", 0)
        said = f" ({results[name]['most_repeated_statement'][:110]}...)" if full > 1 else ""
        print(f"  {name}: {small[name].get('most_repeated', 0)} -> {full}{said}")
    cpu = [
        f"{n} {f['cpu_p50_ms']:.1f}/{f['cpu_p95_ms']:.1f}" for n, f in results.items() if "cpu_p50_ms" in f
    ]
    print("CPU time of the serving thread, p50/p95 ms (a shared machine's wall time also waits for a core):")
    print("  " + ", ".join(cpu))
    for name, (label, limit) in TARGETS.items():
        if name in results:
            met = results[name]["p95_ms"] < limit
            print(
                f"{name:32} {label:38} {'met' if met else 'NOT MET'} (p95 {results[name]['p95_ms']:.2f} ms)"
            )


if __name__ == "__main__":
    main()
