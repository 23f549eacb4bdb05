"""The printed letter: PDF on the letterhead (read back with pypdf) and .docx (read back with python-docx), in
the letter's language or a translation's; personal addresses only for staff; incoming letters are not
reprinted."""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from intl.core.pdf import FONT_FAMILY, FONT_FAMILY_JP, FONT_FAMILY_KR, FONT_FAMILY_THAI, FONTS
from intl.correspondence.translations import add_translation, save_translation
from tests.printing.test_pdf import embedded_fonts


@pytest.fixture
def invitation(make_letter, make_contact, make_organization, database):
    from intl.contacts.services import ContactDetails, add_affiliation

    org = make_organization(
        names={"ja": "横浜市国際局", "zh_Hant": "橫濱市國際局", "en": "Yokohama International Affairs Bureau"}
    )
    guest = make_contact(
        honorific="mayor",
        title={"ja": "市長", "en": "Mayor", "zh_Hant": "市長"},
        details=ContactDetails(addresses=[("work", "橫濱市中區本町6-50-10", "JP")]),
    )
    add_affiliation(guest, org.id, "市長", None, None, True)
    letter = make_letter(
        "outgoing",
        parties=[("recipient", "contact", guest.id)],
        registered_on=date(2026, 11, 27),
        letter_on=date(2026, 11, 27),
        subject="敬邀蒞臨2027高雄燈會",
        language="zh_Hant",
        body="田中博市長　惠鑒：\n\n本府謹訂於明年二月舉辦高雄燈會，誠摯邀請　閣下蒞臨。\n\n耑此　敬頌\n時祺",
        signatory="陳其邁",
        signatory_title="高雄市長",
        confidential=True,
        their_reference="橫國第88號",
    )
    translation = add_translation(letter, "en", None)
    save_translation(
        translation,
        "Invitation to the 2027 Kaohsiung Lantern Festival",
        [
            "Dear Mayor Tanaka,",
            "We warmly invite you to the Lantern Festival next February.",
            "Yours sincerely,",
        ],
    )
    database.session.commit()
    return letter


def pdf_text(response) -> str:
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_the_letter_on_the_letterhead(client, as_role, invitation):
    as_role("admin")  # the letter is confidential and nobody is assigned to it
    response = client.get(f"/letters/{invitation.id}/letter.pdf")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "KCG-INT-115-OUT-0001.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response)
    for expected in (
        "高雄市政府秘書處國際事務科",
        "International Affairs Division",
        "KCG-INT-115-OUT-0001",
        "民國115年11月27日",
        "敬邀蒞臨2027高雄燈會",
        "誠摯邀請",
        "田中博市長",  # name and honorific in Chinese order
        "橫濱市國際局",
        "橫濱市中區本町6-50-10",
        "高雄市長",
        "陳其邁",
        "橫國第88號",
    ):
        assert expected in text, expected
    # the vendored CJK font, embedded (only the glyphs used), and nothing else
    assert [name.split("+")[-1] for name in embedded_fonts(response)] == [FONT_FAMILY.replace(" ", "-")]


def test_the_pdf_of_a_translation(client, as_role, invitation):
    as_role("admin")
    text = pdf_text(client.get(f"/letters/{invitation.id}/letter.pdf?language=en"))
    assert "Invitation to the 2027 Kaohsiung Lantern Festival" in text
    assert "We warmly invite you" in text and "November 27, 2026" in text
    assert "Mayor Hiroshi Tanaka" in text
    assert "誠摯邀請" not in text
    assert client.get(f"/letters/{invitation.id}/letter.pdf?language=ko").status_code == 404


def test_the_docx_reads_back(client, as_role, invitation):
    as_role("admin")
    response = client.get(f"/letters/{invitation.id}/letter.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    body = "\n".join(paragraphs)
    assert "KCG-INT-115-OUT-0001" in body and "民國115年11月27日" in body
    assert "本府謹訂於明年二月舉辦高雄燈會，誠摯邀請　閣下蒞臨。" in paragraphs  # one paragraph each
    assert any(p.startswith("主旨") and "敬邀蒞臨2027高雄燈會" in p for p in paragraphs)
    assert "田中博市長" in body and "陳其邁" in body
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "高雄市政府秘書處國際事務科" in header
    assert document.core_properties.identifier == "KCG-INT-115-OUT-0001"
    assert document.core_properties.language == "zh-Hant"
    translated = Document(io.BytesIO(client.get(f"/letters/{invitation.id}/letter.docx?language=en").data))
    assert "We warmly invite you to the Lantern Festival next February." in [
        p.text for p in translated.paragraphs
    ]


def test_interns_print_without_personal_addresses(client, make_user, login, invitation, database):
    intern = make_user("intern")
    invitation.confidential = False
    invitation.translations[0].translator_id = intern.id
    database.session.commit()
    login(intern)
    text = pdf_text(client.get(f"/letters/{invitation.id}/letter.pdf"))
    assert "田中博市長" in text and "本町6-50-10" not in text


def test_incoming_letters_are_not_reprinted(client, as_role, make_letter):
    as_role("officer")
    letter = make_letter("incoming")
    assert client.get(f"/letters/{letter.id}/letter.pdf").status_code == 404
    assert client.get(f"/letters/{letter.id}/letter.docx").status_code == 404


PRINT_FAMILIES = {"zh_Hant": FONT_FAMILY, "ja": FONT_FAMILY_JP, "ko": FONT_FAMILY_KR, "th": FONT_FAMILY_THAI}


def print_letter(client, make_letter, caplog, language: str, subject: str, body: str):
    """Print an outgoing letter and check that every character of its subject and body has a glyph (WeasyPrint
    warns of each it draws as .notdef), reads back from the PDF, and is set in the vendored fonts only, the
    one for its script among them; the file stays small (only the glyphs used are embedded)."""
    letter = make_letter("outgoing", language=language, subject=subject, body=body)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(f"/letters/{letter.id}/letter.pdf")
    assert not [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    text = pdf_text(response)
    # The Thai font draws SARA AM (ำ) as NIKHAHIT + SARA AA, and a PDF maps each glyph to one text only: the
    # SARA AA glyph reads back as า. The glyphs are right (no .notdef above); only the copied text differs.
    readable = (subject + "\n" + body).replace("ำ", "า")
    for line in readable.splitlines():
        assert line in text, line
    assert not {c for c in readable if not c.isspace() and c not in text}
    fonts = {name.split("+")[-1] for name in embedded_fonts(response)}
    assert PRINT_FAMILIES[language].replace(" ", "-") in fonts
    assert fonts <= {family.replace(" ", "-") for family in FONTS}  # no system font stood in
    assert len(response.data) < 1_500_000, len(response.data)
    return text, fonts


def test_a_japanese_letter_prints_every_kanji(client, as_role, make_letter, caplog):
    as_role("officer")
    text, _fonts = print_letter(
        client, make_letter, caplog, "ja", "ご招待", "田中博 様\n\n拝啓　横浜市中区の皆様へ。\n\n敬具"
    )
    assert "拝啓" in text


def test_a_korean_letter_prints_every_hangul_syllable(client, as_role, make_letter, caplog):
    as_role("officer")
    print_letter(
        client,
        make_letter,
        caplog,
        "ko",
        "2027 가오슝 등불 축제 초대",
        "김민준 시장님께\n\n내년 2월 가오슝 등불 축제에 귀하를 초대합니다.\n\n감사합니다.",
    )


def test_a_thai_letter_prints_every_character(client, as_role, make_letter, caplog):
    as_role("officer")
    _text, fonts = print_letter(
        client,
        make_letter,
        caplog,
        "th",
        "คำเชิญ เทศกาลโคมไฟเกาสง 2027",
        "เรียน ท่านนายกเทศมนตรี\n\nขอเชิญท่านร่วมงานเทศกาลโคมไฟในเดือนกุมภาพันธ์\n\nขอแสดงความนับถือ",
    )
    assert FONT_FAMILY.replace(" ", "-") in fonts  # Latin and digits from the CJK font


def test_a_chinese_letter_with_a_japanese_address_prints_the_japanese_kanji(
    client, as_role, make_letter, caplog
):
    """The office writes Traditional Chinese: its font comes first, the Japanese one fills only what it lacks."""
    as_role("officer")
    _text, fonts = print_letter(
        client, make_letter, caplog, "zh_Hant", "敬邀蒞臨", "寄：横浜市中区本町6-50-10\n\n誠摯邀請"
    )
    assert fonts == {FONT_FAMILY.replace(" ", "-"), FONT_FAMILY_JP.replace(" ", "-")}


@pytest.mark.parametrize(
    ("language", "east_asian", "complex_script"),
    [
        ("zh_Hant", "Noto Sans TC", None),
        ("ja", "Noto Sans JP", None),
        ("ko", "Noto Sans KR", None),
        ("th", "Noto Sans TC", "Noto Sans Thai"),
    ],
)
def test_the_docx_names_the_font_of_the_letters_language(
    client, as_role, make_letter, language, east_asian, complex_script
):
    from docx.oxml.ns import qn

    as_role("officer")
    letter = make_letter("outgoing", language=language)
    document = Document(io.BytesIO(client.get(f"/letters/{letter.id}/letter.docx").data))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == east_asian
    assert fonts.get(qn("w:cs")) == complex_script


def _print_log(database, contact_id: int) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from intl.contacts.models import PersonalDataAccess

    rows = database.session.scalars(
        select(PersonalDataAccess)
        .where(PersonalDataAccess.contact_id == contact_id)
        .order_by(PersonalDataAccess.id)
    )
    return [(row.user_id, row.action) for row in rows]


def test_printing_a_recipients_address_is_logged_once_per_letter(
    client, make_user, login, invitation, database
):
    """The letterhead prints a correspondent's address through the personal-data door: one 'print' entry per
    download for those who see it, nothing for those who do not."""
    guest_id = invitation.parties[0].entity_id
    admin = login(make_user("admin"))
    assert "本町6-50-10" in pdf_text(client.get(f"/letters/{invitation.id}/letter.pdf"))
    assert _print_log(database, guest_id) == [(admin.id, "print")]
    client.get(f"/letters/{invitation.id}/letter.docx")
    assert _print_log(database, guest_id) == [(admin.id, "print"), (admin.id, "print")]

    intern = make_user("intern")
    invitation.confidential = False
    invitation.translations[0].translator_id = intern.id
    database.session.commit()
    login(intern)
    assert client.get(f"/letters/{invitation.id}/letter.pdf").status_code == 200
    assert _print_log(database, guest_id) == [(admin.id, "print"), (admin.id, "print")]


def test_the_sheets_words_follow_the_letters_language_else_english(app):
    from intl.correspondence.documents import _labels

    with app.test_request_context():
        assert _labels("zh_Hant")["reference"] == "本府文號"
        assert _labels("en")["reference"] == "Our reference"
        assert _labels("th")["reference"] == "ที่ของเรา"  # Thai has a catalog (issue 15)
        assert _labels("ms")["reference"] == "Our reference"  # no Malay catalog: English, not the default


@pytest.mark.parametrize(("country", "expected"), [("JP", "令和8年11月27日"), ("US", "2026年11月27日")])
def test_a_japanese_letter_to_japan_is_dated_in_the_japanese_era(
    client, as_role, make_letter, make_organization, country, expected
):
    """Japanese public offices date their letters in the era (令和); a Japanese letter to a recipient in Japan
    is dated so, on the PDF and the .docx; one in Japanese to a recipient elsewhere keeps the Gregorian year."""
    as_role("officer")
    bureau = make_organization(country=country)
    letter = make_letter(
        "outgoing",
        parties=[("recipient", "organization", bureau.id)],
        language="ja",
        letter_on=date(2026, 11, 27),
        subject="高雄ランタンフェスティバルへのご招待",
    )
    text = pdf_text(client.get(f"/letters/{letter.id}/letter.pdf"))
    assert expected in text
    document = Document(io.BytesIO(client.get(f"/letters/{letter.id}/letter.docx").data))
    assert expected in "\n".join(p.text for p in document.paragraphs)
