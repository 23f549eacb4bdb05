"""Letters: incoming and outgoing, with correspondents, links, attachments, workflow steps and translations.

Who may see and change them is decided in `access.py`.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.attachments import AttachmentMixin
from ..core.db import db
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, now_utc
from .workflow import CLOSED_STATUSES

CHANNELS = {
    "post": _l("Post"),
    "email": _l("E-mail"),
    "pouch": _l("Diplomatic pouch"),
    "hand": _l("Hand delivery"),
}
PARTY_ROLES = {"sender": _l("Sender"), "recipient": _l("Recipient"), "cc": _l("Copy to")}
PARTY_KINDS = ("contact", "organization", "partner")
# Records a letter can be about; events and lectures count once their models exist (RECORD_KINDS).
LINK_KINDS = ("delegation", "event", "lecture")
TRANSLATION_STATUSES = {"draft": _l("Draft"), "reviewed": _l("Reviewed")}

LETTER_LABELS = {
    "plan_item_id": _l("Plan item"),
    "direction": _l("Direction"),
    "reference_no": _l("Reference number"),
    "their_reference": _l("Their reference"),
    "letter_on": _l("Date of the letter"),
    "received_on": _l("Received on"),
    "sent_on": _l("Sent on"),
    "channel": _l("Channel"),
    "subject": _l("Subject"),
    "language": _l("Language"),
    "body": _l("Text"),
    "confidential": _l("Confidential"),
    "due_on": _l("Reply due"),
    "status": _l("Status"),
    "assigned_to_id": _l("Officer in charge"),
    "in_reply_to_id": _l("In reply to"),
    "signatory": _l("Signed by"),
    "signatory_title": _l("Signatory's title"),
    "parties": _l("Correspondents"),
    "links": _l("About"),
}


@record_kind("letter")
class Letter(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(10), nullable=False)
    reference_no: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    reference_year: Mapped[int] = mapped_column(Integer, nullable=False)
    reference_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    their_reference: Mapped[str | None] = mapped_column(String(100))
    letter_on: Mapped[date] = mapped_column(Date, nullable=False)
    received_on: Mapped[date | None] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20), nullable=False, default="email")
    subject: Mapped[str] = mapped_column(String(500), nullable=False)
    language: Mapped[str] = mapped_column(String(20), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidential: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("letter.id", ondelete="SET NULL"))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("letter_template.id", ondelete="SET NULL"))
    signatory: Mapped[str | None] = mapped_column(String(300))
    signatory_title: Mapped[str | None] = mapped_column(String(300))
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )

    assigned_to = relationship("User", lazy="joined", foreign_keys=[assigned_to_id])
    parties = relationship(
        "LetterParty", cascade="all, delete-orphan", order_by="LetterParty.position", lazy="selectin"
    )
    links = relationship("LetterLink", cascade="all, delete-orphan", order_by="LetterLink.kind")
    attachments = relationship(
        "LetterAttachment", cascade="all, delete-orphan", order_by="LetterAttachment.id"
    )
    translations = relationship(
        "LetterTranslation",
        cascade="all, delete-orphan",
        order_by="LetterTranslation.language",
        back_populates="letter",
    )
    steps = relationship("LetterStep", cascade="all, delete-orphan", order_by="LetterStep.id")
    in_reply_to = relationship("Letter", remote_side=[id], foreign_keys=[in_reply_to_id])

    __table_args__ = (
        Index("ix_letter_date", "letter_on", "id"),
        # covering the overdue count of the letter list (see the migration c3a1f0e2b9d4)
        Index("ix_letter_open_due", "status", "due_on", "archived_at", "confidential", "assigned_to_id"),
        Index("ix_letter_assigned", "assigned_to_id"),
        # Counting what a user may see reads this index only, not the letters' texts.
        Index("ix_letter_visible", "archived_at", "confidential", "assigned_to_id"),
        # Most letters answer nothing: a partial index stays small and its statistics stay useful.
        Index(
            "ix_letter_in_reply_to",
            "in_reply_to_id",
            sqlite_where=text("in_reply_to_id IS NOT NULL"),
            postgresql_where=text("in_reply_to_id IS NOT NULL"),
        ),
    )

    audit_fields = tuple(name for name in LETTER_LABELS if name not in ("parties", "links"))
    audit_labels = LETTER_LABELS

    def audit_label(self) -> str:
        return f"{self.reference_no} {self.subject}"[:300]

    def is_overdue(self, today: date) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status not in CLOSED_STATUSES
            and self.archived_at is None
        )

    def party_ids(self, kind: str, role: str | None = None) -> list[int]:
        return [p.entity_id for p in self.parties if p.kind == kind and (role is None or p.role == role)]

    def link_ids(self, kind: str) -> list[int]:
        return [link.entity_id for link in self.links if link.kind == kind]


class LetterParty(db.Model):
    """A correspondent: a contact, organization or partner that wrote, receives or is copied."""

    __tablename__ = "letter_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (
        Index("ix_letter_party_letter", "letter_id"),
        Index("ix_letter_party_entity", "kind", "entity_id", "letter_id"),
    )


class LetterLink(db.Model):
    """What a letter is about: a delegation, an event or a lecture (invitations, thanks to a speaker)."""

    __tablename__ = "letter_link"

    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)

    __table_args__ = (Index("ix_letter_link_entity", "kind", "entity_id", "letter_id"),)


class LetterAttachment(AttachmentMixin, db.Model):
    """A scan of the paper letter, a PDF sent with it."""

    __tablename__ = "letter_attachment"
    owner_column = "letter_id"

    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), nullable=False)

    __table_args__ = (Index("ix_letter_attachment_letter", "letter_id"),)


class LetterStep(db.Model):
    """One move in the workflow (or a change of the officer in charge): who, when, from, to, why."""

    __tablename__ = "letter_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    at_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    user = relationship("User", lazy="joined", foreign_keys=[user_id])
    assignee = relationship("User", lazy="joined", foreign_keys=[assignee_id])

    __table_args__ = (Index("ix_letter_step_letter", "letter_id", "id"),)


TRANSLATION_LABELS = {
    "language": _l("Language"),
    "subject": _l("Subject"),
    "paragraphs": _l("Translation"),
    "translator_id": _l("Translator"),
    "status": _l("Status"),
    "reviewer_id": _l("Reviewer"),
}


@record_kind("letter_translation")
class LetterTranslation(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A letter in another language, paragraph by paragraph in step with the original's paragraphs."""

    __tablename__ = "letter_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), nullable=False)
    language: Mapped[str] = mapped_column(String(20), nullable=False)
    subject: Mapped[str | None] = mapped_column(String(500))
    # One entry per paragraph of the original (blank ones kept, so that alignment survives gaps).
    paragraphs: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A digest of the original's text when the translation was last saved: tells when the original moved on.
    source_hash: Mapped[str | None] = mapped_column(String(64))

    letter = relationship("Letter", back_populates="translations")
    translator = relationship("User", lazy="joined", foreign_keys=[translator_id])
    reviewer = relationship("User", lazy="joined", foreign_keys=[reviewer_id])

    __table_args__ = (
        UniqueConstraint("letter_id", "language"),
        Index("ix_letter_translation_translator", "translator_id", "letter_id"),
    )

    audit_fields = tuple(TRANSLATION_LABELS)
    audit_labels = TRANSLATION_LABELS

    @property
    def text(self) -> str:
        return "\n\n".join(p for p in self.paragraphs or [] if p and p.strip())

    def audit_label(self) -> str:
        return f"{self.letter.reference_no if self.letter else ''} [{self.language}]".strip()


TEMPLATE_KINDS = {
    "invitation": _l("Invitation"),
    "thank_you": _l("Thank-you letter"),
    "anniversary": _l("Congratulations on an anniversary"),
    "condolence": _l("Condolence"),
    "intent": _l("Letter of intent"),
}
TEMPLATE_LABELS = {
    "kind": _l("Kind"),
    "language": _l("Language"),
    "name": _l("Name"),
    "subject": _l("Subject"),
    "body": _l("Text"),
    "active": _l("In use"),
}


@record_kind("letter_template")
class LetterTemplate(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A model letter with {placeholders} filled from the partner, contact, delegation or event."""

    __tablename__ = "letter_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    language: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    subject: Mapped[str] = mapped_column(String(500), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (Index("ix_letter_template_kind", "kind", "language"),)

    audit_fields = tuple(TEMPLATE_LABELS)
    audit_labels = TEMPLATE_LABELS

    def audit_label(self) -> str:
        return self.name


class ReferenceCounter(db.Model):
    """The last sequence number given out per direction and year; updated in the letter's own transaction,
    so two registrations at once can never get the same number."""

    __tablename__ = "letter_reference_counter"

    direction: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
