"""Who sees which letter: admins everything; officers every letter but the confidential ones they are not
assigned to; interns only the non-confidential letters they translate. Lists, counts, search, the letter's
page, its attachments and its printed forms all follow the same rule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from intl.correspondence import steps
from intl.correspondence.translations import add_translation
from tests.helpers import MINIMAL_PDF, page_text, upload


@pytest.fixture
def letters(make_user, make_letter, database):
    """An open letter, a confidential one in officer A's charge, and one an intern translates."""
    from intl.core.time import office_today
    from intl.correspondence.services import add_attachment

    officer_a = make_user("officer", display_name="Officer A")
    officer_b = make_user("officer", display_name="Officer B")
    intern = make_user("intern", display_name="Intern")
    other_intern = make_user("intern", display_name="Other intern")
    late = office_today() - timedelta(days=2)
    public = make_letter("incoming", subject="公開來函 open letter", due_on=late)
    secret = make_letter("incoming", subject="機密來函 secret letter", confidential=True, due_on=late)
    steps.assign(secret, officer_a.id)
    add_attachment(secret, upload(MINIMAL_PDF, "scan.pdf"), "scan")
    translated = make_letter("outgoing", subject="實習生翻譯 intern letter", language="zh_Hant", due_on=late)
    add_translation(translated, "en", intern.id)
    database.session.commit()
    return {
        "officer_a": officer_a,
        "officer_b": officer_b,
        "intern": intern,
        "other_intern": other_intern,
        "public": public,
        "secret": secret,
        "translated": translated,
    }


def listed(client, url="/letters") -> set[str]:
    rows = page_text(client.get(url)).split("data-letter-list")[1]
    return {word for word in ("open letter", "secret letter", "intern letter") if word in rows}


def test_admin_sees_everything(client, make_user, login, letters):
    login(make_user("admin"))
    assert listed(client) == {"open letter", "secret letter", "intern letter"}
    assert client.get(f"/letters/{letters['secret'].id}").status_code == 200
    assert 'data-overdue-count="3"' in page_text(client.get("/letters"))


def test_the_assigned_officer_sees_the_confidential_letter_others_do_not(client, login, letters):
    secret = letters["secret"]
    login(letters["officer_a"])
    assert listed(client) == {"open letter", "secret letter", "intern letter"}
    assert listed(client, "/letters?q=機密") == {"secret letter"}
    assert client.get(f"/letters/{secret.id}").status_code == 200
    attachment = secret.attachments[0]
    assert client.get(f"/letters/{secret.id}/attachments/{attachment.id}").status_code == 200

    login(letters["officer_b"])
    assert listed(client) == {"open letter", "intern letter"}
    assert listed(client, "/letters?q=機密") == set()  # search never reveals it either
    assert listed(client, "/letters?overdue=1") == {"open letter", "intern letter"}
    assert 'data-overdue-count="2"' in page_text(client.get("/letters"))
    assert client.get(f"/letters/{secret.id}").status_code == 403
    assert client.get(f"/letters/{secret.id}/attachments/{attachment.id}").status_code == 403
    assert client.get(f"/letters/{secret.id}/edit").status_code == 403


def test_interns_see_only_the_letters_they_translate(client, login, letters):
    login(letters["intern"])
    assert listed(client) == {"intern letter"}
    assert listed(client, "/letters?q=來函") == set()
    assert client.get(f"/letters/{letters['public'].id}").status_code == 403
    assert client.get(f"/letters/{letters['translated'].id}").status_code == 200
    assert client.get(f"/letters/{letters['translated'].id}/letter.pdf").status_code == 200

    login(letters["other_intern"])
    assert listed(client) == set()
    assert client.get(f"/letters/{letters['translated'].id}").status_code == 403


def test_an_intern_can_never_open_a_confidential_letter(client, login, letters, database):
    from intl.correspondence.workflow import MoveRefused

    secret, intern = letters["secret"], letters["intern"]
    login(intern)
    assert client.get(f"/letters/{secret.id}").status_code == 403
    assert client.get(f"/letters/{secret.id}/letter.docx").status_code in (403, 404)
    # nobody can make an intern its translator ...
    with pytest.raises(MoveRefused):
        add_translation(secret, "en", intern.id)
    # ... and a letter that becomes confidential closes to the intern translating it
    translated = letters["translated"]
    translated.confidential = True
    database.session.commit()
    assert client.get(f"/letters/{translated.id}").status_code == 403
    assert client.get(f"/letters/{translated.id}/translations/en").status_code == 403
    assert listed(client) == set()


def test_leaders_have_no_letters(client, make_user, login, letters):
    login(make_user("leader"))
    assert client.get("/letters").status_code == 403
    assert client.get(f"/letters/{letters['public'].id}").status_code == 403


def test_the_officer_registering_a_confidential_letter_for_a_colleague_is_told(
    client, as_role, make_user, database
):
    as_role("officer")
    colleague = make_user("officer")
    response = client.post(
        "/letters/new?direction=incoming",
        data={
            "direction": "incoming",
            "subject": "Personal matter",
            "letter_on": "2026-11-20",
            "language": "en",
            "channel": "hand",
            "confidential": "y",
            "assigned_to_id": str(colleague.id),
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "僅承辦人及管理員可見" in page_text(response)
    assert "Personal matter" not in page_text(response).split("data-letter-list")[1]


def test_the_policy_and_its_sql_give_the_same_answer(app, make_user, letters, database):
    """One rule: what `can(user, letter, "view")` answers for each letter is what lists, counts and search
    select with `visible(user, Letter)`, for every role."""
    from sqlalchemy import select

    from intl.core.access import can, visible
    from intl.correspondence.models import Letter

    users = [
        make_user("admin"),
        letters["officer_a"],
        letters["officer_b"],
        letters["intern"],
        letters["other_intern"],
        make_user("leader"),
    ]
    everything = database.session.scalars(select(Letter)).all()
    for user in users:
        listed_ids = set(database.session.scalars(select(Letter.id).where(visible(user, Letter))))
        assert listed_ids == {letter.id for letter in everything if can(user, letter, "view")}, user.role
    assert not can(letters["officer_b"], letters["secret"], "view")
    assert can(letters["officer_a"], letters["secret"], "edit")
    assert not can(letters["intern"], letters["translated"], "edit")  # interns edit translations, not letters


def test_a_deactivated_officer_sees_no_letter(make_user, letters, database):
    from sqlalchemy import select

    from intl.core.access import can, visible
    from intl.correspondence.models import Letter

    officer = letters["officer_a"]
    officer.active = False
    database.session.commit()
    assert not can(officer, letters["public"], "view")
    assert database.session.scalars(select(Letter.id).where(visible(officer, Letter))).all() == []


def test_replies_the_reader_may_not_open_are_not_listed(client, login, make_letter, letters, database):
    public = letters["public"]
    make_letter("outgoing", subject="Open reply", in_reply_to_id=public.id)
    secret_reply = make_letter(
        "outgoing", subject="Secret reply", in_reply_to_id=public.id, confidential=True
    )
    steps.assign(secret_reply, letters["officer_a"].id)
    database.session.commit()
    login(letters["officer_a"])
    page = page_text(client.get(f"/letters/{public.id}"))
    replies = page.split("data-replies")[1].split("</dd>")[0]
    assert replies.count("KCG-INT-") == 2
    login(letters["officer_b"])
    page = page_text(client.get(f"/letters/{public.id}"))
    replies = page.split("data-replies")[1].split("</dd>")[0]
    assert replies.count("KCG-INT-") == 1 and secret_reply.reference_no not in replies


def test_purging_a_letter_takes_its_search_rows_with_it(client, make_user, login, letters, database):
    """The letter's before-purge hook is registered by the blueprint (no model method)."""
    from sqlalchemy import func, select

    from intl.core.search import SearchDoc

    public = letters["public"]

    def indexed() -> int:
        return database.session.scalar(
            select(func.count())
            .select_from(SearchDoc)
            .where(SearchDoc.kind == "letter", SearchDoc.entity_id == public.id)
        )

    assert indexed() == 1
    login(make_user("admin"))
    client.post(f"/letters/{public.id}/archive")
    response = client.post(f"/admin/archive/letter/{public.id}/purge", data={"confirm": "purge"})
    assert response.status_code == 302
    assert indexed() == 0
