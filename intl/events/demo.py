"""Demo programmes: a lecture series with two lectures, a 'See Kaohsiung' event with registrations and a
waitlist, and a staff course with sessions, enrolments and attendance. Built through the services, so that the
calendar entries, search index and audit log are what the product itself writes.

`load_programmes_demo()` runs after the demo office (users, leaders, organizations, contacts) is loaded and
does nothing when its event already exists.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..auth.services import find_user
from ..contacts.models import Affiliation, Contact
from ..core.db import db
from ..organizations.models import Organization
from ..schedule.models import Leader
from .models import Event

ZONE = ZoneInfo("Asia/Taipei")
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


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE)


def _contacts_at(kind: str, limit: int) -> list[Contact]:
    return list(
        db.session.scalars(
            select(Contact)
            .join(Affiliation, Affiliation.contact_id == Contact.id)
            .join(Organization, Organization.id == Affiliation.organization_id)
            .where(Organization.kind == kind, Contact.archived_at.is_(None), Affiliation.is_current.is_(True))
            .order_by(Contact.id)
            .limit(limit)
        )
    )


def load_programmes_demo() -> None:
    if db.session.scalar(select(Event.id).where(Event.kind == "see_kaohsiung").limit(1)) is not None:
        return
    today = date.today()
    officer, officer2 = find_user("officer"), find_user("officer2")
    intern, intern2 = find_user("intern"), find_user("intern2")
    leaders = list(db.session.scalars(select(Leader).order_by(Leader.position, Leader.id)))
    deputy = leaders[1] if len(leaders) > 1 else (leaders[0] if leaders else None)
    _lectures(today, officer, deputy)
    _event(today, officer, intern, deputy)
    _course(today, officer2 or officer, [u for u in (intern, intern2) if u])
    db.session.flush()


def _lectures(today: date, officer, deputy) -> None:
    from ..events.registrations import register_guest
    from ..lectures.services import create_lecture, create_series, open_registration

    university = db.session.scalars(
        select(Organization).where(Organization.kind == "university").order_by(Organization.id).limit(1)
    ).first()
    speakers = _contacts_at("embassy", 2) or list(db.session.scalars(select(Contact).limit(2)))
    series = create_series(
        title={
            "zh_Hant": "外交講座：印太與城市外交",
            "en": "Diplomatic lectures: the Indo-Pacific and city diplomacy",
        },
        university_id=university.id if university else None,
        term="115學年度第1學期",
        start_on=today - timedelta(days=30),
        end_on=today + timedelta(days=90),
        lead_officer_id=officer.id if officer else None,
        description="與在地大學合辦，邀請駐台使節與外交官主講。",
    )
    past_day, next_day = today - timedelta(days=14), today + timedelta(days=21)
    hosts = {
        "host_leader_ids": [deputy.id] if deputy else [],
        "host_user_ids": [officer.id] if officer else [],
    }
    create_lecture(  # held: its head count is the attendance
        series,
        topic={"zh_Hant": "新南向政策下的城市交流", "en": "City exchanges under the New Southbound Policy"},
        speaker_id=speakers[0].id if speakers else None,
        speaker_role="representative",
        start_dt=_at(past_day, 14),
        end_dt=_at(past_day, 16),
        venue="國立中山大學 國際會議廳",
        moderator="政治學研究所 陳教授",
        audience_size=120,
        attendance=108,
        status="done",
        report="108 位師生參加；問答聚焦於青年交流與實習機會。",
        **hosts,
    )
    upcoming = create_lecture(
        series,
        topic={"zh_Hant": "印太局勢與地方外交", "en": "The Indo-Pacific and local diplomacy"},
        speaker_id=speakers[-1].id if speakers else None,
        speaker_role="envoy",
        start_dt=_at(next_day, 14),
        end_dt=_at(next_day, 16),
        venue="文藻外語大學 至善樓",
        moderator="國際事務系 林教授",
        audience_size=80,
        status="confirmed",
        **hosts,
    )
    event = open_registration(upcoming, 80)
    for name, alt, domain, organization, country, _needs in GUESTS[:5]:
        register_guest(
            event,
            consent=True,
            name=name,
            alt_name=alt,
            email=f"{name.split()[0].lower()}.lecture@{domain}",
            organization=organization,
            country=country,
            locale="en" if country != "TW" else "zh_Hant_TW",
        )


def _event(today: date, officer, intern, deputy) -> None:
    from ..contacts.models import Contact as ContactModel
    from ..events.registrations import cancel_registration, check_in, invite_contacts, register_guest
    from ..events.services import add_session, create_event

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
        start_dt=_at(day, 9),
        end_dt=_at(day, 16, 30),
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
            start_dt=_at(day, *start),
            end_dt=_at(day, *end),
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
    invite_contacts(event, list(db.session.scalars(select(ContactModel).order_by(ContactModel.id).limit(3))))


def _course(today: date, organizer, staff) -> None:
    from ..courses.services import add_session, create_course, enrol, set_attendance

    bureaus = list(
        db.session.scalars(
            select(Organization).where(Organization.kind == "city_bureau").order_by(Organization.id).limit(3)
        )
    )
    course = create_course(
        title={"zh_Hant": "國際禮賓實務", "en": "Protocol in practice"},
        topic="protocol",
        language="zh",
        capacity=30,
        organizer_id=organizer.id if organizer else None,
        status="running",
        description="接待外賓、座次安排、國旗禮儀與贈禮規範。",
    )
    enrolments = [enrol(course, user_id=user.id, name=user.display_name) for user in staff]
    for index, (name, email) in enumerate(
        [
            ("王怡君", "yichun.wang@kcg.example.tw"),
            ("李建宏", "chienhung.lee@kcg.example.tw"),
            ("張淑惠", None),
        ]
    ):
        bureau = bureaus[index % len(bureaus)] if bureaus else None
        enrolments.append(enrol(course, name=name, email=email, bureau_id=bureau.id if bureau else None))
    sessions = []
    for offset, (title, trainer) in enumerate(
        [
            ({"zh_Hant": "外賓接待與座次", "en": "Receiving guests and seating"}, "外交部禮賓處 講師"),
            ({"zh_Hant": "國旗與贈禮禮儀", "en": "Flags and gifts"}, "禮賓科 陳科長"),
            ({"zh_Hant": "宴會實務演練", "en": "Banquet practice"}, "高雄餐旅大學 講師"),
        ]
    ):
        day = today + timedelta(days=7 * offset - 14)
        sessions.append(
            add_session(
                course,
                title=title,
                start_dt=_at(day, 9),
                end_dt=_at(day, 12),
                venue="四維行政中心 10樓 第三會議室",
                trainer_name=trainer,
            )
        )
    set_attendance(sessions[0], {e.id for e in enrolments})
    set_attendance(sessions[1], {e.id for e in enrolments[:-1]})
