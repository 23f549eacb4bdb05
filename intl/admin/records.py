"""Which record kinds can be archived, how each is named, and the archive listing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..contacts.models import Contact
from ..core.db import db
from ..correspondence.models import Letter
from ..courses.models import Course
from ..delegations.models import Delegation
from ..events.models import Event
from ..gifts.models import StockItem
from ..interactions.models import Interaction
from ..internships.models import InternshipApplication, InternshipProgramme
from ..lectures.models import LectureSeries
from ..organizations.models import Organization
from ..partners.models import Agreement, Partner
from ..schedule.models import Engagement

# Explicit on purpose: a kind appears on the archive page only when listed here.
ARCHIVABLE = {
    "partner": Partner,
    "agreement": Agreement,
    "organization": Organization,
    "contact": Contact,
    "interaction": Interaction,
    "letter": Letter,
    "stock_item": StockItem,
    "internship_programme": InternshipProgramme,
    "internship_application": InternshipApplication,
    "event": Event,
    "lecture_series": LectureSeries,
    "course": Course,
    "delegation": Delegation,
    "engagement": Engagement,
}

KIND_LABELS = {
    "partner": _l("Partner"),
    "agreement": _l("Agreement"),
    "user": _l("User"),
    "organization": _l("Organization"),
    "contact": _l("Contact"),
    "interaction": _l("Interaction"),
    "affiliation": _l("Affiliation"),
    "group": _l("Working group"),
    "group_member": _l("Group member"),
    "letter": _l("Letter"),
    "letter_translation": _l("Letter translation"),
    "letter_template": _l("Letter template"),
    "gift": _l("Gift"),
    "stock_item": _l("Gift in the store"),
    "followup": _l("Follow-up"),
    "internship_programme": _l("Internship programme"),
    "internship_position": _l("Internship position"),
    "internship_application": _l("Internship application"),
    "internship_placement": _l("Internship placement"),
    "internship_activity": _l("Internship log entry"),
    "internship_evaluation": _l("Internship evaluation"),
    "event": _l("Event"),
    "registration": _l("Registration"),
    "lecture_series": _l("Lecture series"),
    "lecture": _l("Lecture"),
    "course": _l("Staff course"),
    "course_session": _l("Course session"),
    "enrolment": _l("Enrolment"),
    "delegation": _l("Delegation"),
    "delegation_member": _l("Delegation member"),
    "engagement": _l("Engagement"),
    "leader": _l("Leader"),
    "feed_token": _l("Calendar subscription"),
    "plan_year": _l("Plan year"),
    "plan_item": _l("Plan item"),
    "plan_target": _l("Plan target"),
    "expense": _l("Expense"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def archived_records(limit: int = 200) -> list[tuple[str, list]]:
    groups = []
    for kind, model in ARCHIVABLE.items():
        rows = db.session.scalars(
            select(model)
            .where(model.archived_at.is_not(None))
            .order_by(model.archived_at.desc())
            .limit(limit)
        ).all()
        groups.append((kind, rows))
    return groups
