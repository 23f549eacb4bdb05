"""Demo lectures: a diplomatic lecture series with a local university, one lecture held (with its head count
and report) and one to come that takes registrations through an event. Built through the services, as the
product writes them; runs after the demo office is loaded and does nothing when the series exists.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.services import find_user
from ..contacts.models import Affiliation, Contact
from ..core.db import db
from ..core.time import office_today
from ..events.demo import GUESTS, at
from ..events.registrations import register_guest
from ..organizations.models import Organization
from ..schedule.models import Leader
from .models import LectureSeries
from .services import create_lecture, create_series, open_registration

SERIES_TITLE = {
    "zh_Hant": "外交講座：印太與城市外交",
    "en": "Diplomatic lectures: the Indo-Pacific and city diplomacy",
}


def load_lecture_demo() -> None:
    if any(s.title.get("en") == SERIES_TITLE["en"] for s in db.session.scalars(select(LectureSeries))):
        return
    leaders = list(db.session.scalars(select(Leader).order_by(Leader.position, Leader.id)))
    deputy = leaders[1] if len(leaders) > 1 else (leaders[0] if leaders else None)
    _lectures(office_today(), find_user("officer"), deputy)
    db.session.flush()


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


def _lectures(today: date, officer, deputy) -> None:
    university = db.session.scalars(
        select(Organization).where(Organization.kind == "university").order_by(Organization.id).limit(1)
    ).first()
    speakers = _contacts_at("embassy", 2) or list(db.session.scalars(select(Contact).limit(2)))
    series = create_series(
        title=SERIES_TITLE,
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
        start_dt=at(past_day, 14),
        end_dt=at(past_day, 16),
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
        start_dt=at(next_day, 14),
        end_dt=at(next_day, 16),
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
