"""The end of a placement: the supervisor's evaluation completes it, and the certificate of internship is a
bilingual PDF (read back with pypdf) counting approved hours only. Also the demo data."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from intl.core.localized import LocalizedText
from tests.helpers import page_text


def pdf_text(response) -> str:
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


EVALUATION = {
    "rating_reliability": "5",
    "rating_quality": "4",
    "rating_languages": "5",
    "rating_teamwork": "4",
    "rating_initiative": "3",
    "rating_overall": "4",
    "strengths": "Careful translations",
    "improvements": "Speak up in meetings",
    "recommend": "y",
}


def test_evaluation_completes_the_placement_and_the_certificate_follows(
    client, login, make_user, make_organization, make_position, make_placement, database
):
    from intl.internships.placement_services import add_entry, approve_entry

    bureau = make_organization(
        names={"zh_Hant": "高雄市政府秘書處", "en": "Secretariat, Kaohsiung City Government"},
        kind="city_bureau",
        country="TW",
    )
    position = make_position(
        title=LocalizedText({"zh_Hant": "國際交流助理", "en": "International exchange assistant"}),
        host_organization_id=bureau.id,
    )
    intern = make_user("intern", display_name="Nguyen Thi Mai")
    supervisor = make_user("officer", display_name="林怡君")
    placement, _, _ = make_placement(position=position, intern=intern, supervisor=supervisor)
    for day, minutes in ((1, 240), (2, 210)):
        approve_entry(
            add_entry(placement, True, work_on=date(2026, 7, day), minutes=minutes, description="x")
        )
    add_entry(placement, True, work_on=date(2026, 7, 3), minutes=180, description="still waiting")
    database.session.commit()
    certificate = f"/internships/placements/{placement.id}/certificate.pdf"

    login(intern)
    assert client.get(certificate).status_code == 404  # not completed yet
    login(supervisor)
    form = page_text(client.get(f"/internships/placements/{placement.id}/evaluation"))
    assert "data-pending-warning" in form
    assert (
        client.post(f"/internships/placements/{placement.id}/evaluation", data=EVALUATION).status_code == 302
    )
    database.session.expire_all()
    from intl.internships.placement_models import Evaluation, Placement

    done = database.session.get(Placement, placement.id)
    assert done.status == "completed" and done.completed_at is not None
    evaluation = database.session.scalars(select(Evaluation)).one()
    assert (evaluation.rating_overall, evaluation.evaluated_by_id, evaluation.recommend) == (
        4,
        supervisor.id,
        True,
    )

    login(intern)
    text = pdf_text(client.get(certificate))
    for expected in (
        "實習證明書",
        "Certificate of Internship",
        "Nguyen Thi Mai",
        "暑期實習",
        "Summer internship",
        "高雄市政府秘書處",
        "Secretariat, Kaohsiung City Government",
        "國際交流助理",
        "International exchange assistant",
        "民國115年7月1日",
        "July 1, 2026",
        "7.5",  # 450 approved minutes; the 3 hours still waiting do not count
        "林怡君",
    ):
        # lines wrap anywhere in Chinese: compare with the line breaks taken out as well
        assert expected in " ".join(text.split()) or expected in text.replace("\n", ""), expected
    page = page_text(client.get(f"/internships/placements/{placement.id}"))
    assert "data-certificate" in page and "Speak up" not in page  # the evaluation is for staff
    login(make_user("intern"))
    assert client.get(certificate).status_code == 403


def test_evaluation_needs_every_rating(client, login, make_placement, database):
    placement, _intern, supervisor = make_placement()
    login(supervisor)
    response = client.post(
        f"/internships/placements/{placement.id}/evaluation",
        data={k: v for k, v in EVALUATION.items() if k != "rating_overall"},
    )
    assert response.status_code == 200
    database.session.expire_all()
    from intl.internships.placement_models import Placement

    assert database.session.get(Placement, placement.id).status == "active"


def test_demo_data_loads_once(make_user, database):
    from intl.auth.services import find_user
    from intl.internships.demo import load_internship_demo
    from intl.internships.models import InternshipApplication, InternshipProgramme
    from intl.internships.placement_models import ActivityEntry, Placement

    for role in ("intern", "officer"):
        if find_user(role) is None:
            make_user(role, username=role)
    load_internship_demo()
    load_internship_demo()
    database.session.commit()
    assert len(database.session.scalars(select(InternshipProgramme)).all()) == 1
    assert len(database.session.scalars(select(InternshipApplication)).all()) == 2
    placement = database.session.scalars(select(Placement)).one()
    assert (
        placement.intern_id == find_user("intern").id and placement.supervisor_id == find_user("officer").id
    )
    statuses = sorted(e.status for e in database.session.scalars(select(ActivityEntry)))
    assert statuses == ["approved", "approved", "draft", "returned", "submitted"]
    interviewee = database.session.scalars(
        select(InternshipApplication).where(InternshipApplication.status == "shortlisted")
    ).one()
    assert interviewee.interview is not None and interviewee.interview.kind == "interview"
