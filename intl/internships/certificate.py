"""What the certificate of internship says, in Chinese and English, prepared for its print template.

Like the other printed sheets (intl/printing/bilingual.py) it is bilingual whoever prints it: the record's own
names in both languages, dates as ROC and Gregorian, the hours the supervisor approved.
"""

from __future__ import annotations

from datetime import date

from babel.numbers import format_decimal

from ..core import bilingual
from ..core.time import office_today, office_zone
from .models import PROGRAMME_KINDS, TERMS
from .placement_models import Placement
from .placement_services import approved_minutes

OTHER = "en"


def intern_names(placement: Placement) -> tuple[str, str]:
    """The name as the application gave it (and in Latin letters), else the account's display name."""
    application = placement.application
    if application is not None:
        latin = application.latin_name or ""
        return application.name, ("" if latin == application.name else latin)
    return placement.intern.display_name, ""


def number(placement: Placement) -> str:
    return f"INT-{placement.position.programme.year}-{placement.id:05d}"


def issued_on(placement: Placement) -> date:
    """The certificate's date: the day the placement was completed (in the office), never before the last day
    of the period it attests."""
    completed = placement.completed_at.astimezone(office_zone()).date() if placement.completed_at else None
    return max(completed or office_today(), placement.end_on)


def certificate_content(placement: Placement) -> dict:
    position = placement.position
    programme = position.programme
    host = position.host_organization
    hours = approved_minutes(placement) / 60
    return {
        "other": OTHER,
        "number": number(placement),
        "name": intern_names(placement),
        "programme": bilingual.names(programme.title, OTHER),
        "kind": bilingual.label(PROGRAMME_KINDS.get(programme.kind, programme.kind), OTHER),
        "term": bilingual.label(TERMS.get(programme.term, programme.term), OTHER),
        "year": programme.year,
        "host": bilingual.names(host.names, OTHER) if host is not None else ("", ""),
        "unit": position.host_unit or "",
        "position": bilingual.names(position.title, OTHER),
        "dates": bilingual.date_range(placement.start_on, placement.end_on, OTHER),
        "hours": {
            "chinese": format_decimal(hours, "#,##0.##", locale=bilingual.CHINESE),
            "other": format_decimal(hours, "#,##0.##", locale=OTHER),
        },
        "supervisor": placement.supervisor.display_name if placement.supervisor else "",
        "issued": bilingual.long_date(issued_on(placement), OTHER),
    }
