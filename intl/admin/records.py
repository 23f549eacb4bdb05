"""Which record kinds can be archived and how each kind is named (the audit log, the archive page).

The kinds are named, not imported: their models come from `core.models.RECORD_KINDS`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..core.models import RECORD_KINDS

# Explicit on purpose: a kind appears on the archive page only when listed here (gifts are withdrawn and
# restored on their own pages, since that moves stock).
ARCHIVABLE = (
    "partner",
    "agreement",
    "organization",
    "contact",
    "interaction",
    "letter",
    "stock_item",
    "internship_programme",
    "internship_application",
    "event",
    "lecture_series",
    "course",
    "delegation",
    "engagement",
)

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


def archivable_model(kind: str) -> type | None:
    """The model of an archivable kind (None for any other name)."""
    return RECORD_KINDS.get(kind) if kind in ARCHIVABLE else None
