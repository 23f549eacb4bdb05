"""The certificate of internship in Chinese and the intern's own language: the one they applied in, remembered
on their application (issue 15); English for an intern who applied in Chinese or without a language."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from intl.core.localized import LocalizedText
from tests.i18n.languages import PROGRAMME_TITLE

from .test_journeys import say, translated

EVALUATION = {f"rating_{k}": "4" for k in ("reliability", "quality", "languages", "teamwork", "initiative")}
EVALUATION.update({"rating_overall": "4", "strengths": "Careful", "improvements": "None", "recommend": "y"})


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKD", text).replace("\u0e4d", ""))


@pytest.mark.parametrize(
    ("applied_in", "second"), [("vi", "vi"), ("th", "th"), ("ko", "ko"), ("zh_Hant_TW", "en")]
)
def test_the_certificate_pairs_chinese_with_the_interns_language(
    app, client, login, make_user, make_programme, make_position, make_placement, database, applied_in, second
):
    from intl.internships.services import create_application

    programme = make_programme(title=LocalizedText(PROGRAMME_TITLE))
    position = make_position(programme)
    application = create_application(
        programme, name="Nguyễn Thị Mai", email="mai@example.edu", locale=applied_in
    )
    application.status = "accepted"
    supervisor = make_user("officer", display_name="林怡君")
    placement, intern, _ = make_placement(position=position, supervisor=supervisor, application=application)
    login(supervisor)
    client.post(f"/internships/placements/{placement.id}/evaluation", data=EVALUATION)
    login(intern)
    response = client.get(f"/internships/placements/{placement.id}/certificate.pdf")
    assert response.status_code == 200
    text = squeezed("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages))
    with app.test_request_context():
        assert squeezed(say("zh_Hant_TW", "Certificate of Internship")) in text
        assert squeezed(translated(second, "Certificate of Internship")) in text
        assert squeezed(translated(second, "Supervisor's signature")) in text
    assert squeezed(format_date(programme.start_on, "long", locale=second)) in text
    assert squeezed(PROGRAMME_TITLE.get(second, PROGRAMME_TITLE["en"])) in text
