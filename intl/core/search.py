"""Search over names in any script: an index of character n-grams kept by the services that write names.

Trigram indexes (FTS5, pg_trgm) cannot answer the 1- and 2-character queries that are the most common search
for a Chinese given name, so we keep our own: for every word of every normalized name, its non-ASCII
characters, its bigrams and its trigrams. A query word is looked up by its own n-grams and then checked
against the stored text with LIKE, so results are exactly what a LIKE scan would find, only faster.
The same tables hold a per-locale sort key so that lists sort by the name the viewer reads, in the order of the
viewer's language (intl/core/collation.py: stroke count for Chinese).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Index,
    String,
    Text,
    and_,
    delete,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.orm import Mapped, aliased, mapped_column

from .collation import sort_key
from .db import db, one_of
from .pagination import SortTerm
from .textnorm import normalize

MAX_QUERY_GRAMS = 4


class SearchDoc(db.Model):
    """The normalized words of one record, for checking candidate matches."""

    __tablename__ = "search_doc"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class SearchGram(db.Model):
    """One posting: this n-gram occurs in that record's words."""

    __tablename__ = "search_gram"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    gram: Mapped[str] = mapped_column(String(3), primary_key=True)
    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


class SortKey(db.Model):
    """Where a record's name goes in a list read in one locale (ICU's sort key of the name that viewer reads)."""

    __tablename__ = "sort_key"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    entity_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    locale: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False)

    __table_args__ = (
        Index("ix_sort_key_order", "kind", "locale", "key", "entity_id"),
        # A search's matches looked up in one locale: that locale's keys side by side, key included (the primary
        # key keeps an entity's seven locales together, so 5,000 matches read seven times the pages).
        Index("ix_sort_key_lookup", "kind", "locale", "entity_id", "key"),
    )


def _word_grams(word: str) -> set[str]:
    grams = {ch for ch in word if not ch.isascii()}
    grams.update(word[i : i + 2] for i in range(len(word) - 1))
    grams.update(word[i : i + 3] for i in range(len(word) - 2))
    return grams


# Words are split at spaces and at the punctuation inside e-mail addresses and romanized names, so that
# 'chih-ming' and 'somchai.j@example.th' index as their parts (far fewer n-grams) and a query typed with
# or without the punctuation finds them.
_WORD_BREAK = re.compile(r"[\s@._\-+/,;:()\[\]'\"!?&]+")


def search_words(text: str | None) -> list[str]:
    return [word[:200] for word in _WORD_BREAK.split(normalize(text)) if word]


def document_text(texts: Iterable[str | None]) -> str:
    """The distinct normalized words of all the given texts, space-separated."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in search_words(text):
            seen.setdefault(word)
    return " ".join(seen)


def grams_of(doc_text: str) -> set[str]:
    grams: set[str] = set()
    for word in doc_text.split():
        grams |= _word_grams(word)
    return grams


def query_grams(word: str) -> list[str]:
    """The n-grams to look a query word up by; empty when only a scan can answer (one ASCII letter)."""
    if len(word) == 1:
        return [] if word.isascii() else [word]
    if len(word) == 2:
        return [word]
    trigrams = list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))
    if len(trigrams) <= MAX_QUERY_GRAMS:
        return trigrams
    # Spread the chosen trigrams over the word; the LIKE check makes the result exact anyway.
    step = (len(trigrams) - 1) / (MAX_QUERY_GRAMS - 1)
    return list(dict.fromkeys(trigrams[round(i * step)] for i in range(MAX_QUERY_GRAMS)))


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching_ids(kind: str, query: str | None):
    """A SELECT of the entity ids of `kind` whose names contain every word of `query`, or None if blank."""
    query_words = search_words(query)
    # One Latin letter on its own ('O' of "O'Brien") narrows nothing and would force a scan: drop it when
    # other words remain (the result can only grow, never lose a match).
    meaningful = [w for w in query_words if not (len(w) == 1 and w.isascii())]
    query_words = (meaningful or query_words)[:8]
    if not query_words:
        return None
    query_words = [word[:200] for word in query_words]
    # A word of two or three letters (or one CJK character) is itself an indexed n-gram: its postings are
    # exactly the records with a word containing it, with no need to read their documents to check. A search
    # made only of such words ('ngu', '志明') is answered from the postings alone: with tens of thousands of
    # matches, reading every matching document to check it again cost most of the search.
    exact = [word for word in query_words if query_grams(word) == [word]]
    if len(exact) == len(query_words):
        first, *others = exact
        stmt = select(SearchGram.entity_id).where(SearchGram.kind == kind, SearchGram.gram == first)
        for word in others:
            postings = select(SearchGram.entity_id).where(SearchGram.kind == kind, SearchGram.gram == word)
            stmt = stmt.where(SearchGram.entity_id.in_(postings))
        return stmt
    stmt = select(SearchDoc.entity_id).where(SearchDoc.kind == kind)
    for word in query_words:
        for gram in query_grams(word):
            postings = select(SearchGram.entity_id).where(SearchGram.kind == kind, SearchGram.gram == gram)
            stmt = stmt.where(SearchDoc.entity_id.in_(postings))
        if word not in exact:
            stmt = stmt.where(SearchDoc.text.like(_like_pattern(word), escape="\\"))
    return stmt


# Up to this many matches, a list query is given the ids themselves, so that the database sorts the few
# matches instead of walking the whole sort index looking for them, and counts them cheaply. Beyond it the
# query keeps the search as a subquery and the list says "more than 1,000" instead of counting.
NARROW_LIMIT = 1_000


@dataclass
class SearchFilter:
    condition: object  # on the records' own ids
    capped: bool  # more matches than NARROW_LIMIT: do not count them exactly
    matches: object = None  # when capped: the SELECT of the matches' ids

    def on_sort_keys(self, sort_key):
        """The condition for a list in name order, joined to `sort_key` (join_sort_keys).

        On PostgreSQL a capped search's matches are a hashed filter on the walk of the sort index, which stops
        at the page's 51st match: the time is the hashing of the matches plus the walk, whichever names match.
        As a plain IN the planner turns it into a join, and from its estimates either probes the postings once
        per name walked or sorts every match: both far slower when the matches are many and sort late (Latin
        names come after every Chinese one: 'ngu', 5,141 matches, 37 ms against 4). `IS TRUE` keeps the
        subquery a filter (PostgreSQL does not turn a sublink inside an expression into a join), and naming
        the sort key's id puts it on the index walk rather than on each record read. PostgreSQL hashes the
        matches while it expects them to fit in work_mem × hash_mem_multiplier (8 MB by default: 100,000 ids
        do, 200,000 do not); beyond, it would scan them for each name walked. That is a search matching more
        than every contact of an office at ten times our size (bench/contacts.py); one that large should
        raise work_mem."""
        if self.capped and db.session.get_bind().dialect.name == "postgresql":
            return sort_key.entity_id.in_(self.matches).is_(true())
        return self.condition


def id_filter(id_column, kind: str, query: str | None) -> SearchFilter | None:
    """A WHERE condition restricting `id_column` to the records matching `query` (None when blank)."""
    stmt = matching_ids(kind, query)
    if stmt is None:
        return None
    ids = db.session.scalars(stmt.limit(NARROW_LIMIT + 1)).all()
    if len(ids) <= NARROW_LIMIT:
        return SearchFilter(one_of(id_column, ids, name="matched_ids"), capped=False)
    return SearchFilter(id_column.in_(stmt), capped=True, matches=stmt)


def index_record(kind: str, entity_id: int, texts: Iterable[str | None], sort_names: dict[str, str]) -> None:
    """Bring the search postings and sort keys of one record up to date with its current names."""
    session = db.session
    new_text = document_text(texts)
    old_text = session.execute(
        select(SearchDoc.text).where(SearchDoc.kind == kind, SearchDoc.entity_id == entity_id)
    ).scalar_one_or_none()
    if old_text is None:
        session.execute(insert(SearchDoc).values(kind=kind, entity_id=entity_id, text=new_text))
        old_grams: set[str] = set()
    else:
        if old_text != new_text:
            session.execute(
                update(SearchDoc)
                .where(SearchDoc.kind == kind, SearchDoc.entity_id == entity_id)
                .values(text=new_text)
            )
        old_grams = grams_of(old_text)
    new_grams = grams_of(new_text)
    _delete_grams(kind, entity_id, old_grams - new_grams)
    added = [{"kind": kind, "gram": g, "entity_id": entity_id} for g in new_grams - old_grams]
    if added:
        session.execute(insert(SearchGram), added)

    session.execute(delete(SortKey).where(SortKey.kind == kind, SortKey.entity_id == entity_id))
    keys = [
        {"kind": kind, "entity_id": entity_id, "locale": locale, "key": sort_key(name, locale)}
        for locale, name in sort_names.items()
    ]
    if keys:
        session.execute(insert(SortKey), keys)


def _delete_grams(kind: str, entity_id: int, grams: set[str]) -> None:
    gram_list = sorted(grams)
    for start in range(0, len(gram_list), 500):
        chunk = gram_list[start : start + 500]
        db.session.execute(
            delete(SearchGram).where(
                SearchGram.kind == kind, SearchGram.entity_id == entity_id, SearchGram.gram.in_(chunk)
            )
        )


def unindex_record(kind: str, entity_id: int) -> None:
    old_text = db.session.execute(
        select(SearchDoc.text).where(SearchDoc.kind == kind, SearchDoc.entity_id == entity_id)
    ).scalar_one_or_none()
    if old_text is not None:
        _delete_grams(kind, entity_id, grams_of(old_text))
    db.session.execute(delete(SearchDoc).where(SearchDoc.kind == kind, SearchDoc.entity_id == entity_id))
    db.session.execute(delete(SortKey).where(SortKey.kind == kind, SortKey.entity_id == entity_id))


def bulk_rows(kind: str, entity_id: int, texts: Iterable[str | None], sort_names: dict[str, str]):
    """The rows `index_record` would write for a new record, for bulk loaders (demo data, benchmarks)."""
    text = document_text(texts)
    doc = {"kind": kind, "entity_id": entity_id, "text": text}
    grams = [{"kind": kind, "gram": g, "entity_id": entity_id} for g in grams_of(text)]
    keys = [
        {"kind": kind, "entity_id": entity_id, "locale": locale, "key": sort_key(name, locale)}
        for locale, name in sort_names.items()
    ]
    return doc, grams, keys


@cache
def _list_sort_key():
    """One alias for every list (a statement joins its records' sort keys once): a fresh alias per request
    cost a list 0.4 ms building the alias's column proxies again (530 µs for the join instead of 120). Made
    on first use: aliasing configures the mappers, which needs every model imported."""
    return aliased(SortKey)


def join_sort_keys(
    stmt, kind: str, entity_id, locale: str, found: SearchFilter | None = None, by_name: bool = True
):
    """A list's statements from `stmt`: joined to its records' sort keys in `locale` (to page through) and
    alone (to count), each restricted to a search's matches when `found` (the joined one as
    SearchFilter.on_sort_keys says when the list is in name order, `by_name`); and the alias to order by
    (see name_order)."""
    sort_key = _list_sort_key()
    joined = stmt.join(
        sort_key, and_(sort_key.kind == kind, sort_key.entity_id == entity_id, sort_key.locale == locale)
    )
    if found is not None:
        joined = joined.where(found.on_sort_keys(sort_key) if by_name else found.condition)
        stmt = stmt.where(found.condition)
    return joined, stmt, sort_key


def name_order(
    sort_key, entity_id, column=None, descending: bool = False, filtered: bool = False
) -> list[SortTerm]:
    """A list's order: by name (column None), or by `column` then name, and the record's id last (unique).

    By name, the last term is the sort key's own entity_id (equal to the record's id through the join), so that
    ix_sort_key_order (kind, locale, key, entity_id) gives the page in order: SQLite then reads 51 index
    entries instead of sorting every record, which it did when the tie-break named the record's table
    (10,000 partners: 45 ms → 3 ms). Not for a search or a filter (`filtered`): walking the names in order to
    find the matches of "ngu" passes every Chinese name first (100,000 contacts: 21 → 35 ms); from the matches,
    sorted, it is quicker, and the record's id as the tie-break keeps SQLite starting there."""
    if column is None and not filtered:
        return [SortTerm(sort_key.key, descending), SortTerm(sort_key.entity_id, descending)]
    if column is None:
        return [SortTerm(sort_key.key, descending), SortTerm(entity_id, descending)]
    return [SortTerm(column, descending), SortTerm(sort_key.key), SortTerm(entity_id, descending)]
