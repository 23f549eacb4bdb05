"""The demo correspondence loads on top of the demo office, once."""

from __future__ import annotations

from sqlalchemy import func, select

from intl.correspondence.models import Letter, LetterTemplate, LetterTranslation


def test_demo_letters(app, database):
    from intl.core.time import office_today
    from intl.correspondence.demo import load_correspondence_demo
    from intl.demo.loader import load_demo

    load_demo()
    load_correspondence_demo()
    load_correspondence_demo()  # a second call adds nothing
    letters = database.session.scalars(select(Letter).order_by(Letter.id)).all()
    assert len(letters) == 5
    assert {letter.language for letter in letters} == {"ja", "en", "zh_Hant"}
    assert sum(letter.is_overdue(office_today()) for letter in letters) == 1
    assert sum(letter.confidential for letter in letters) == 1
    assert [letter.status for letter in letters if letter.in_reply_to_id] == ["sent"]
    reviewed = database.session.scalars(
        select(LetterTranslation).where(LetterTranslation.status == "reviewed")
    )
    assert [t.language for t in reviewed] == ["zh_Hant"]
    assert (
        database.session.scalar(select(func.count()).select_from(LetterTemplate)) == 19
    )  # with issue 15's ko, vi, id, th
