"""Translations: asking for one (language and translator), the side-by-side editor, and the review.

The editor is a plain form: one box per paragraph of the original, beside it. Interns may draft the
translations they are the translator of (never of a confidential letter); only officers review them.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.conflicts import detect_conflict
from ..core.db import db
from ..core.forms import error_text
from ..core.permissions import STAFF, roles_required
from .access import get_letter_or_404, get_translation_or_404
from .blueprint import VIEWERS, bp
from .forms import TranslationAddForm, TranslationForm
from .models import TRANSLATION_LABELS
from .translations import (
    add_translation,
    aligned_rows,
    clean_paragraph,
    original_changed,
    review_translation,
    save_translation,
    translator_choices,
)
from .workflow import MoveRefused

MAX_PARAGRAPHS = 500


@bp.route("/letters/<int:letter_id>/translations", methods=["POST"], endpoint="add_translation")
@roles_required(*STAFF)
def add_translation_view(letter_id: int):
    letter = get_letter_or_404(letter_id, need="edit")
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


@bp.route("/letters/<int:letter_id>/translations/<language>", methods=["GET", "POST"])
@roles_required(*VIEWERS)
def translation(letter_id: int, language: str):
    item = get_translation_or_404(letter_id, language, need="edit")
    letter = item.letter
    staff = current_user.role in STAFF
    translators = translator_choices(letter) if staff else []
    form = TranslationForm(
        obj=item, data={"translator_id": str(item.translator_id or "")}, translators=translators
    )
    if not staff:
        del form.translator_id
    conflict = None
    rows = aligned_rows(letter, item)
    if form.validate_on_submit():
        paragraphs = _posted_paragraphs()
        translator = form.translator_id.data if staff else None

        def apply(target):
            target.subject = (form.subject.data or "").strip() or None
            target.paragraphs = [clean_paragraph(p) for p in paragraphs]

        conflict = detect_conflict(item, form.version.data, apply, TRANSLATION_LABELS)
        if conflict is None:
            try:
                save_translation(
                    item,
                    form.subject.data,
                    paragraphs,
                    translator_id=int(translator) if translator and translator.isdigit() else None,
                    change_translator=staff,
                )
            except MoveRefused as refusal:
                db.session.rollback()
                flash(str(refusal), "danger")
                return redirect(request.url)
            db.session.commit()
            flash(_("The translation is saved."), "success")
            if request.form.get("then") == "letter" or not item.can_edit(current_user):
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
        can_review=item.can_review(current_user) and item.status == "draft",
    )


@bp.route(
    "/letters/<int:letter_id>/translations/<language>/review", methods=["POST"], endpoint="review_translation"
)
@roles_required(*STAFF)
def review_translation_view(letter_id: int, language: str):
    from ..core.forms import Form

    item = get_translation_or_404(letter_id, language, need="review")
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
