"""Demo internship data: a summer work-study programme with two positions, two applications (one accepted
and placed, one shortlisted with an interview on the schedule) and the demo intern's log.

The programme's dates are set around today so that the demo intern can log hours at once. Runs once: a
second call finds the programme and does nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.time import office_today, office_zone
from ..delegations.models import Delegation
from ..organizations.models import Organization
from . import placement_services, services
from .models import InternshipProgramme

TITLE = {
    "zh_Hant": "新南向國際學生暑期工讀",
    "en": "New Southbound summer work-study for international students",
}


def _bureau(chinese: str) -> int | None:
    for organization in db.session.scalars(select(Organization).where(Organization.kind == "city_bureau")):
        if organization.names.get("zh_Hant") == chinese:
            return organization.id
    return None


def _weekdays_before(day: date, count: int, not_before: date) -> list[date]:
    days = []
    while len(days) < count and day > not_before:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def load_internship_demo() -> None:
    intern, officer = find_user("intern"), find_user("officer")
    if intern is None or officer is None:
        return
    if any(p.title.get("en") == TITLE["en"] for p in db.session.scalars(select(InternshipProgramme))):
        return
    today = office_today()
    start, end = today - timedelta(days=24), today + timedelta(days=38)
    programme = services.create_programme(
        title=LocalizedText(TITLE),
        kind="work_study",
        term="summer",
        year=start.year,
        start_on=start,
        end_on=end,
        apply_by=start - timedelta(days=30),
        coordinator_id=officer.id,
        description="暑期工讀：協助外賓接待、新南向國家城市交流資料與活動。\n"
        "Summer work-study: receiving foreign guests, New Southbound city exchange research and events.",
    )
    exchange = services.create_position(
        programme,
        title=LocalizedText({"zh_Hant": "國際交流助理", "en": "International exchange assistant"}),
        host_organization_id=_bureau("高雄市政府秘書處"),
        host_unit="國際事務科 International Affairs Section",
        supervisor_id=officer.id,
        languages=["en", "vi", "zh"],
        places=2,
        description="協助接待來訪團、翻譯簡報資料。Helps receive delegations and translates briefing notes.",
    )
    services.create_position(
        programme,
        title=LocalizedText(
            {"zh_Hant": "新南向經貿研究助理", "en": "New Southbound trade research assistant"}
        ),
        host_organization_id=_bureau("高雄市政府經濟發展局"),
        host_unit="國際經貿科 International Trade Section",
        supervisor_id=officer.id,
        languages=["en", "id", "ms"],
        places=1,
    )
    placed = services.create_application(
        programme,
        position_id=exchange.id,
        name="Nguyễn Thị Mai",
        email="mai.nguyen@example.edu.tw",
        nationality="VN",
        school="國立中山大學 National Sun Yat-sen University",
        department="國際經營管理碩士學程 International Business",
        study_level="master",
        study_year=1,
        languages=[["vi", "native"], ["en", "C1"], ["zh", "B2"]],
    )
    for status in ("shortlisted", "interviewed", "offered", "accepted"):
        services.change_status(placed, status)
    interviewee = services.create_application(
        programme,
        position_id=exchange.id,
        name="Siti Nurhaliza binti Ahmad",
        email="siti.ahmad@example.edu.tw",
        nationality="MY",
        school="高雄醫學大學 Kaohsiung Medical University",
        department="公共衛生學系 Public Health",
        study_level="bachelor",
        study_year=3,
        languages=[["ms", "native"], ["en", "C1"], ["zh", "B1"]],
    )
    day = today + timedelta(days=3)
    services.schedule_interview(
        interviewee,
        datetime.combine(day, time(10, 0), office_zone()),
        datetime.combine(day, time(10, 30), office_zone()),
        "高雄市政府四維行政中心 8樓會議室",
        [officer.id],
    )
    placement = placement_services.create_placement(
        exchange,
        placed,
        intern_id=intern.id,
        supervisor_id=officer.id,
        start_on=start,
        end_on=end,
        weekly_hours=20,
        working_hours="週一至週五 09:00–13:00 Mon–Fri 09:00–13:00",
    )
    delegation = db.session.scalars(select(Delegation).order_by(Delegation.start_on)).first()
    work = [
        ("整理越南峴港市交流資料 Background notes on Da Nang for the partnership file", 240, None),
        ("翻譯歡迎詞（越文）Translated the welcome speech into Vietnamese", 180, delegation),
        ("協助準備來訪團資料袋 Prepared the visitors' welcome packs", 210, delegation),
        ("新南向活動報名資料整理 Sorted the registrations for the job fair", 150, None),
        ("更新合作城市聯絡人名單 Updated the partner cities' contact list", 120, None),
    ]
    days = _weekdays_before(today + timedelta(days=1), len(work), start)
    fates = ["approved", "approved", "submitted", "returned", "draft"]
    for (text, minutes, served), work_on, fate in zip(work, days, fates, strict=False):
        entry = placement_services.add_entry(
            placement,
            submit=fate != "draft",
            work_on=work_on,
            minutes=minutes,
            description=text,
            served_kind="delegation" if served is not None else None,
            served_id=served.id if served is not None else None,
        )
        if fate == "approved":
            placement_services.approve_entry(entry)
        elif fate == "returned":
            placement_services.return_entry(
                entry, "請補充處理了幾筆資料。Please say how many registrations you sorted."
            )
    db.session.flush()
