"""The side-by-side editor: one box per paragraph of the original, kept in step however the translator works;
interns draft, officers review; a change to a reviewed translation needs another review; edits made over
someone else's are refused."""

from __future__ import annotations

import re

from sqlalchemy import select

from intl.core.audit import AuditEntry
from intl.correspondence.models import LetterTranslation
from intl.correspondence.translations import add_translation, aligned_rows, clean_paragraph, split_paragraphs
from tests.helpers import page_text

ORIGINAL = "敬啟者：\n\n本府訂於明年二月舉辦高雄燈會。\r\n\r\n   \n誠摯邀請貴市代表團蒞臨。\n第二行。\n\n耑此　敬頌\n時祺"


def test_paragraphs_are_blocks_between_blank_lines():
    assert split_paragraphs(ORIGINAL) == [
        "敬啟者：",
        "本府訂於明年二月舉辦高雄燈會。",
        "誠摯邀請貴市代表團蒞臨。\n第二行。",
        "耑此　敬頌\n時祺",
    ]
    assert split_paragraphs("") == [] and split_paragraphs(None) == []
    assert clean_paragraph("  one\n\n\ntwo  ") == "one\ntwo"  # a blank line inside a box would split it


def test_the_editor_shows_each_original_paragraph_beside_its_box(
    client, make_user, login, make_letter, database
):
    intern = make_user("intern")
    letter = make_letter("outgoing", body=ORIGINAL)
    translation = add_translation(letter, "en", intern.id)
    database.session.commit()
    login(intern)
    page = page_text(client.get(f"/letters/{letter.id}/translations/en"))
    rows = re.findall(r'data-paragraph="(\d+)"', page)
    assert rows == ["0", "1", "2", "3"]
    third = page.split('data-paragraph="2"')[1].split("data-paragraph=")[0]
    assert "誠摯邀請貴市代表團蒞臨。\n第二行。" in third and 'name="paragraph-2"' in third
    assert 'lang="en"' in third and 'lang="zh-Hant"' in third

    # the intern translates the last paragraph first and leaves the second empty: alignment holds
    response = client.post(
        f"/letters/{letter.id}/translations/en",
        data={
            "subject": "Invitation",
            "paragraph_count": "4",
            "paragraph-0": "Dear Sir or Madam,",
            "paragraph-1": "",
            "paragraph-2": "We warmly invite your delegation.\n\n\nLine two.",
            "paragraph-3": "Yours sincerely",
            "version": str(translation.version),
        },
    )
    assert response.status_code == 302
    database.session.refresh(translation)
    assert translation.paragraphs == [
        "Dear Sir or Madam,",
        "",
        "We warmly invite your delegation.\nLine two.",
        "Yours sincerely",
    ]
    assert translation.status == "draft" and translation.translator_id == intern.id
    assert [pair for pair in aligned_rows(letter, translation)][1] == ("本府訂於明年二月舉辦高雄燈會。", "")
    again = page_text(client.get(f"/letters/{letter.id}/translations/en"))
    second = again.split('data-paragraph="1"')[1].split("data-paragraph=")[0]
    assert "本府訂於明年二月舉辦高雄燈會。" in second and "></textarea>" in second
    fourth = again.split('data-paragraph="3"')[1]
    assert "Yours sincerely</textarea>" in fourth


def test_paragraphs_beyond_a_shortened_original_are_kept_and_marked(client, as_role, make_letter, database):
    from intl.correspondence.services import update_letter
    from intl.correspondence.translations import save_translation

    as_role("officer")
    letter = make_letter("outgoing", body="One.\n\nTwo.\n\nThree.", language="en")
    translation = add_translation(letter, "zh_Hant", None)
    save_translation(translation, None, ["一。", "二。", "三。"])
    update_letter(letter, body="One.\n\nTwo.")
    database.session.commit()
    page = page_text(client.get(f"/letters/{letter.id}/translations/zh_Hant"))
    assert "原文已無此段" in page and "三。</textarea>" in page
    assert "原文在此翻譯上次儲存後已變更" in page


def test_interns_cannot_review_or_edit_a_reviewed_translation(
    client, make_user, login, make_letter, database
):
    intern = make_user("intern")
    officer = make_user("officer")
    letter = make_letter("outgoing", body="One.")
    translation = add_translation(letter, "en", intern.id)
    database.session.commit()
    login(intern)
    url = f"/letters/{letter.id}/translations/en"
    client.post(url, data={"paragraph_count": "1", "paragraph-0": "Eins.", "version": translation.version})
    assert client.post(url + "/review").status_code == 403
    login(officer)
    assert client.post(url + "/review").status_code == 302
    database.session.refresh(translation)
    assert (translation.status, translation.reviewer_id) == ("reviewed", officer.id)
    login(intern)
    assert client.get(url).status_code == 403  # reviewed: only officers change it now
    # an officer's change sends it back for another review
    login(officer)
    client.post(
        url,
        data={
            "paragraph_count": "1",
            "paragraph-0": "One.",
            "version": translation.version,
            "translator_id": str(intern.id),
        },
    )
    database.session.refresh(translation)
    assert translation.status == "draft" and translation.reviewer_id is None
    entries = database.session.scalars(
        select(AuditEntry).where(
            AuditEntry.kind == "letter_translation", AuditEntry.entity_id == translation.id
        )
    ).all()
    assert any("status" in e.changes and e.changes["status"] == ["draft", "reviewed"] for e in entries)


def test_a_save_over_someone_elses_change_is_refused(client, as_role, make_letter, database):
    as_role("officer")
    letter = make_letter("outgoing", body="One.\n\nTwo.")
    translation = add_translation(letter, "ja", None)
    database.session.commit()
    opened = translation.version
    url = f"/letters/{letter.id}/translations/ja"
    client.post(
        url, data={"paragraph_count": "2", "paragraph-0": "一。", "paragraph-1": "二。", "version": opened}
    )
    response = client.post(
        url, data={"paragraph_count": "2", "paragraph-0": "壱。", "paragraph-1": "", "version": opened}
    )
    assert response.status_code == 200 and "data-conflict" in page_text(response)
    database.session.expire_all()
    saved = database.session.scalars(
        select(LetterTranslation).where(LetterTranslation.id == translation.id)
    ).one()
    assert saved.paragraphs == ["一。", "二。"]
    assert "壱。</textarea>" in page_text(response)  # the user's input is still in the form


def test_a_translation_into_the_original_language_or_twice_is_refused(client, as_role, make_letter, database):
    as_role("officer")
    letter = make_letter("outgoing", language="en")
    client.post(f"/letters/{letter.id}/translations", data={"language": "en", "translator_id": ""})
    client.post(f"/letters/{letter.id}/translations", data={"language": "ja", "translator_id": ""})
    client.post(f"/letters/{letter.id}/translations", data={"language": "ja", "translator_id": ""})
    database.session.refresh(letter)
    assert [t.language for t in letter.translations] == ["ja"]
