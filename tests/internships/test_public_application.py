"""Issue 5: students apply through a programme's public link, without an account — uploads checked as on the
officers' form, consent recorded with the privacy notice's version, duplicates refused politely, closed and
wrong links, a replaced link, rate limits, CSRF, both languages, and the officer finding the application."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intl.core.audit import AuditEntry
from intl.core.files import StoredFile
from intl.core.time import today_in
from intl.internships.models import InternshipApplication
from tests.helpers import MINIMAL_PDF, PNG_1PX, app_config, page_text
from tests.internships.students import student


def office_today():
    return today_in("Asia/Taipei")


@pytest.fixture
def apply(client):
    """Send the public form as a student would (multipart, with a PDF CV unless told otherwise)."""

    def post(programme, token=None, cv=(MINIMAL_PDF, "cv.pdf"), transcript=None, headers=None, **overrides):
        position = overrides.pop("position_id", programme.positions[0].id if programme.positions else "")
        data = student(position, **overrides)
        if cv is not None:
            data["cv"] = (io.BytesIO(cv[0]), cv[1])
        if transcript is not None:
            data["transcript"] = (io.BytesIO(transcript[0]), transcript[1])
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(
            f"/internships/apply/{token or programme.application_token}",
            data=data,
            content_type="multipart/form-data",
            headers=headers or {"Accept-Language": "en"},
        )

    return post


def applications(database):
    return database.session.scalars(select(InternshipApplication).order_by(InternshipApplication.id)).all()


def stored_files(database) -> int:
    return database.session.scalar(select(func.count()).select_from(StoredFile))


def test_a_student_applies_with_both_documents_and_the_officer_sees_it(
    client, open_programme, apply, as_role, database
):
    programme = open_programme()
    url = f"/internships/apply/{programme.application_token}"
    form = page_text(client.get(url, headers={"Accept-Language": "en"}))
    assert "Summer internship" in form and "International exchange assistant" in form
    assert "How we use your details" in form and 'data-version="2026-11"' in form
    response = apply(programme, transcript=(PNG_1PX, "transcript.png"))
    assert response.status_code == 302, re.findall(
        r"(?:invalid-feedback|text-danger)[^>]*>([^<]*)<", page_text(response)
    )
    assert response.location.endswith(f"{url}/received")
    confirmation = page_text(client.get(response.location, headers={"Accept-Language": "en"}))
    assert "Application received" in confirmation
    assert "阮氏梅" in confirmation and "Summer internship" in confirmation
    for private in ("mai@example.edu.vn", "912 345 678", "國立中山大學", "International Business"):
        assert private not in confirmation
    # the confirmation is shown once; reloading it goes back to the form
    assert client.get(response.location).status_code == 302

    (application,) = applications(database)
    assert application.status == "received" and application.source == "public"
    assert application.programme_id == programme.id and application.position_id == programme.positions[0].id
    assert application.email == "mai@example.edu.vn" and application.nationality == "VN"
    assert application.study_level == "master" and application.study_year == 1
    assert application.languages == [["vi", "native"], ["en", "C1"], ["zh", "B2"]]
    assert application.consent_at is not None and application.privacy_version == "2026-11"
    assert application.notes is None
    assert application.cv_file.content_type == "application/pdf"
    assert application.transcript_file.content_type == "image/png"
    assert [(s.from_status, s.to_status, s.changed_by_id) for s in application.history] == [
        (None, "received", None)
    ]
    entry = database.session.scalars(
        select(AuditEntry).where(
            AuditEntry.kind == "internship_application", AuditEntry.entity_id == application.id
        )
    ).one()
    assert entry.action == "create" and entry.user_id is None and entry.changes["source"] == [None, "public"]

    as_role("officer")
    client.post("/language", data={"locale": "en"})
    listing = page_text(client.get(f"/internships/applications?programme={programme.id}"))
    assert "Nguyen Thi Mai" in listing and "data-source-public" in listing
    assert "Nguyen Thi Mai" in page_text(client.get("/internships/applications?q=nguyen"))
    detail = page_text(client.get(f"/internships/applications/{application.id}"))
    assert "Sent through the public link" in detail and "privacy notice 2026-11" in detail
    assert client.get(f"/internships/applications/{application.id}/documents/cv").data == MINIMAL_PDF
    assert client.get(f"/internships/applications/{application.id}/documents/transcript").data == PNG_1PX


def test_an_officer_typed_application_is_marked_as_from_the_office(client, as_role, make_position, database):
    as_role("officer")
    position = make_position()
    response = client.post(
        f"/internships/programmes/{position.programme_id}/applications/new",
        data={"name": "Tanaka Yui", "position_id": str(position.id)},
    )
    assert response.status_code == 302
    (application,) = applications(database)
    assert application.source == "office" and application.consent_at is None


def test_consent_is_required_and_nothing_is_saved(open_programme, apply, database):
    programme = open_programme()
    response = apply(programme, consent=None, transcript=(PNG_1PX, "transcript.png"))
    assert response.status_code == 200
    page = page_text(response)
    assert "The office can consider your application only with your consent." in page
    assert "Nguyen Thi Mai" in page  # what the student typed stays in the form
    assert applications(database) == [] and stored_files(database) == 0


def test_a_wrong_kind_of_file_is_refused_on_its_own_field(open_programme, apply, database):
    programme = open_programme()
    response = apply(programme, transcript=(b"MZ\x90\x00 not a document", "transcript.pdf"))
    assert response.status_code == 200
    page = page_text(response)
    assert "This kind of file is not accepted" in page
    transcript_field = page.split('name="transcript"')[1].split("</div>")[1]
    assert "This kind of file is not accepted" in transcript_field
    assert applications(database) == [] and stored_files(database) == 0  # not even the good CV


def test_an_oversize_file_is_refused(app, open_programme, apply, database, monkeypatch):
    programme = open_programme()
    monkeypatch.setitem(app.config, "MAX_DOCUMENT_BYTES", 100)
    response = apply(programme, cv=(MINIMAL_PDF * 3, "cv.pdf"))
    assert response.status_code == 200 and "The file is larger than" in page_text(response)
    assert applications(database) == [] and stored_files(database) == 0


def test_the_required_details_are_asked_for_clearly(open_programme, apply, database):
    programme = open_programme()
    response = apply(programme, cv=None, email="", school="", position_id="", name="")
    assert response.status_code == 200
    page = page_text(response)
    assert "Please correct the marked fields." in page
    assert "Attach your CV." in page
    assert "Give your e-mail address: the office answers there." in page
    assert "Choose the position you apply for." in page
    assert applications(database) == []
    bad = page_text(apply(programme, email="not-an-address", study_year="eleven", nationality="XX"))
    assert "Invalid email address." in bad and "Choose a country from the list." in bad
    assert "Not a valid integer value." in bad
    klingon = page_text(apply(programme, **{"languages-0-language": "tlh"}))
    assert "Not a valid choice" in klingon.split('name="languages-0-language"')[1].split("</select>")[1]
    assert applications(database) == []


def test_only_the_programmes_own_positions_can_be_chosen(open_programme, apply, database):
    programme = open_programme()
    other = open_programme(title={"en": "Another programme"})
    response = apply(programme, position_id=str(other.positions[0].id))
    assert response.status_code == 200 and "Not a valid choice" in page_text(response)
    assert applications(database) == []


def test_a_second_application_from_the_same_e_mail_is_refused_politely(open_programme, apply, database):
    from intl.internships.services import change_status

    programme = open_programme()
    assert apply(programme).status_code == 302
    again = apply(programme, email="MAI@example.edu.vn", name="Mai again")
    assert again.status_code == 200
    assert "You have already applied" in page_text(again) and "data-public-message" in page_text(again)
    assert len(applications(database)) == 1
    # another programme is another application
    assert apply(open_programme(title={"en": "Winter internship"})).status_code == 302
    # once the first is declined, the student may apply again
    change_status(applications(database)[0], "declined")
    database.session.commit()
    assert apply(programme, name="Mai, second try").status_code == 302
    assert len(applications(database)) == 3


def test_closed_programmes_say_so_and_take_nothing(open_programme, apply, client, database):
    from intl.core.archive import archive

    today = office_today()
    last_day = open_programme(apply_by=today)
    assert "data-public-application" in page_text(
        client.get(f"/internships/apply/{last_day.application_token}")
    )
    closed = open_programme(apply_by=today - timedelta(days=1))
    page = page_text(
        client.get(f"/internships/apply/{closed.application_token}", headers={"Accept-Language": "en"})
    )
    assert "Applications are closed" in page and "data-public-application" not in page
    response = apply(closed)
    assert response.status_code == 200 and "Applications are closed" in page_text(response)
    ended = open_programme(
        apply_by=None, start_on=today - timedelta(days=60), end_on=today - timedelta(days=1)
    )
    assert "Applications are closed" in page_text(apply(ended))
    archived = open_programme()
    archive(archived)
    database.session.commit()
    assert "Applications are closed" in page_text(apply(archived))
    assert applications(database) == []


def test_a_wrong_link_is_not_found(client, open_programme, apply):
    open_programme()
    assert client.get("/internships/apply/not-a-token").status_code == 404
    assert client.get(f"/internships/apply/{'x' * 80}").status_code == 404
    assert client.get("/internships/apply/not-a-token/received").status_code == 404
    programme = open_programme()
    assert apply(programme, token="also-not-a-token").status_code == 404


def test_replacing_the_link_revokes_the_old_one(client, as_role, open_programme, apply, database):
    programme = open_programme()
    old = programme.application_token
    as_role("officer")
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/internships/programmes/{programme.id}"))
    assert f"/internships/apply/{old}?lang=zh_Hant_TW" in page and f"/internships/apply/{old}?lang=en" in page
    response = client.post(f"/internships/programmes/{programme.id}/application-link")
    assert response.status_code == 302 and response.location.endswith("#application-link")
    database.session.refresh(programme)
    new = programme.application_token
    assert new != old and len(new) >= 24
    assert client.get(f"/internships/apply/{old}").status_code == 404
    assert client.get(f"/internships/apply/{new}").status_code == 200
    assert apply(programme, token=old).status_code == 404
    assert apply(programme, token=new).status_code == 302
    change = database.session.scalars(
        select(AuditEntry).where(AuditEntry.kind == "internship_programme", AuditEntry.action == "update")
    ).one()
    assert change.changes == {"application_token": [None, "•••"]}  # the secret is not in the log


def test_replacing_the_link_needs_a_csrf_token(app, client, as_role, open_programme):
    programme = open_programme()
    as_role("officer")
    with app_config(app, WTF_CSRF_ENABLED=True):
        response = client.post(f"/internships/programmes/{programme.id}/application-link")
        assert response.status_code == 400


def test_the_public_form_refuses_a_post_without_csrf_token(app, client, open_programme, database):
    programme = open_programme()
    url = f"/internships/apply/{programme.application_token}"
    data = student(programme.positions[0].id, cv=(io.BytesIO(MINIMAL_PDF), "cv.pdf"))
    with app_config(app, WTF_CSRF_ENABLED=True):
        refused = client.post(
            url, data=data, content_type="multipart/form-data", headers={"Accept-Language": "en"}
        )
        assert refused.status_code == 400 and "not sent by this site" in page_text(refused)
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', page_text(client.get(url))
        ).group(1)
        data = student(programme.positions[0].id, cv=(io.BytesIO(MINIMAL_PDF), "cv.pdf"), csrf_token=token)
        accepted = client.post(url, data=data, content_type="multipart/form-data")
        assert accepted.status_code == 302
    assert len(applications(database)) == 1


def test_too_many_submissions_answer_429(app, client, open_programme, apply, database):
    programme = open_programme()
    with app_config(app, REGISTRATION_IP_LIMIT=3):
        for i in range(3):
            assert apply(programme, email=f"s{i}@example.edu", name=f"Student {i}").status_code == 302
        blocked = apply(programme, email="late@example.edu", name="One too many")
        assert blocked.status_code == 429 and "Too many requests" in page_text(blocked)
        assert int(blocked.headers["Retry-After"]) > 0
        chinese = apply(programme, email="again@example.edu", headers={"Accept-Language": "zh-TW"})
        assert chinese.status_code == 429 and "Too many requests" not in page_text(chinese)
    assert len(applications(database)) == 3


def test_refused_forms_count_too_and_the_programme_has_its_own_limit(
    app, client, open_programme, apply, database
):
    programme = open_programme()
    with app_config(app, APPLICATION_PROGRAMME_LIMIT=2):
        assert apply(programme, consent=None).status_code == 200  # refused, but counted
        assert apply(programme).status_code == 302
        assert apply(programme, email="other@example.edu").status_code == 429
        other = open_programme(title={"en": "Another programme"})
        assert apply(other).status_code == 302


def test_guessing_links_is_slowed_down(app, client):
    with app_config(app, REGISTRATION_IP_LIMIT=2):
        assert client.get("/internships/apply/not-a-token").status_code == 404
        assert client.get("/internships/apply/nor-this-one").status_code == 404
        assert client.get("/internships/apply/still-not-a-token").status_code == 429


def test_the_page_is_chinese_by_default_and_english_on_request(client, open_programme):
    programme = open_programme()
    url = f"/internships/apply/{programme.application_token}"

    def heading(page):
        return page.split('<h1 class="h3 mb-1">')[1].split("</h1>")[0]

    chinese = page_text(client.get(url))
    assert heading(chinese) == "暑期實習" and 'lang="zh-Hant-TW"' in chinese
    assert "Send my application" not in chinese
    english = page_text(client.get(url, headers={"Accept-Language": "en-US,en"}))
    assert heading(english) == "Summer internship" and "Send my application" in english
    # a published ?lang= link sets the language, then the page answers at its plain address
    switched = client.get(f"{url}?lang=en")
    assert switched.status_code == 302 and switched.location.endswith(url)
    assert "Send my application" in page_text(client.get(url))
    # and the header's switcher changes it back
    client.post("/language", data={"locale": "zh_Hant_TW", "next": url})
    assert heading(page_text(client.get(url))) == "暑期實習"


def test_the_page_shows_no_staff_navigation_and_stays_private(client, as_role, open_programme):
    programme = open_programme()
    url = f"/internships/apply/{programme.application_token}"
    response = client.get(url)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    as_role("officer")  # even an officer opening the link sees what students see
    page = page_text(client.get(url))
    assert "data-nav-programmes" not in page and "/internships/applications" not in page
    assert "language-switcher" in page
    assert "data-nav-programmes" in page_text(client.get(f"/internships/programmes/{programme.id}"))
