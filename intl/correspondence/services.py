"""Operations on letters: register or draft, change, correspondents and links, attachments, the search index,
the templates.

The workflow moves live in `steps.py`, translations in `translations.py`. Every operation flushes, keeps the
search index in step and writes the audit entry; the view commits once. Changes made on a page take the
version the user saw and raise `EditConflict` when the record moved on meanwhile.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from sqlalchemy import select

from ..core import attachments, audit, search
from ..core.archive import archive
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import office_today
from . import filling, numbering, records
from .models import (
    PARTY_KINDS,
    Letter,
    LetterAttachment,
    LetterLink,
    LetterParty,
    LetterStep,
    LetterTemplate,
)
from .workflow import FIRST_STATUS

SEARCH_KIND = "letter"
# A letter can run to many pages: the index holds its subject, numbers, correspondents and the first
# INDEX_CHARS characters of the original and of each translation (where the substance of a letter is).
INDEX_CHARS = 2000
# Chinese and Japanese run on without spaces; long runs are cut into overlapping pieces so that the search
# index (which keeps 200 characters of a word) covers the whole text and a query of up to
# PIECE_OVERLAP characters is found wherever it falls.
PIECE_CHARS = 40
PIECE_OVERLAP = 10


def index_pieces(text: str | None, limit: int = INDEX_CHARS) -> list[str]:
    """The text cut at punctuation and spaces, long runs in overlapping pieces, for the search index."""
    pieces, run = [], []

    def close():
        if run:
            word = "".join(run)
            step = PIECE_CHARS - PIECE_OVERLAP
            if len(word) <= PIECE_CHARS:
                pieces.append(word)
            else:
                for start in range(0, len(word) - PIECE_OVERLAP, step):
                    pieces.append(word[start : start + PIECE_CHARS])
            run.clear()

    for ch in (text or "")[:limit]:
        if ch.isspace() or unicodedata.category(ch)[0] in "PZ":
            close()
        else:
            run.append(ch)
    close()
    return pieces


def index_texts(
    reference_no: str,
    their_reference: str | None,
    subject: str,
    body: str,
    translations: list[tuple[str | None, str]],
    names: list[str],
) -> list[str]:
    """What the search index holds of a letter (also used by bulk loaders, so both index alike)."""
    texts = [reference_no, their_reference or "", subject, *names, *index_pieces(body)]
    for translated_subject, text in translations:
        texts += [translated_subject or "", *index_pieces(text)]
    return texts


def search_texts(letter: Letter) -> list[str]:
    parties = records.load_parties([letter])
    names = []
    for party in letter.parties:
        record = parties.get((party.kind, party.entity_id))
        if record is not None:
            names += records.search_names(party.kind, record)
    return index_texts(
        letter.reference_no,
        letter.their_reference,
        letter.subject,
        letter.body,
        [(t.subject, t.text) for t in letter.translations],
        names,
    )


def reindex(letter: Letter) -> None:
    search.index_record(SEARCH_KIND, letter.id, search_texts(letter), {})


def unindex(letter: Letter) -> None:
    """Before a letter is purged: its search rows go with it (registered as a `before_purge` hook)."""
    search.unindex_record(SEARCH_KIND, letter.id)


def reindex_letters() -> int:
    """Rebuild the index of every letter (for `flask reindex`, which starts from empty tables)."""
    count = 0
    for letter in db.session.scalars(select(Letter).execution_options(yield_per=500)):
        reindex(letter)
        count += 1
    return count


def _parties(parties: list[tuple[str, str, int]]) -> list[LetterParty]:
    """(role, kind, id) triples, once each, in order."""
    seen = dict.fromkeys(
        (role, kind, int(entity_id)) for role, kind, entity_id in parties if kind in PARTY_KINDS
    )
    return [
        LetterParty(role=role, kind=kind, entity_id=entity_id, position=i)
        for i, (role, kind, entity_id) in enumerate(seen)
    ]


def _links(links: list[tuple[str, int]]) -> list[LetterLink]:
    seen = dict.fromkeys((kind, int(entity_id)) for kind, entity_id in links if records.link_model(kind))
    return [LetterLink(kind=kind, entity_id=entity_id) for kind, entity_id in seen]


def _labels(items, kind_of) -> list[str]:
    return [f"{kind_of(item)}#{item.entity_id}" for item in items]


def create_letter(
    direction: str,
    parties: list[tuple[str, str, int]] = (),
    links: list[tuple[str, int]] = (),
    registered_on: date | None = None,
    **fields,
) -> Letter:
    """Register an incoming letter or start an outgoing draft, with the next reference number."""
    reference = numbering.allocate(db.session, direction, registered_on or office_today())
    letter = Letter(
        direction=direction,
        reference_no=reference.number,
        reference_year=reference.year,
        reference_seq=reference.seq,
        status=FIRST_STATUS[direction],
        created_by_id=acting_user_id(),
        **fields,
    )
    letter.parties = _parties(list(parties))
    letter.links = _links(list(links))
    letter.steps = [
        LetterStep(to_status=letter.status, user_id=acting_user_id(), assignee_id=letter.assigned_to_id)
    ]
    letter.translations = []
    db.session.add(letter)
    db.session.flush()
    reindex(letter)
    entry = audit.record_create(letter)
    entry.changes = {
        **entry.changes,
        "parties": [None, _labels(letter.parties, lambda p: f"{p.role}:{p.kind}")],
        "links": [None, _labels(letter.links, lambda link: link.kind)],
    }
    return letter


def update_letter(
    letter: Letter,
    expected_version: int | None = None,
    parties: list[tuple[str, str, int]] | None = None,
    links: list[tuple[str, int]] | None = None,
    **fields,
) -> None:
    """Change a letter's fields, correspondents and links; EditConflict when it changed since
    `expected_version` (None: not an edit form, always saved)."""
    check_version(letter, expected_version, fields)
    before = letter.audit_state()
    before_parties = _labels(letter.parties, lambda p: f"{p.role}:{p.kind}")
    before_links = _labels(letter.links, lambda link: link.kind)
    for name, value in fields.items():
        setattr(letter, name, value)
    if parties is not None:
        wanted = _parties(parties)
        if [(p.role, p.kind, p.entity_id) for p in wanted] != [
            (p.role, p.kind, p.entity_id) for p in letter.parties
        ]:
            letter.parties = wanted
    if links is not None:
        wanted_links = _links(links)
        if {(x.kind, x.entity_id) for x in wanted_links} != {(x.kind, x.entity_id) for x in letter.links}:
            letter.links = wanted_links
    db.session.flush()
    reindex(letter)
    changes = audit.diff(before, letter.audit_state())
    after_parties = _labels(letter.parties, lambda p: f"{p.role}:{p.kind}")
    after_links = _labels(letter.links, lambda link: link.kind)
    if after_parties != before_parties:
        changes["parties"] = [before_parties, after_parties]
    if sorted(after_links) != sorted(before_links):
        changes["links"] = [before_links, after_links]
    if changes:
        audit.record("update", letter, changes)


def add_attachment(letter: Letter, upload, caption: str | None) -> LetterAttachment:
    return attachments.add_attachment(letter, LetterAttachment, upload, caption)


def archive_letter(letter: Letter) -> None:
    if letter.archived_at is None:
        archive(letter)


def draft_letter(
    template: LetterTemplate,
    sources: filling.Sources,
    links: list[tuple[str, int]] = (),
    **fields,
) -> Letter:
    """An outgoing draft from a template, its placeholders filled from the records the letter is written to
    and about, addressed to them."""
    known = filling.values(sources, template.language)
    parties = [
        ("recipient", kind, record.id)
        for kind, record in (
            ("contact", sources.contact),
            ("organization", sources.organization),
            ("partner", sources.partner),
        )
        if record is not None
    ]
    about = [("delegation", sources.delegation.id)] if sources.delegation is not None else []
    return create_letter(
        "outgoing",
        parties=parties,
        links=about + list(links),
        subject=filling.fill(template.subject, known)[:500],
        body=filling.fill(template.body, known),
        language=template.language,
        letter_on=sources.on,
        channel="email",
        template_id=template.id,
        signatory=sources.sender_name or None,
        signatory_title=sources.sender_title or None,
        **fields,
    )


# ---- templates ----------------------------------------------------------------------------------------


def create_template(**fields) -> LetterTemplate:
    template = LetterTemplate(**fields)
    db.session.add(template)
    db.session.flush()
    audit.record_create(template)
    return template


def update_template(template: LetterTemplate, expected_version: int | None = None, **fields) -> None:
    check_version(template, expected_version, fields)
    before = template.audit_state()
    for name, value in fields.items():
        setattr(template, name, value)
    db.session.flush()
    audit.record_update(template, before)
