"""Loading the demo office, and synthetic partners in bulk for benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, insert, select

from ..auth.models import User
from ..auth.services import create_user, find_user
from ..contacts.models import Contact
from ..contacts.services import ContactDetails, add_affiliation, create_contact
from ..core.countries import country_codes, default_zone, zones_for
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.search import SearchDoc, SearchGram, SortKey, bulk_rows
from ..core.time import office_today, office_zone_name
from ..correspondence.demo import load_correspondence_demo
from ..courses.demo import load_course_demo
from ..delegations.services import add_followup, add_member, create_delegation
from ..events.demo import load_event_demo
from ..followups.demo import load_followups_demo
from ..gifts.demo import load_gifts_demo
from ..groups.models import GroupMember, WorkingGroup
from ..interactions.services import create_interaction
from ..internships.demo import load_internship_demo
from ..lectures.demo import load_lecture_demo
from ..organizations.models import Organization
from ..organizations.services import create_organization
from ..partners.models import FOCUS_AREAS, Agreement, Partner, PartnerFocus, add_years
from ..partners.services import create_agreement, create_partner
from ..partners.standing import refresh_standing
from ..plan.demo import load_plan_demo
from ..schedule.models import Leader
from ..schedule.services import create_engagement
from .data import DEMO_CONTACTS, DEMO_GROUP, DEMO_LEADERS, DEMO_ORGANIZATIONS, DEMO_PARTNERS, DEMO_USERS


def has_data() -> bool:
    return db.session.scalar(select(func.count()).select_from(User)) > 0


def load_demo() -> None:
    for spec in DEMO_USERS:
        if find_user(spec["username"]) is None:
            create_user(
                spec["username"],
                spec["password"],
                spec["role"],
                display_name=spec["display_name"],
                locale=None,
            )
    db.session.flush()
    existing = {tuple(p.names.items()) for p in db.session.scalars(select(Partner))}
    for names, kind, country, region, zone, relationship, since, focus, lat, lon, agreements in DEMO_PARTNERS:
        localized = LocalizedText(names)
        if tuple(localized.items()) in existing:
            continue
        partner = create_partner(
            names=localized,
            kind=kind,
            country=country,
            region=region,
            timezone=zone or default_zone(country) or zones_for(country)[0],
            # The standing follows from the ties: the partner's own relationship only where no agreement is listed.
            relationship=None if agreements else relationship,
            relationship_since=date.fromisoformat(since) if since and not agreements else None,
            focus_areas=focus,
            latitude=lat,
            longitude=lon,
        )
        for agreement_type, party, signed, theirs, place, term in agreements:
            signed_on = date.fromisoformat(signed)
            create_agreement(
                partner,
                agreement_type=agreement_type,
                our_party=party,
                signed_on=signed_on,
                signatory_ours="高雄市長 Mayor of Kaohsiung",
                signatory_theirs=theirs,
                place=place,
                term_years=term,
                renewal_on=_renewed_until(signed_on, term) if term else None,
                council_approved_on=signed_on if agreement_type == "sister" else None,
            )
    _load_crm()
    _load_schedule()
    _load_other_features()
    db.session.commit()


def _renewed_until(signed_on: date, term: int) -> date:
    """The demo's term agreements were renewed each time: their renewal is due at the end of the current
    term (a past date would make them expired, intl/partners/standing.py)."""
    today, years = office_today(), term
    while add_years(signed_on, years) < today:
        years += term
    return add_years(signed_on, years)


def _load_other_features() -> None:
    """Each feature's demo records, in the order they depend on each other (the plan links what exists)."""

    for load in (
        load_lecture_demo,
        load_event_demo,
        load_course_demo,
        load_internship_demo,
        load_gifts_demo,
        load_followups_demo,
        load_correspondence_demo,
        load_plan_demo,
    ):
        load()
        db.session.flush()


def _load_schedule() -> None:
    """Leaders, an inbound visit with a two-day programme, an outbound trip and standalone engagements."""

    if db.session.scalar(select(func.count()).select_from(Leader)):
        return
    leaders = []
    aide = find_user("leader")
    for position, (names, title, color, is_mayor) in enumerate(DEMO_LEADERS):
        leader = Leader(
            names=LocalizedText(names),
            title=LocalizedText(title),
            color=color,
            position=position,
            user_id=aide.id if is_mayor and aide else None,
        )
        db.session.add(leader)
        leaders.append(leader)
    db.session.flush()
    mayor, deputy = leaders[0], leaders[1]
    officer = find_user("officer")
    partners = {p.names.get("en"): p for p in db.session.scalars(select(Partner))}
    contacts = {c.chinese_name or c.latin_name: c for c in db.session.scalars(select(Contact))}
    start = date.today() + timedelta(days=10)

    def at(day: date, hour: int, minute: int = 0, zone: str | None = None) -> datetime:
        return datetime.combine(day, time(hour, minute), ZoneInfo(zone or office_zone_name()))

    visit = create_delegation(
        [partners["Hachioji"].id],
        title=LocalizedText(
            {
                "ja": "八王子市友好訪問団",
                "zh_Hant": "八王子市友好訪問團",
                "en": "Hachioji friendship delegation",
            }
        ),
        direction="inbound",
        purpose="友好城市20週年交流 / 20th anniversary of the friendship",
        categories=["culture", "education"],
        start_on=start,
        end_on=start + timedelta(days=1),
        status="confirmed",
        lead_officer_id=officer.id,
        budget=180000,
        emergency_contacts="林怡君 Lin Yi-chun +886 912 345 678\n高雄醫學大學附設醫院 +886 7 312 1101",
    )
    add_member(
        visit,
        contacts["石森美咲"].id,
        role="head",
        arrival_flight="BR 105",
        hotel="漢來大飯店 Grand Hi-Lai",
        arrival_at=at(start, 9, 15),
    )
    programme = [
        (
            0,
            9,
            15,
            10,
            0,
            "arrival",
            {"zh_Hant": "抵達高雄國際機場", "en": "Arrival at Kaohsiung International Airport"},
            "高雄國際機場",
            [],
            "public",
        ),
        (
            0,
            10,
            30,
            11,
            30,
            "courtesy_call",
            {"zh_Hant": "拜會市長", "en": "Courtesy call on the Mayor"},
            "高雄市政府四維行政中心",
            [mayor.id],
            "public",
        ),
        (
            0,
            18,
            30,
            20,
            30,
            "banquet",
            {"zh_Hant": "市長歡迎晚宴", "en": "Mayor's welcome banquet"},
            "漢來大飯店 Grand Hi-Lai",
            [mayor.id, deputy.id],
            "internal",
        ),
        (
            1,
            9,
            30,
            11,
            30,
            "site_visit",
            {"zh_Hant": "參訪高雄港", "en": "Visit to the Port of Kaohsiung"},
            "高雄港旅運中心",
            [deputy.id],
            "public",
        ),
        (1, 14, 0, 15, 0, "departure", {"zh_Hant": "賦歸", "en": "Departure"}, "高雄國際機場", [], "public"),
    ]
    for day, h1, m1, h2, m2, kind, title, venue, who, visibility in programme:
        create_engagement(
            {"leader": who, "contact": [contacts["石森美咲"].id], "user": [officer.id]},
            delegation_id=visit.id,
            kind=kind,
            title=LocalizedText(title),
            start_dt=at(start + timedelta(days=day), h1, m1),
            end_dt=at(start + timedelta(days=day), h2, m2),
            timezone=office_zone_name(),
            venue=venue,
            visibility=visibility,
            status="confirmed",
            dress_code="西裝 Business suit" if kind == "banquet" else None,
        )
    add_followup(
        visit,
        "寄送姊妹校合作備忘錄草案 / Send the draft sister-school MOU",
        officer.id,
        start + timedelta(days=30),
    )
    trip_day = start + timedelta(days=40)
    trip = create_delegation(
        [partners["Seattle"].id],
        title=LocalizedText({"zh_Hant": "市長訪問西雅圖", "en": "Mayor's visit to Seattle"}),
        direction="outbound",
        categories=["trade", "technology"],
        start_on=trip_day,
        end_on=trip_day + timedelta(days=3),
        status="proposed",
        lead_officer_id=officer.id,
        budget=950000,
    )
    create_engagement(
        {"leader": [mayor.id], "contact": [contacts["凱艾蜜"].id], "user": []},
        delegation_id=trip.id,
        kind="meeting",
        title=LocalizedText(
            {"zh_Hant": "大西雅圖貿易發展聯盟座談", "en": "Round table with the Trade Development Alliance"}
        ),
        start_dt=at(trip_day + timedelta(days=1), 10, 0, "America/Los_Angeles"),
        end_dt=at(trip_day + timedelta(days=1), 11, 30, "America/Los_Angeles"),
        timezone="America/Los_Angeles",
        venue="Seattle City Hall",
        status="tentative",
        visibility="internal",
    )
    for offset, title, who, kind in (
        (1, {"zh_Hant": "市政會議", "en": "City council meeting"}, [mayor.id, deputy.id], "meeting"),
        (
            3,
            {"zh_Hant": "視察愛河灣整治工程", "en": "Inspection of Love River Bay works"},
            [mayor.id],
            "inspection",
        ),
        (5, {"zh_Hant": "外賓接見（保密）", "en": "Confidential meeting"}, [mayor.id], "meeting"),
    ):
        day = date.today() + timedelta(days=offset)
        create_engagement(
            {"leader": who, "contact": [], "user": []},
            kind=kind,
            title=LocalizedText(title),
            start_dt=at(day, 9, 0),
            end_dt=at(day, 10, 30),
            timezone=office_zone_name(),
            status="confirmed",
            visibility="confidential" if "保密" in title["zh_Hant"] else "internal",
        )


def _load_crm() -> None:
    """Organizations, contacts, the international relations group and a few interactions."""

    if db.session.scalar(select(func.count()).select_from(Organization)):
        return
    partners = {p.names.get("en"): p.id for p in db.session.scalars(select(Partner))}
    orgs: dict[str, Organization] = {}
    for key, names, kind, country, partner, parent in DEMO_ORGANIZATIONS:
        orgs[key] = create_organization(
            names=LocalizedText(names),
            kind=kind,
            country=country,
            partner_id=partners.get(partner),
            parent_id=orgs[parent].id if parent else None,
        )
    contacts: dict[str, Contact] = {}
    today = date.today()
    for (
        family,
        given,
        locale,
        chinese,
        latin,
        honorific,
        title,
        country,
        org,
        position,
        emails,
        needs,
        languages,
        tags,
    ) in DEMO_CONTACTS:
        contact = create_contact(
            {
                "family_name": family,
                "given_name": given,
                "name_locale": locale,
                "chinese_name": chinese,
                "latin_name": latin,
                "honorific": honorific,
                "title": LocalizedText(title),
                "country": country,
                "needs": needs,
                "purpose": "protocol",
                "legal_basis": "public_task",
                "collected_on": today,
                "collection_method": "in_person",
            },
            ContactDetails(emails=[("work", e) for e in emails], languages=languages, tag_names=tags),
        )
        if org:
            add_affiliation(contact, orgs[org].id, position, None, None, True)
        contacts[chinese or latin] = contact
    group = WorkingGroup(
        names=LocalizedText({"zh_Hant": "國際關係小組", "en": "International Relations Group"}),
        description="各局處聯絡窗口及外部委員 / Liaison officers of each bureau and outside members",
    )
    db.session.add(group)
    db.session.flush()
    for name, role, bureau in DEMO_GROUP:
        db.session.add(
            GroupMember(
                group_id=group.id,
                contact_id=contacts[name].id,
                role=role,
                organization_id=orgs[bureau].id,
                term_start=date(today.year, 1, 1),
                term_end=date(today.year + 1, 12, 31),
            )
        )
    now = datetime.now(UTC)
    create_interaction(
        ("contact", contacts["佐藤健一"].id),
        [("organization", orgs["jtea"].id)],
        kind="meeting",
        subject="拜會：日台交流高峰會籌備",
        occurred_at=now - timedelta(days=12),
        text="討論明年高峰會議程與市長出席事宜。",
    )
    create_interaction(
        ("contact", contacts["阮氏香"].id),
        [],
        kind="email",
        subject="Invitation to the Lantern Festival",
        occurred_at=now - timedelta(days=5),
        text="Sent the invitation and the programme in Vietnamese and English.",
    )
    create_interaction(
        ("organization", orgs["hachioji_city"].id),
        [("contact", contacts["石森美咲"].id)],
        kind="call",
        subject="八王子市高校生交流團日程確認",
        occurred_at=now - timedelta(days=2),
    )


# Pieces for synthetic names in several scripts; the combinations give realistic n-gram statistics.
_CJK_PARTS = list(
    "高雄台北大阪京都名古屋福岡札幌広島横浜神戸長崎熊本仙台新潟金沢静岡浜松堺岡山姫路釜山大邱仁川光州蔚山水原昌原清州全州済州"
)
_KO_PARTS = [
    "서울",
    "부산",
    "대구",
    "인천",
    "광주",
    "대전",
    "울산",
    "수원",
    "창원",
    "고양",
    "용인",
    "성남",
    "청주",
    "전주",
    "천안",
    "안산",
]
_LATIN = [
    "Spring",
    "Port",
    "Lake",
    "River",
    "North",
    "South",
    "New",
    "Saint",
    "Green",
    "Bay",
    "Hill",
    "Bridge",
    "Ash",
    "Oak",
    "Stone",
    "Maple",
    "Cedar",
    "Silver",
    "Gold",
    "Fair",
    "Wood",
    "Field",
    "Haven",
    "Mount",
]
_LATIN_END = [
    "field",
    "ton",
    "ville",
    "burg",
    "port",
    "mouth",
    "ford",
    "dale",
    "wick",
    "stead",
    "bury",
    "haven",
]
_VI = ["Thành phố Hà", "Đồng", "Cần", "Hải", "Quảng", "Bình", "Long", "Vĩnh", "Phú", "Tây", "Biên", "Nha"]
_VI_END = ["Nội", "Nai", "Thơ", "Phòng", "Ngãi", "Dương", "An", "Yên", "Ninh", "Hòa", "Trang", "Lạt"]
_TH = ["เชียง", "นคร", "สุ", "ขอน", "อุดร", "ภู", "พระ", "สระ", "ลำ", "นคร", "ราช", "บุรี"]
_TH_END = ["ราย", "แก่น", "ธานี", "เก็ต", "นครศรี", "บุรี", "ปาง", "พูน", "สวรรค์", "ศรีธรรมราช"]


def synthetic_names(rng: random.Random, index: int) -> tuple[LocalizedText, str]:
    style = index % 5
    english = f"{rng.choice(_LATIN)}{rng.choice(_LATIN_END)} {index}"
    zh = "".join(rng.sample(_CJK_PARTS, 2)) + "市"
    if style == 0:
        return LocalizedText(
            {"ja": "".join(rng.sample(_CJK_PARTS, 3)) + "市", "en": english, "zh_Hant": zh}
        ), "JP"
    if style == 1:
        return LocalizedText(
            {"ko": rng.choice(_KO_PARTS) + rng.choice(_KO_PARTS) + "시", "en": english, "zh_Hant": zh}
        ), "KR"
    if style == 2:
        return LocalizedText(
            {"vi": f"{rng.choice(_VI)} {rng.choice(_VI_END)}", "en": english, "zh_Hant": zh}
        ), "VN"
    if style == 3:
        return LocalizedText(
            {"th": rng.choice(_TH) + rng.choice(_TH_END), "en": english, "zh_Hant": zh}
        ), "TH"
    return LocalizedText({"en": english, "zh_Hant": zh}), rng.choice(
        ["US", "DE", "FR", "GB", "AU", "CA", "IT", "ES"]
    )


# How the synthetic partners' ties are spread (the office's own register, roughly): most partners have one
# tie in force; some only a void, ended or lapsed one; some an upgrade (a friendly tie superseded by a sister
# one); old ties are often known by their year or month only.
_TIE_TYPES = (("sister", 0.3), ("friendly", 0.3), ("mou", 0.25), ("cooperation", 0.15))
_OTHER_PARTIES = ("city_council", "district", "port")


def _synthetic_ties(rng: random.Random, partner_id: int, next_id: int) -> list[dict]:
    """The ties of one synthetic partner, as agreement rows with their ids (a superseded tie names the one
    that replaced it). About 15% of partners have none (prospects)."""
    roll = rng.random()
    if roll < 0.15:
        return []
    kind = rng.choices([k for k, _w in _TIE_TYPES], [w for _k, w in _TIE_TYPES])[0]
    signed = date(rng.randint(1962, 2025), rng.randint(1, 12), rng.randint(1, 28))
    precision = rng.choices(("day", "month", "year"), (0.8, 0.1, 0.1))[0]
    signed = _at_precision(signed, precision)
    tie = {
        "id": next_id,
        "partner_id": partner_id,
        "agreement_type": kind,
        "our_party": "city_government" if rng.random() < 0.85 else rng.choice(_OTHER_PARTIES),
        "signed_on": signed,
        "signed_precision": precision,
        "state": "in_force",
        "state_since": None,
        "term_years": None,
        "renewal_on": None,
        "superseded_by_id": None,
        "source": None,
        "version": 1,
    }
    if kind in ("mou", "cooperation") and rng.random() < 0.5:
        tie["term_years"] = rng.choice((3, 4, 5))
        if rng.random() < 0.6:  # renewed each term; the others lapse on their own (expired by the calendar)
            tie["renewal_on"] = _renewed_until(signed, tie["term_years"])
    if roll < 0.23:
        tie["state"], tie["state_since"] = "void", signed + timedelta(days=rng.randint(30, 900))
    elif roll < 0.28:
        tie["state"], tie["state_since"] = "ended", signed + timedelta(days=rng.randint(365, 9000))
    elif roll < 0.31:
        tie["state"], tie["state_since"] = "expired", signed + timedelta(days=rng.randint(365, 3000))
    ties = [tie]
    if roll > 0.9 and signed.year < 2020:  # an upgrade: friendly first, then sister; the number is kept
        later = date(rng.randint(signed.year + 1, 2025), rng.randint(1, 12), rng.randint(1, 28))
        tie.update(agreement_type="friendly", state="superseded", state_since=later, term_years=None)
        tie["superseded_by_id"] = next_id + 1
        ties.append(
            dict(tie, id=next_id + 1, agreement_type="sister", signed_on=later, signed_precision="day")
            | {"state": "in_force", "state_since": None, "superseded_by_id": None}
        )
    return ties


def _at_precision(day: date, precision: str) -> date:
    """The first day of what is known (1962 -> 1962-01-01), as the forms store it."""
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "month":
        return date(day.year, day.month, 1)
    return day


def load_synthetic_partners(count: int, seed: int = 7, batch: int = 2000) -> None:
    """Insert `count` partners in bulk with their ties (in force, void, ended, expired, superseded, some
    known by year or month only) and the same index rows the services would write; then the standing is
    computed once from the ties (intl/partners/standing.py), as after an import."""
    rng = random.Random(seed)
    locales = current_app.config["LANGUAGES"]
    areas = list(FOCUS_AREAS)
    countries = sorted(country_codes())
    start = (db.session.scalar(select(func.max(Partner.id))) or 0) + 1
    next_tie = (db.session.scalar(select(func.max(Agreement.id))) or 0) + 1
    for offset in range(0, count, batch):
        partners, ties, focus, docs, grams, keys = [], [], [], [], [], []
        for index in range(start + offset, start + min(offset + batch, count)):
            names, country = synthetic_names(rng, index)
            if rng.random() < 0.1:
                country = rng.choice(countries)
            zone = default_zone(country) or (zones_for(country) or ["UTC"])[0]
            partners.append(
                {
                    "id": index,
                    "names": names,
                    "kind": "city",
                    "country": country,
                    "timezone": zone,
                    "relationship": "prospect",  # until refresh_standing reads the ties
                    "version": 1,
                }
            )
            partner_ties = _synthetic_ties(rng, index, next_tie)
            next_tie += len(partner_ties)
            ties.extend(partner_ties)
            focus.extend({"partner_id": index, "area": a} for a in rng.sample(areas, rng.randint(1, 3)))
            doc, gram_rows, key_rows = bulk_rows(
                "partner", index, names.values(), {loc: names.get_for(loc) for loc in locales}
            )
            docs.append(doc)
            grams.extend(gram_rows)
            keys.extend(key_rows)
        db.session.execute(insert(Partner), partners)
        # Superseding ties first: a superseded tie names one already inserted (PostgreSQL checks at once).
        for rows in (
            [t for t in ties if t["superseded_by_id"] is None],
            [t for t in ties if t["superseded_by_id"] is not None],
        ):
            if rows:  # the table's insert: one executemany (the ORM's splits rows by their None values)
                db.session.execute(Agreement.__table__.insert(), rows)
        db.session.execute(insert(PartnerFocus), focus)
        db.session.execute(insert(SearchDoc), docs)
        db.session.execute(insert(SearchGram), grams)
        db.session.execute(insert(SortKey), keys)
        db.session.commit()
    _fix_postgres_sequence()
    refresh_standing()
    db.session.commit()


def _fix_postgres_sequence() -> None:
    if db.engine.dialect.name == "postgresql":
        for table, model in (("partner", Partner), ("agreement", Agreement)):
            db.session.execute(
                select(func.setval(func.pg_get_serial_sequence(table, "id"), func.max(model.id)))
            )
        db.session.commit()


__all__ = ["load_demo", "load_synthetic_partners", "has_data", "Agreement"]
