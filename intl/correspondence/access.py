"""Who may see which letter, as SQL for lists and search and as a loader for single-letter pages.

`visible_to(user)` is `Letter.can_view(user)` written as a WHERE condition, so that a list, a count or a
search never shows (or counts) a letter its reader could not open.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import and_, false, or_, select, true

from ..core.db import db
from .models import Letter, LetterTranslation


def _assigned(user):
    translating = select(LetterTranslation.letter_id).where(LetterTranslation.translator_id == user.id)
    return or_(Letter.assigned_to_id == user.id, Letter.id.in_(translating))


def visible_to(user):
    if not user.is_authenticated:
        return false()
    if user.role == "admin":
        return true()
    if user.role == "officer":
        return or_(Letter.confidential.is_(False), _assigned(user))
    if user.role == "intern":
        return and_(Letter.confidential.is_(False), _assigned(user))
    return false()


def get_letter_or_404(letter_id: int, need: str = "view") -> Letter:
    letter = db.session.get(Letter, letter_id)
    if letter is None or (letter.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = letter.can_edit(current_user) if need == "edit" else letter.can_view(current_user)
    if not allowed:
        abort(403)
    return letter


def get_translation_or_404(letter_id: int, language: str, need: str = "view") -> LetterTranslation:
    letter = get_letter_or_404(letter_id)
    translation = next((t for t in letter.translations if t.language == language), None)
    if translation is None:
        abort(404)
    allowed = {
        "view": translation.can_view,
        "edit": translation.can_edit,
        "review": translation.can_review,
    }[need](current_user)
    if not allowed:
        abort(403)
    return translation
