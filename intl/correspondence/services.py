"""Operations on letters: register or draft, change, correspondents and links, attachments, the search index.

The workflow moves live in `steps.py`, translations in `translations.py`. Every operation flushes, keeps the
search index in step and writes the audit entry; the view commits once.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from flask import current_app

from ..core import attachments, audit, search
from ..core.audit import acting_user_id
from ..core.db import db
from ..core.time import today_in
from . import numbering, records
from .models import PARTY_KINDS, Letter, LetterAttachment, LetterLink, LetterParty, LetterStep
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


def office_today() -> date:
    return today_in(current_app.config.get("OFFICE_TIMEZONE", "Asia/Taipei"))


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


def reindex_letters() -> int:
    """Rebuild the index of every letter (for `flask reindex`, which starts from empty tables)."""
    from sqlalchemy import select

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
    parties: list[tuple[str, str, int]] | None = None,
    links: list[tuple[str, int]] | None = None,
    **fields,
) -> None:
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


def replies_to(letter: Letter) -> list[Letter]:
    from sqlalchemy import select

    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.in_reply_to_id == letter.id, Letter.archived_at.is_(None))
            .order_by(Letter.id)
        )
    )
