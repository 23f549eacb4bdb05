"""Demo course: a protocol course for the city's staff, with colleagues enrolled (two with accounts), three
sessions on the schedule and the attendance of the first two. Built through the services, as the product
writes them; runs after the demo office is loaded and does nothing when the course exists.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..core.db import db
from ..core.time import office_today, office_zone
from ..organizations.models import Organization
from .models import Course
from .services import add_session, create_course, enrol, set_attendance

COURSE_TITLE = {"zh_Hant": "國際禮賓實務", "en": "Protocol in practice"}


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), office_zone())


def load_course_demo() -> None:
    if any(c.title.get("en") == COURSE_TITLE["en"] for c in db.session.scalars(select(Course))):
        return
    officer = find_user("officer2") or find_user("officer")
    staff = [user for user in (find_user("intern"), find_user("intern2")) if user]
    _course(office_today(), officer, staff)
    db.session.flush()


def _course(today: date, organizer, staff) -> None:
    bureaus = list(
        db.session.scalars(
            select(Organization).where(Organization.kind == "city_bureau").order_by(Organization.id).limit(3)
        )
    )
    course = create_course(
        title=COURSE_TITLE,
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
                start_dt=at(day, 9),
                end_dt=at(day, 12),
                venue="四維行政中心 10樓 第三會議室",
                trainer_name=trainer,
            )
        )
    set_attendance(sessions[0], {e.id for e in enrolments})
    set_attendance(sessions[1], {e.id for e in enrolments[:-1]})
