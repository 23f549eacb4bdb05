"""Demo event: a 'See Kaohsiung' day with its programme, registrations, a waitlist, a check-in and three
invitations. Built through the services, so that the calendar entries, search index and audit log are what the
product itself writes. (The lectures' and courses' demo records are theirs: intl/lectures/demo.py,
intl/courses/demo.py.)

`load_event_demo()` runs after the demo office (users, leaders, organizations, contacts) is loaded and does
nothing when its event already exists.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..contacts.models import Contact
from ..core.db import db
from ..core.time import office_today, office_zone
from ..schedule.models import Leader
from .models import Event
from .registrations import cancel_registration, check_in, invite_contacts, register_guest
from .services import add_session, create_event

EVENT_TITLE = {
    "zh_Hant": "看見高雄：國際學生城市導覽",
    "en": "See Kaohsiung: a city tour for international students",
}
GUESTS = [  # name, name in another script, e-mail domain, organization, country, needs
    ("Nguyễn Thị Lan", "阮氏蘭", "example.vn", "國立中山大學", "VN", None),
    ("Somchai Jaidee", None, "example.th", "國立高雄大學", "TH", "Halal"),
    ("Siti Aminah binti Yusof", None, "example.my", "文藻外語大學", "MY", "Halal"),
    ("Rahul Sharma", None, "example.in", "國立中山大學", "IN", "Vegetarian"),
    ("佐藤 美咲", "Misaki Sato", "example.jp", "國立中山大學", "JP", None),
    ("Kim Min-jun", "김민준", "example.kr", "高雄醫學大學", "KR", None),
    ("Maria Santos", None, "example.ph", "文藻外語大學", "PH", None),
    ("Budi Santoso", None, "example.id", "國立高雄科技大學", "ID", "Halal"),
    ("Anna Müller", None, "example.de", "國立中山大學", "DE", "Vegetarian"),
    ("James Wilson", None, "example.au", "國立高雄大學", "AU", None),
    ("Trần Minh Đức", "陳明德", "example.vn", "國立高雄科技大學", "VN", None),
    ("Aye Aye Myint", None, "example.mm", "文藻外語大學", "MM", None),
    ("Nurul Huda", None, "example.bd", "國立中山大學", "BD", "Halal"),
    ("陳雅婷", "Chen Ya-ting", "example.tw", "國立中山大學", "TW", None),
]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """That day's hour in the office's zone (the demo's places are in the city)."""
    return datetime.combine(day, time(hour, minute), office_zone())


def load_event_demo() -> None:
    if db.session.scalar(select(Event.id).where(Event.kind == "see_kaohsiung").limit(1)) is not None:
        return
    officer, intern = find_user("officer"), find_user("intern")
    leaders = list(db.session.scalars(select(Leader).order_by(Leader.position, Leader.id)))
    deputy = leaders[1] if len(leaders) > 1 else (leaders[0] if leaders else None)
    _event(office_today(), officer, intern, deputy)
    db.session.flush()


def _event(today: date, officer, intern, deputy) -> None:
    day = today + timedelta(days=10)
    event = create_event(
        title=EVENT_TITLE,
        kind="see_kaohsiung",
        audiences=["international_students"],
        description={
            "zh_Hant": "帶領國際學生認識高雄港、駁二藝術特區與城市發展，並與副市長座談。",
            "en": "A day in the harbour city for international students: the port, the Pier-2 Art Center and a talk "
            "with the Deputy Mayor.",
        },
        start_dt=at(day, 9),
        end_dt=at(day, 16, 30),
        venue="駁二藝術特區 Pier-2 Art Center",
        address="高雄市鹽埕區大勇路1號",
        capacity=12,
        languages=["zh", "en"],
        registration_mode="open",
        visibility="public",
        status="confirmed",
        budget=150000,
        lead_officer_id=officer.id if officer else None,
        host_leader_ids=[deputy.id] if deputy else [],
        staff_user_ids=[intern.id] if intern else [],
    )
    for title, start, end, leaders in (
        (
            {"zh_Hant": "副市長歡迎致詞", "en": "Welcome by the Deputy Mayor"},
            (9, 30),
            (10, 0),
            [deputy.id] if deputy else [],
        ),
        ({"zh_Hant": "高雄港遊港", "en": "Harbour cruise"}, (10, 30), (12, 0), []),
        ({"zh_Hant": "駁二藝術特區導覽", "en": "Pier-2 Art Center tour"}, (13, 30), (15, 30), []),
    ):
        add_session(
            event,
            {"leader": leaders, "user": [officer.id] if officer else []},
            title=title,
            start_dt=at(day, *start),
            end_dt=at(day, *end),
            venue=event.venue,
            status="confirmed",
        )
    guests = []
    for name, alt, domain, organization, country, needs in GUESTS:
        guests.append(
            register_guest(
                event,
                consent=True,
                name=name,
                alt_name=alt,
                email=f"{name.split()[0].lower()}@{domain}",
                organization=organization,
                country=country,
                needs_notes=needs,
                locale="zh_Hant_TW" if country == "TW" else "en",
            )
        )
    cancel_registration(guests[3])  # a seat freed: the office can give it to the waitlist's first
    check_in(guests[0])
    invite_contacts(event, list(db.session.scalars(select(Contact).order_by(Contact.id).limit(3))))
