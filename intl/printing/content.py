"""What the printed sheets say, in Chinese and a second language, prepared here so the templates only lay out.

The sheets are bilingual whatever the reader's own language is: Chinese always, and English or the
partner's language where the app has a catalog for it. Confidential details are dropped here, before any
template sees them.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel import Locale

from ..contacts.models import NEEDS
from ..contacts.names import addressed_contact
from ..contacts.personal import disclose
from ..core.access import can
from ..core.bilingual import CHINESE, date_range, joined, label, local_moment, names, zone_city
from ..core.time import office_zone_name
from ..delegations.calendars import visit_day_notes
from ..delegations.models import DIRECTIONS, MEMBER_ROLES
from ..schedule.calendar_texts import participant_names
from ..schedule.kept import CLASH_STATES, clash_state, kept_for
from ..schedule.models import CLASH_REASONS, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES


def _times(engagement, other: str) -> dict:
    """The place's local time, and the Taipei start time where the place keeps another zone."""
    zone = ZoneInfo(engagement.timezone)
    start, end = engagement.start_dt.astimezone(zone), engagement.end_dt.astimezone(zone)
    span = f"{start:%H:%M}–{end:%H:%M}" if end.date() == start.date() else f"{start:%H:%M}–{end:%m-%d %H:%M}"
    differs = engagement.timezone != office_zone_name()
    return {
        "all_day": engagement.all_day,
        "span": span,
        "zone": zone_city(engagement.timezone, other) if differs else "",
        "taipei": f"{engagement.start_dt.astimezone(ZoneInfo(office_zone_name())):%H:%M}" if differs else "",
    }


def engagement_rows(engagements: list, user, other: str) -> list[dict]:
    """One dict per engagement for the templates; those the user may not see in detail carry only times."""
    detailed = {e.id for e in engagements if can(user, e, "details")}
    people = participant_names([e for e in engagements if e.id in detailed])

    def person(key) -> str:
        value = people.get(key)
        if value is None:
            return ""
        return joined(value(CHINESE), value(other)) if callable(value) else value

    kept = kept_for([e.id for e in engagements])
    rows = []
    for engagement in engagements:
        row = {"id": engagement.id, "busy": engagement.id not in detailed, **_times(engagement, other)}
        row["clashes"] = clash_lines(kept.get(engagement.id, []), other)
        if not row["busy"]:
            row.update(
                kind=label(ENGAGEMENT_KINDS.get(engagement.kind, engagement.kind), other),
                title=names(engagement.title, other),
                status=engagement.status,
                status_label=label(ENGAGEMENT_STATUSES.get(engagement.status, engagement.status), other),
                venue=engagement.venue,
                address=engagement.address,
                city=engagement.city,
                host=engagement.host,
                dress_code=engagement.dress_code,
                interpreter=engagement.interpreter,
                notes=engagement.notes,
                delegation=names(engagement.delegation.title, other) if engagement.delegation else None,
                participants=[name for p in engagement.participants if (name := person((p.kind, p.ref_id)))],
            )
        rows.append(row)
    return rows


def clash_lines(rows, other: str) -> list[str]:
    """A kept clash as printed: its state and reason in both languages, who saw or accepted it and why."""
    lines = []
    for row in rows:
        state = clash_state(row)
        text = (
            f"{label(CLASH_STATES[state], other)}: {label(CLASH_REASONS.get(row.reason, row.reason), other)}"
        )
        if state == "accepted":
            who = row.accepted_by.display_name if row.accepted_by else ""
            text += f" — {who} {row.accepted_at:%Y-%m-%d}: {row.accepted_reason or ''}"
        elif state == "kept":
            who = row.acknowledged_by.display_name if row.acknowledged_by else ""
            text += f" — {who} {row.acknowledged_at:%Y-%m-%d}"
        lines.append(text)
    return list(dict.fromkeys(lines))


def day_lines(delegation, user, other: str) -> dict:
    """{day: [printed line]}: the partners' holidays on the visit's dates, named in Chinese and the second
    language, and Ramadan for guests who keep it (their needs asked of the personal-data door)."""
    personal = disclose([m.contact for m in delegation.members], "print", user=user)
    chinese, second = (visit_day_notes(delegation, personal, code) for code in (CHINESE, other))
    lines: dict = {}
    for day, pairs in chinese.holidays.items():
        for (country, name), (_same, other_name) in zip(pairs, second.holidays.get(day, pairs), strict=False):
            where = joined(country_name(country, CHINESE), country_name(country, other))
            lines.setdefault(day, []).append(f"{where}: {joined(name, other_name)}")
    for day, note in chinese.ramadan.items():
        fasting = "、".join(chinese.fasting)
        lines.setdefault(day, []).append(f"{joined(note, second.ramadan.get(day, ''))} — {fasting}")
    return lines


def country_name(code: str, locale: str) -> str:
    return Locale.parse(locale).territories.get(code, code)


def member_rows(delegation, user, other: str, zone: str) -> list[dict]:
    """The delegation's members; flights, hotel and needs only for those who may read personal details (asked
    of the personal-data door, which logs the printing)."""
    members = list(delegation.members)
    personal = disclose([m.contact for m in members], "print", user=user)
    rows = []
    for member in members:
        contact = member.contact
        row = {
            # Addressed as each side's readers address them: 山田花子女士, 山田花子様, Ông Nguyễn Văn An.
            "chinese": addressed_contact(contact, CHINESE),
            "other": addressed_contact(contact, other),
            "role": label(MEMBER_ROLES.get(member.role, member.role), other),
            "personal": personal,
        }
        if row["personal"]:
            row.update(
                arrival_flight=member.arrival_flight,
                arrival_at=local_moment(member.arrival_at, zone, other),
                departure_flight=member.departure_flight,
                departure_at=local_moment(member.departure_at, zone, other),
                hotel=member.hotel,
                needs=[label(NEEDS[k], other) if k in NEEDS else k for k in contact.needs or []],
                needs_notes=contact.needs_notes,
            )
        rows.append(row)
    return rows


def delegation_header(delegation, other: str) -> dict:
    return {
        "title": names(delegation.title, other),
        "direction": label(DIRECTIONS.get(delegation.direction, delegation.direction), other),
        "dates": date_range(delegation.start_on, delegation.end_on, other),
        "partners": [names(p.names, other) for p in delegation.partners],
        "lead_officer": delegation.lead_officer.display_name if delegation.lead_officer else "",
        "purpose": delegation.purpose,
        "emergency_contacts": delegation.emergency_contacts,
    }


def place_zone(delegation) -> str:
    """Where the members' flights land: Taipei for a visit to the city, the first partner's zone abroad."""
    if delegation.direction == "outbound" and delegation.partners:
        return delegation.partners[0].timezone
    return office_zone_name()
