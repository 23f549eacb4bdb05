"""An outgoing letter as paper: what the letterhead page says (in the letter's language or a translation's),
then the PDF (through `core.pdf`) and the .docx for further editing (python-docx).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..contacts.names import addressed
from ..contacts.personal import disclose
from ..core.i18n import reader_locale
from ..core.localized import LocalizedText
from . import records
from .filling import base, letter_date, recipient_name
from .models import Letter
from .translations import split_paragraphs

DEFAULT_OFFICE_NAMES = {
    "zh_Hant": "高雄市政府秘書處國際事務科",
    "en": "International Affairs Division, Secretariat, Kaohsiung City Government",
}
DEFAULT_OFFICE_ADDRESS = (
    "80203 高雄市苓雅區四維三路2號 · No. 2, Siwei 3rd Rd., Lingya Dist., Kaohsiung 80203, Taiwan"
)

SHEET_LABELS = {
    "reference": _l("Our reference"),
    "their_reference": _l("Your reference"),
    "date": _l("Date"),
    "subject": _l("Subject"),
    "confidential": _l("Confidential"),
    "translation": _l("Translation"),
}

# The .docx names fonts (it embeds none): kanji and hanja in the shapes of the letter's own language.
DOCX_EAST_ASIAN_FONTS = {"ja": "Noto Sans JP", "ko": "Noto Sans KR"}


@dataclass
class Sheet:
    language: str
    reference_no: str
    their_reference: str
    date: str
    subject: str
    paragraphs: list[str]
    recipients: list[list[str]]
    signatory: str
    signatory_title: str
    confidential: bool
    is_translation: bool
    office_names: list[str]
    office_address: str
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def lang_tag(self) -> str:
        return self.language.replace("_", "-")


def office() -> tuple[list[str], str]:
    names = current_app.config.get("LETTER_OFFICE_NAMES") or DEFAULT_OFFICE_NAMES
    address = current_app.config.get("LETTER_OFFICE_ADDRESS") or DEFAULT_OFFICE_ADDRESS
    return list(dict(names).values()), address


def _labels(language: str) -> dict[str, str]:
    """The sheet's own words in the letter's language, else in English (the letter's reader is abroad)."""
    with force_locale(reader_locale(language, "en")):
        return {key: str(value) for key, value in SHEET_LABELS.items()}


def addressed_name(contact, language: str) -> str:
    """Honorific and name in the order the language puts them (intl.contacts.names.addressed): 田中博先生,
    田中博様, Dr. Hiroshi Tanaka."""
    return addressed(recipient_name(contact, language), language, contact.honorific)


def _work_address(contact):
    return next((a for a in contact.addresses if a.kind == "work"), None)


def recipient_countries(letter: Letter) -> list[str]:
    """The countries of the letter's recipients (contacts, organizations, partners), for its date's era."""
    parties = records.load_parties([letter])
    found = [parties.get((p.kind, p.entity_id)) for p in letter.parties if p.role == "recipient"]
    return [record.country for record in found if getattr(record, "country", None)]


def recipient_blocks(letter: Letter, language: str, user) -> list[list[str]]:
    """One block of lines per addressee: a contact with title and organization; organizations not already
    named by a contact; the partner itself when nobody more precise is addressed. A contact's address is
    personal data: printed only when the personal-data door lets `user` see it (and then logged)."""
    parties = records.load_parties([letter])
    addressed = [p for p in letter.parties if p.role == "recipient"]
    people = [
        parties[(p.kind, p.entity_id)]
        for p in addressed
        if p.kind == "contact" and (p.kind, p.entity_id) in parties
    ]
    with_address = [c for c in people if _work_address(c) is not None]
    personal = bool(with_address) and disclose(with_address, "print", user)
    blocks, named_orgs = [], set()
    for party in addressed:
        record = parties.get((party.kind, party.entity_id))
        if party.kind != "contact" or record is None:
            continue
        lines = [addressed_name(record, language)]
        title = LocalizedText(record.title or {}).get_for(language)
        affiliation = record.current_affiliation
        if title or (affiliation and affiliation.position):
            lines.append(title or affiliation.position)
        if affiliation is not None:
            named_orgs.add(affiliation.organization_id)
            lines.append(affiliation.organization.names.get_for(language))
        if personal:
            work = _work_address(record)
            if work is not None:
                lines += work.text.splitlines()
        blocks.append(lines)
    for party in addressed:
        record = parties.get((party.kind, party.entity_id))
        if party.kind == "organization" and record is not None and record.id not in named_orgs:
            blocks.append([record.names.get_for(language), *((record.address or "").splitlines())])
    if not blocks:
        for party in addressed:
            record = parties.get((party.kind, party.entity_id))
            if party.kind == "partner" and record is not None:
                blocks.append([record.names.get_for(language)])
    return blocks


def sheet(letter: Letter, language: str | None, user) -> Sheet:
    """The letter's page in its own language, or in a translation's (`language`), as `user` may read it."""
    translation = None
    if language and language != letter.language:
        translation = next((t for t in letter.translations if t.language == language), None)
    language = translation.language if translation else letter.language
    if translation is not None:
        paragraphs = [p for p in translation.paragraphs if p and p.strip()]
        subject = translation.subject or letter.subject
    else:
        paragraphs, subject = split_paragraphs(letter.body), letter.subject
    names, address = office()
    return Sheet(
        language=language,
        reference_no=letter.reference_no,
        their_reference=letter.their_reference or "",
        date=letter_date(letter.letter_on, language, recipient_countries(letter)),
        subject=subject,
        paragraphs=paragraphs,
        recipients=recipient_blocks(letter, language, user),
        signatory=letter.signatory or "",
        signatory_title=letter.signatory_title or "",
        confidential=letter.confidential,
        is_translation=translation is not None,
        office_names=names,
        office_address=address,
        labels=_labels(language),
    )


def docx_bytes(page: Sheet) -> bytes:
    """The letter as a Word document on the same letterhead lines, for the officer to edit further."""
    # python-docx (and lxml's document classes) cost 90 ms to import: loaded by the one download using it.
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Noto Sans TC"
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), DOCX_EAST_ASIAN_FONTS.get(base(page.language), "Noto Sans TC"))
    if base(page.language) == "th":
        fonts.set(qn("w:cs"), "Noto Sans Thai")  # Word sets Thai in the complex-script font

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, name in enumerate(page.office_names):
        run = header.add_run(name)
        run.font.size = Pt(14 if i == 0 else 10)
        run.font.color.rgb = RGBColor(0x1F, 0x3B, 0x5A)
        run.add_break()
    small = header.add_run(page.office_address)
    small.font.size = Pt(8)

    def line(text: str, align=None, size=None, bold=False):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    if page.confidential:
        line(page.labels["confidential"], align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True)
    line(f"{page.labels['reference']}: {page.reference_no}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=9)
    if page.their_reference:
        line(
            f"{page.labels['their_reference']}: {page.their_reference}",
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            size=9,
        )
    line(f"{page.labels['date']}: {page.date}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=9)
    for block in page.recipients:
        paragraph = document.add_paragraph()
        for i, text in enumerate(block):
            if i:
                paragraph.add_run().add_break()
            paragraph.add_run(text)
    line(f"{page.labels['subject']}: {page.subject}", bold=True)
    for text in page.paragraphs:
        document.add_paragraph(text)
    if page.signatory or page.signatory_title:
        signature = line(page.signatory_title, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signature.add_run().add_break()
        signature.add_run(page.signatory)

    properties = document.core_properties
    properties.title = page.subject[:250]
    properties.identifier = page.reference_no
    properties.author = page.office_names[0] if page.office_names else ""
    properties.language = page.lang_tag
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
