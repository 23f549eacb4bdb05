"""Personal data care (個人資料保護法): everything the office holds on one person for an access request, and
anonymization on a deletion request. (Who may see a person's details, and the record of each time they were
shown, is `personal.disclose`.)

Later features that keep data about a person add a section to PERSONAL_DATA_SECTIONS, so an export
never misses a place the person appears.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..core import audit, search
from ..core.audit import AuditEntry
from ..core.db import db
from ..core.files import StoredFile
from ..core.models import audit_value
from ..core.time import now_utc
from ..groups.models import GroupMember
from ..interactions.models import Interaction, InteractionLink
from .duplicates import forget_match_keys
from .models import CONTACT_LABELS, Contact
from .queries import recent_access
from .services import sort_names

ANONYMIZED_FIELDS = (
    "family_name",
    "given_name",
    "chinese_name",
    "latin_name",
    "needs_notes",
    "protocol_notes",
    "notes",
    "source",
    "photo_id",
)


# --- what the office holds on one person ------------------------------------------------------------


def _profile(contact: Contact) -> dict:
    data = {
        str(CONTACT_LABELS[name]): audit_value(value)
        for name, value in contact.audit_state().items()
        if name in CONTACT_LABELS
    }
    data["uid"] = contact.uid
    return data


def _affiliations(contact: Contact) -> list[dict]:
    return [
        {
            "organization": a.organization.names.native,
            "position": a.position,
            "start": audit_value(a.start_on),
            "end": audit_value(a.end_on),
            "current": a.is_current,
        }
        for a in contact.affiliations
    ]


def _groups(contact: Contact) -> list[dict]:
    rows = db.session.scalars(select(GroupMember).where(GroupMember.contact_id == contact.id))
    return [
        {
            "group": m.group.names.native,
            "role": m.role,
            "term_start": audit_value(m.term_start),
            "term_end": audit_value(m.term_end),
        }
        for m in rows
    ]


def _interactions(contact: Contact) -> list[dict]:
    rows = db.session.scalars(
        select(Interaction)
        .join(InteractionLink)
        .where(InteractionLink.kind == "contact", InteractionLink.entity_id == contact.id)
        .order_by(Interaction.occurred_at.desc())
    )
    return [
        {"kind": i.kind, "when": audit_value(i.occurred_at), "subject": i.subject, "text": i.text}
        for i in rows
    ]


def _history(contact: Contact) -> list[dict]:
    return [
        {
            "when": audit_value(e.at_dt),
            "action": e.action,
            "by": e.user.display_name if e.user else None,
            "changes": e.changes,
        }
        for e in audit.history("contact", contact.id, limit=1000)
    ]


def _access(contact: Contact) -> list[dict]:
    return [
        {"when": audit_value(a.at_dt), "action": a.action, "by": a.user.display_name if a.user else None}
        for a in recent_access(contact, limit=1000)
    ]


# The headings of the sections' columns on the readable page (the JSON file keeps the keys).
PERSONAL_DATA_COLUMNS = {
    "organization": _l("Organization"),
    "position": _l("Position"),
    "start": _l("From"),
    "end": _l("Until"),
    "current": _l("Current"),
    "group": _l("Working group"),
    "role": _l("Role"),
    "term_start": _l("From"),
    "term_end": _l("Until"),
    "kind": _l("Kind"),
    "when": _l("When"),
    "subject": _l("Subject"),
    "text": _l("Text"),
    "action": _l("Action"),
    "by": _l("Who"),
    "changes": _l("Changes"),
    "uid": _l("Identifier"),
}

# What was done, in words: changes (the audit log's actions) and uses of the details (intl.contacts.personal).
PERSONAL_DATA_ACTIONS = {
    **audit.ACTIONS,
    "view": _l("viewed"),
    "list": _l("listed"),
    "export": _l("exported"),
    "print": _l("printed"),
}

PERSONAL_DATA_SECTIONS: list[tuple[str, object, Callable[[Contact], object]]] = [
    ("profile", _l("Details"), _profile),
    ("affiliations", _l("Affiliations"), _affiliations),
    ("groups", _l("Working groups"), _groups),
    ("interactions", _l("Interactions"), _interactions),
    ("history", _l("Changes to these details"), _history),
    ("access", _l("Who viewed or exported these details"), _access),
]


def personal_data(contact: Contact) -> dict:
    """Everything the office holds on the person, section by section (for JSON and the readable page)."""
    return {key: builder(contact) for key, _title, builder in PERSONAL_DATA_SECTIONS}


# --- anonymization ----------------------------------------------------------------------------------


def anonymize(contact: Contact) -> None:
    """Remove the person's details; keep the record so that the history others need (a visit happened,
    a member of a delegation) still holds together. The audit log's copies of the details go too."""
    placeholder = _("Anonymized person %(n)s", n=contact.id)
    photo = contact.photo
    for name in ANONYMIZED_FIELDS:
        setattr(contact, name, None)
    contact.latin_name = placeholder
    contact.title = {}
    contact.needs = []
    contact.emails, contact.phones, contact.addresses = [], [], []
    contact.languages = []
    contact.tags = []
    contact.consent = False
    contact.consent_on = None
    for affiliation in contact.affiliations:
        affiliation.position = None
    contact.anonymized_at = now_utc()
    db.session.flush()
    if photo is not None:
        photo.path.unlink(missing_ok=True)
        db.session.delete(db.session.get(StoredFile, photo.id))
    # The audit log kept before/after values of the person's fields: scrub them, keep who changed what when.
    db.session.execute(
        update(AuditEntry)
        .where(AuditEntry.kind == "contact", AuditEntry.entity_id == contact.id)
        .values(changes={}, label=placeholder)
        .execution_options(synchronize_session=False)
    )
    search.index_record("contact", contact.id, [placeholder], sort_names(contact))
    forget_match_keys(contact.id)
    audit.record("anonymize", contact)
