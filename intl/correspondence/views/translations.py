"""Translations: asking for one (language and translator), the side-by-side editor, and the review.

The editor is a plain form: one box per paragraph of the original, beside it. Interns may draft the
translations they are the translator of (never of a confidential letter); only officers review them.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.forms import Form, error_text
from ..forms import TranslationAddForm, TranslationForm
from ..models import Letter, LetterTranslation
from ..translations import (
    add_translation,
    aligned_rows,
    original_changed,
    review_translation,
    save_translation,
    translator_choices,
)
from ..workflow import MoveRefused

MAX_PARAGRAPHS = 500


def _load_translation(letter_id: int, language: str, need: str) -> LetterTranslation:
    """A letter's translation into `language`, for the current user: 404 when the letter (as the user may see
    it) has none, 403 when the user may not `need` it."""
    letter = load_or_404(Letter, letter_id)
    translation = next((t for t in letter.translations if t.language == language), None)
    if translation is None:
        abort(404)
    if not can(current_user, translation, need):
        abort(403)
    return translation


@allow(STAFF)
def add_translation_view(letter_id: int):
    letter = load_or_404(Letter, letter_id, need="edit")
    form = TranslationAddForm(translators=translator_choices(letter))
    if form.validate_on_submit():
        try:
            translation = add_translation(letter, form.language.data, form.translator)
        except MoveRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()
            return redirect(
                url_for("correspondence.translation", letter_id=letter.id, language=translation.language)
            )
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("correspondence.detail", letter_id=letter.id) + "#translations")


def _posted_paragraphs() -> list[str]:
    try:
        count = min(int(request.form.get("paragraph_count", "0")), MAX_PARAGRAPHS)
    except ValueError:
        count = 0
    return [request.form.get(f"paragraph-{i}", "") for i in range(max(count, 0))]


@allow(READERS)
def translation(letter_id: int, language: str):
    item = _load_translation(letter_id, language, need="edit")
    letter = item.letter
    chooses_translator = can(current_user, item, "assign")
    translators = translator_choices(letter) if chooses_translator else []
    form = TranslationForm(
        obj=item, data={"translator_id": str(item.translator_id or "")}, translators=translators
    )
    if not chooses_translator:
        del form.translator_id
    conflict = None
    rows = aligned_rows(letter, item)
    if form.validate_on_submit():
        paragraphs = _posted_paragraphs()
        translator = form.translator_id.data if chooses_translator else None
        try:
            save_translation(
                item,
                form.subject.data,
                paragraphs,
                translator_id=int(translator) if translator and translator.isdigit() else None,
                change_translator=chooses_translator,
                expected_version=form.version.data,
            )
        except EditConflict as error:
            conflict = error.conflict
        except MoveRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(request.url)
        else:
            db.session.commit()
            flash(_("The translation is saved."), "success")
            if request.form.get("then") == "letter" or not can(current_user, item, "edit"):
                return redirect(url_for("correspondence.detail", letter_id=letter.id) + "#translations")
            return redirect(url_for("correspondence.translation", letter_id=letter.id, language=language))
        form.version.data = item.version
        # keep what the user typed beside the saved version
        originals = [original for original, _saved in rows]
        rows = [
            (originals[i] if i < len(originals) else None, paragraphs[i] if i < len(paragraphs) else "")
            for i in range(max(len(originals), len(paragraphs)))
        ]
    return render_template(
        "correspondence/translation.html",
        letter=letter,
        item=item,
        form=form,
        rows=rows,
        conflict=conflict,
        changed=original_changed(item),
        can_review=can(current_user, item, "review") and item.status == "draft",
    )


@allow(STAFF)
def review_translation_view(letter_id: int, language: str):
    item = _load_translation(letter_id, language, need="review")
    if Form().validate_on_submit():
        try:
            review_translation(item)
        except MoveRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()
            flash(_("The translation is reviewed."), "success")
    return redirect(url_for("correspondence.detail", letter_id=letter_id) + "#translations")
