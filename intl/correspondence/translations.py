"""Translations of a letter, paragraph by paragraph.

The original is split at blank lines; a translation keeps one entry per original paragraph (an empty entry
for one not yet translated), so the side-by-side editor always pairs each paragraph with its own
translation, even when the translator works out of order. Paragraphs the original no longer has (it was
shortened after translating) stay at the end, marked, never silently dropped.
"""

from __future__ import annotations

import hashlib
import re

from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.models import User
from ..core import audit
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import now_utc
from .access import CONFIDENTIAL_TRANSLATORS, TRANSLATORS
from .models import Letter, LetterTranslation
from .services import reindex
from .workflow import MoveRefused

_BLANK_LINE = re.compile(r"\n(?:[ \t\u3000]*\n)+")


def _lines(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def split_paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a text: blocks separated by blank lines, trimmed, empty ones dropped."""
    return [block.strip() for block in _BLANK_LINE.split(_lines(text)) if block.strip()]


def clean_paragraph(text: str | None) -> str:
    """One paragraph as typed in its box: a blank line inside it would make two, so it becomes a line break."""
    return "\n".join(line.rstrip() for line in _BLANK_LINE.sub("\n", _lines(text)).strip().split("\n"))


def source_digest(letter: Letter) -> str:
    return hashlib.sha256("\n\n".join(split_paragraphs(letter.body)).encode()).hexdigest()


def aligned_rows(letter: Letter, translation: LetterTranslation) -> list[tuple[str | None, str]]:
    """(original paragraph, its translation) pairs; None for translated paragraphs beyond the original."""
    originals = split_paragraphs(letter.body)
    translated = list(translation.paragraphs or [])
    count = max(len(originals), len(translated))
    return [
        (originals[i] if i < len(originals) else None, translated[i] if i < len(translated) else "")
        for i in range(count)
    ]


def original_changed(translation: LetterTranslation) -> bool:
    return translation.source_hash is not None and translation.source_hash != source_digest(
        translation.letter
    )


def translator_choices(letter: Letter) -> list[User]:
    """Officers, and interns unless the letter is confidential (interns never open those)."""
    roles = CONFIDENTIAL_TRANSLATORS if letter.confidential else TRANSLATORS
    return list(
        db.session.scalars(
            select(User).where(User.active.is_(True), User.role.in_(roles)).order_by(User.display_name)
        )
    )


def _check_translator(letter: Letter, translator_id: int | None) -> None:
    if translator_id is None:
        return
    if translator_id not in {u.id for u in translator_choices(letter)}:
        raise MoveRefused(
            _("Choose a translator from the list: interns cannot translate confidential letters.")
        )


def add_translation(letter: Letter, language: str, translator_id: int | None) -> LetterTranslation:
    if language == letter.language:
        raise MoveRefused(_("That is the language of the original."))
    if any(t.language == language for t in letter.translations):
        raise MoveRefused(_("The letter already has a translation into that language."))
    _check_translator(letter, translator_id)
    translation = LetterTranslation(
        letter=letter,
        language=language,
        translator_id=translator_id,
        status="draft",
        paragraphs=["" for _p in split_paragraphs(letter.body)],
    )
    db.session.add(translation)
    db.session.flush()
    audit.record_create(translation)
    audit.record("update", letter, {"translations": [None, language]})
    return translation


def save_translation(
    translation: LetterTranslation,
    subject: str | None,
    paragraphs: list[str],
    translator_id: int | None = None,
    change_translator: bool = False,
    expected_version: int | None = None,
) -> None:
    """Store the translated paragraphs (aligned by position); a change to a reviewed translation sends it
    back to draft, to be reviewed again. EditConflict when it changed since `expected_version`."""
    cleaned = [clean_paragraph(p) for p in paragraphs]
    originals = len(split_paragraphs(translation.letter.body))
    while len(cleaned) > originals and not cleaned[-1]:
        cleaned.pop()  # empty boxes past the original's end carry nothing
    fields = {"subject": (subject or "").strip() or None, "paragraphs": cleaned}
    check_version(translation, expected_version, fields)
    before = translation.audit_state()
    translation.subject = fields["subject"]
    translation.paragraphs = cleaned
    if change_translator:
        _check_translator(translation.letter, translator_id)
        translation.translator_id = translator_id
    translation.source_hash = source_digest(translation.letter)
    changed = audit.diff(before, translation.audit_state())
    if translation.status == "reviewed" and ({"subject", "paragraphs"} & changed.keys()):
        translation.status = "draft"
        translation.reviewer_id = None
        translation.reviewed_at = None
    db.session.flush()
    reindex(translation.letter)
    audit.record_update(translation, before)


def review_translation(translation: LetterTranslation) -> None:
    if not translation.text.strip():
        raise MoveRefused(_("There is nothing to review yet."))
    before = translation.audit_state()
    translation.status = "reviewed"
    translation.reviewer_id = acting_user_id()
    translation.reviewed_at = now_utc()
    db.session.flush()
    audit.record_update(translation, before)
