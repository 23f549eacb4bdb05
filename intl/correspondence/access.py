"""Who may see and change which letter, its translations and the letter templates: the one place the letter
pages, the downloads, the lists, the search and the dashboard ask.

A letter is seen by administrators; by officers unless it is confidential and they are not assigned to it (in
charge of it, or translating it); by interns only when it is not confidential and they translate it. Staff
change the letters they see. `LetterPolicy.visible(user)` states the same rule in SQL, so that a list, a
count or a search never shows (or counts) a letter its reader could not open.
"""

from __future__ import annotations

from sqlalchemy import and_, false, or_, select, true

from ..core.access import ADMINS, READERS, STAFF, Policy, in_roles, policy_for
from .models import Letter, LetterTemplate, LetterTranslation

# The named sets of the letters' rules.
EVERY_LETTER = ADMINS  # confidential letters included, assigned or not
OFFICE_LETTERS = STAFF  # letters not confidential, and the confidential ones they are assigned to
IN_CHARGE = STAFF  # may be put in charge of a letter
TRANSLATORS = READERS  # may translate a letter that is not confidential
CONFIDENTIAL_TRANSLATORS = STAFF  # may translate a confidential one


def is_assigned(user, letter: Letter) -> bool:
    """In charge of the letter, or translating it."""
    return user.id == letter.assigned_to_id or any(t.translator_id == user.id for t in letter.translations)


def _assigned_sql(user):
    translating = select(LetterTranslation.letter_id).where(LetterTranslation.translator_id == user.id)
    return or_(Letter.assigned_to_id == user.id, Letter.id.in_(translating))


def letter_visible(user, letter: Letter | None) -> bool:
    if letter is None:
        return in_roles(user, READERS)
    if in_roles(user, EVERY_LETTER):
        return True
    if in_roles(user, OFFICE_LETTERS):
        return not letter.confidential or is_assigned(user, letter)
    return in_roles(user, READERS) and not letter.confidential and is_assigned(user, letter)


@policy_for(Letter)
class LetterPolicy(Policy):
    def view(self, user, record) -> bool:
        return letter_visible(user, record)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF) and letter_visible(user, record)

    def visible(self, user):
        if in_roles(user, EVERY_LETTER):
            return true()
        if in_roles(user, OFFICE_LETTERS):
            return or_(Letter.confidential.is_(False), _assigned_sql(user))
        if in_roles(user, READERS):
            return and_(Letter.confidential.is_(False), _assigned_sql(user))
        return false()


@policy_for(LetterTranslation)
class LetterTranslationPolicy(Policy):
    """Officers who see the letter work on its translations; an intern drafts only the translation they are
    the translator of (never approving it)."""

    def view(self, user, record) -> bool:
        return letter_visible(user, record.letter if record is not None else None)

    def create(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, record) -> bool:
        if record is None:
            return in_roles(user, READERS)
        letter = record.letter
        if not letter_visible(user, letter) or letter.archived_at is not None:
            return False
        if in_roles(user, STAFF):
            return True
        return record.translator_id == user.id and record.status == "draft"

    def review(self, user, record) -> bool:
        return in_roles(user, STAFF) and (record is None or letter_visible(user, record.letter))

    def assign(self, user, record) -> bool:
        """Choose (or change) the translator."""
        return self.review(user, record)


@policy_for(LetterTemplate)
class LetterTemplatePolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STAFF)
