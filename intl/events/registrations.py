"""Operations on registrations: a guest registers (or is waitlisted when the event is full), invitations from
contacts, answers to invitations, cancellations, promotion from the waitlist, check-in, attendance figures.

Every change re-indexes the guest's names and e-mail (search kind "registration") so that the check-in box
finds a two-character Chinese name as fast as a long Latin one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from ..contacts.models import Contact, ContactEmail
from ..core import audit, search
from ..core.audit import acting_user_id
from ..core.db import db
from ..core.i18n import reader_locale
from ..core.time import now_utc
from .models import Event, Registration
from .tokens import new_nonce

SEARCH_KIND = "registration"
# The privacy notice guests are shown (templates/events/public/_privacy_notice.html); raise it whenever the
# notice's text changes, so that each consent records what the guest agreed to.
PRIVACY_NOTICE_VERSION = "2026-11"
ACTIVE = ("invited", "registered", "waitlisted")


def reindex(registration: Registration) -> None:
    search.index_record(SEARCH_KIND, registration.id, registration.search_texts(), {})


def email_key(email: str | None) -> str | None:
    return email.strip().lower()[:254] if email and email.strip() else None


def lock_event(event: Event) -> None:
    """Serialize the registrations of one event until the transaction ends: seat counting, and the check that
    an e-mail address has no registration yet (two submissions of one form at once would otherwise both find
    none and both register). A PostgreSQL row lock on the event; on SQLite a writing request holds the
    database's write lock from its first statement already (intl/core/db.py)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def seats_taken(event: Event) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status == "registered")
    )


def has_seat(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


def contact_id_for(email: str | None) -> int | None:
    """The one live contact with this e-mail address, if exactly one has it."""
    key = email_key(email)
    if key is None:
        return None
    ids = db.session.scalars(
        select(ContactEmail.contact_id)
        .join(Contact, Contact.id == ContactEmail.contact_id)
        .where(ContactEmail.address_key == key, Contact.archived_at.is_(None))
        .distinct()
        .limit(2)
    ).all()
    return ids[0] if len(ids) == 1 else None


def active_registration(event: Event, email: str | None) -> Registration | None:
    key = email_key(email)
    if key is None:
        return None
    return db.session.scalars(
        select(Registration).where(
            Registration.event_id == event.id,
            Registration.email_key == key,
            Registration.status.in_(ACTIVE),
        )
    ).first()


def new_registration(event: Event, status: str, source: str, **fields) -> Registration:
    registration = Registration(
        event_id=event.id,
        status=status,
        source=source,
        token_nonce=new_nonce(),
        email_key=email_key(fields.get("email")),
        **fields,
    )
    db.session.add(registration)
    db.session.flush()
    reindex(registration)
    audit.record_create(registration)
    return registration


def register_guest(event: Event, *, consent: bool, source: str = "public", **fields) -> Registration:
    """A guest's registration: a seat while the event has one, the waitlist after that."""
    lock_event(event)
    now = now_utc()
    fields.setdefault("contact_id", contact_id_for(fields.get("email")))
    status = "registered" if has_seat(event) else "waitlisted"
    consent_fields = {"consent_at": now, "privacy_version": PRIVACY_NOTICE_VERSION} if consent else {}
    return new_registration(event, status, source, responded_at=now, **consent_fields, **fields)


def add_by_office(event: Event, status: str, **fields) -> Registration:
    """A guest the office puts on the list: invited or waitlisted when it says so, else registered (or
    waitlisted when the event is full). No consent is recorded: the guest gave none through the office."""
    if status in ("invited", "waitlisted"):
        contact_id = contact_id_for(fields.get("email"))
        return new_registration(event, status, "officer", contact_id=contact_id, **fields)
    return register_guest(event, consent=False, source="officer", **fields)


def add_walk_in(event: Event, **fields) -> Registration:
    """Someone at the door who did not register: registered (whatever the capacity) and checked in."""
    registration = new_registration(event, "registered", "walk_in", **fields)
    check_in(registration)
    return registration


def preferred_locale(contact: Contact) -> str:
    """The language to write to a contact in, by the one rule (`reader_locale`). Their preferences, best first:
    Chinese when they read it (a Chinese language spoken, a Taiwanese address, a name written in Chinese: the
    office writes in its own language to whoever reads it), the language their name is written in, the other
    languages they speak, then English, the office's language with foreign guests."""
    reads_chinese = (
        any(code.startswith("zh") for code in contact.languages)
        or contact.country == "TW"
        or (contact.name_locale or "").startswith("zh")
    )
    return reader_locale("zh_Hant" if reads_chinese else None, contact.name_locale, *contact.languages, "en")


def invite_contacts(event: Event, contacts: list[Contact]) -> int:
    """Put these contacts on the event's invitation list (those already on it are left as they are)."""
    already = set(
        db.session.scalars(
            select(Registration.contact_id).where(
                Registration.event_id == event.id, Registration.contact_id.is_not(None)
            )
        )
    )
    added = 0
    for contact in contacts:
        if contact.id in already or contact.archived_at is not None:
            continue
        locale = preferred_locale(contact)
        name = contact.display_name(locale)
        current = contact.current_affiliation
        new_registration(
            event,
            "invited",
            "invitation",
            name=name[:200],
            alt_name=next(iter(contact.other_names(name)), None),
            email=contact.emails[0].address if contact.emails else None,
            organization=current.organization.names.get_for(locale)[:300] if current else None,
            country=contact.country,
            locale=locale,
            contact_id=contact.id,
        )
        already.add(contact.id)
        added += 1
    if added:
        audit.record("update", event, {"invitations": [None, f"+ {added}"]})
    return added


def set_status(registration: Registration, status: str, **fields) -> None:
    before = registration.audit_state()
    registration.status = status
    for name, value in fields.items():
        setattr(registration, name, value)
    db.session.flush()
    audit.record_update(registration, before)


def answer_invitation(registration: Registration, accept: bool, consent: bool, locale: str | None) -> None:
    now = now_utc()
    if not accept:
        set_status(registration, "declined", responded_at=now)
        return
    lock_event(registration.event)
    status = "registered" if has_seat(registration.event) else "waitlisted"
    extra = {"consent_at": now, "privacy_version": PRIVACY_NOTICE_VERSION} if consent else {}
    set_status(registration, status, responded_at=now, locale=locale or registration.locale, **extra)


def invite_again(registration: Registration) -> None:
    """A guest who declined is invited again (their personal link answers once more)."""
    set_status(registration, "invited", cancelled_at=None)


def cancel_registration(registration: Registration) -> None:
    """The guest (or the office for them) gives up the place; the seat can go to the waitlist's first."""
    set_status(registration, "cancelled", cancelled_at=now_utc())


def promote(registration: Registration) -> None:
    """Give a waitlisted (or cancelled) guest a seat — the office decides, even beyond the capacity."""
    set_status(registration, "registered", cancelled_at=None)


def first_waitlisted(event: Event) -> Registration | None:
    return db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.status == "waitlisted")
        .order_by(Registration.id)
        .limit(1)
    ).first()


def promote_next(event: Event) -> Registration | None:
    """The waitlist's first guest gets the free seat; None when the event is still full or nobody waits."""
    lock_event(event)
    if not has_seat(event):
        return None
    registration = first_waitlisted(event)
    if registration is not None:
        promote(registration)
    return registration


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != "waitlisted":
        return None
    return db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(
            Registration.event_id == registration.event_id,
            Registration.status == "waitlisted",
            Registration.id <= registration.id,
        )
    )


def check_in(registration: Registration) -> None:
    if registration.checked_in_at is not None:
        return
    before = registration.audit_state()
    registration.checked_in_at = now_utc()
    registration.checked_in_by_id = acting_user_id()
    if registration.status != "registered":
        registration.status = "registered"  # a waitlisted or invited guest who came was let in
    db.session.flush()
    audit.record_update(registration, before)


def undo_check_in(registration: Registration) -> None:
    if registration.checked_in_at is None:
        return
    before = registration.audit_state()
    registration.checked_in_at = None
    registration.checked_in_by_id = None
    db.session.flush()
    audit.record_update(registration, before)


@dataclass
class Figures:
    capacity: int | None
    invited: int = 0
    registered: int = 0
    waitlisted: int = 0
    declined: int = 0
    cancelled: int = 0
    attended: int = 0
    no_shows: int | None = None  # counted once the event has ended

    @property
    def total(self) -> int:
        return self.invited + self.registered + self.waitlisted + self.declined + self.cancelled

    @property
    def free_seats(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.registered, 0)


def figures(event: Event) -> Figures:
    """Attendance figures of one event, in one query."""
    rows = db.session.execute(
        select(
            Registration.status,
            func.count(),
            func.sum(case((Registration.checked_in_at.is_not(None), 1), else_=0)),
        )
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    ).all()
    result = Figures(capacity=event.capacity)
    for status, count, attended in rows:
        if status in ("invited", "registered", "waitlisted", "declined", "cancelled"):
            setattr(result, status, count)
        result.attended += int(attended or 0)
    if event.end_dt <= now_utc():
        result.no_shows = max(result.registered - result.attended, 0)
    return result
