"""The n-gram search must find exactly what a LIKE scan over the normalized names finds."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from intl.core import search
from intl.core.search import SearchDoc, SearchGram

ALPHABET = (
    list("高雄橫濱横浜市志明陳林王") + list("เชียงใหม่กรุงเทพ") + list("ĐàNẵngHồChíMinh") + list("abcdeklmnost ")
)
_kinds = itertools.count()


def ids_for(kind, query):
    stmt = search.matching_ids(kind, query)
    return set(search.db.session.scalars(stmt)) if stmt is not None else None


def reference(names_by_id, query):
    """What a LIKE scan finds: every query word (lone Latin letters aside) inside some word of the names."""
    words = search.search_words(query)
    words = [w for w in words if not (len(w) == 1 and w.isascii())] or words
    return {
        entity_id
        for entity_id, names in names_by_id.items()
        if all(any(word in w for text in names for w in search.search_words(text)) for word in words)
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(
        st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=12), min_size=1, max_size=3),
        min_size=1,
        max_size=8,
    ),
    picks=st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(1, 5)), min_size=1, max_size=4
    ),
)
def test_search_equals_like_scan(database, names, picks):
    kind = f"t{next(_kinds)}"
    names_by_id = dict(enumerate(names, start=1))
    for entity_id, texts in names_by_id.items():
        search.index_record(kind, entity_id, texts, {})
    # queries: substrings of stored names (which must be found) and arbitrary fragments
    queries = []
    for row, start, length in picks:
        texts = names_by_id[row % len(names_by_id) + 1]
        text = texts[start % len(texts)]
        begin = start % max(len(text), 1)
        queries.append(text[begin : begin + length])
    queries.append("".join(ALPHABET[i % len(ALPHABET)] for i, _ in enumerate(picks)))
    for query in queries:
        if not search.search_words(query):
            assert ids_for(kind, query) is None
            continue
        assert ids_for(kind, query) == reference(names_by_id, query), query


def test_reindex_removes_old_grams_and_adds_new(database):
    search.index_record("x", 1, ["陳志明"], {"en": "Chen"})
    assert ids_for("x", "志明") == {1}
    search.index_record("x", 1, ["林怡君"], {"en": "Lin"})
    assert ids_for("x", "志明") == set()
    assert ids_for("x", "怡君") == {1}
    grams = set(database.session.scalars(select(SearchGram.gram).where(SearchGram.kind == "x")))
    assert grams == search.grams_of("林怡君")
    search.unindex_record("x", 1)
    assert database.session.scalar(select(SearchDoc).where(SearchDoc.kind == "x")) is None


def test_like_wildcards_in_queries_are_literal(database):
    search.index_record("y", 1, ["100% Pure"], {})
    search.index_record("y", 2, ["1000 Pure"], {})
    assert ids_for("y", "100%") == {1}
    assert ids_for("y", "_") is None  # punctuation alone is no query
    assert ids_for("y", "0%") == {1}


def test_short_queries(database):
    search.index_record("z", 1, ["高橋 一郎"], {})
    search.index_record("z", 2, ["Takahashi Ichiro"], {})
    assert ids_for("z", "高") == {1}
    assert ids_for("z", "高橋") == {1}
    assert ids_for("z", "t") == {2}
    assert ids_for("z", "ichiro taka") == {2}


def test_very_broad_searches_are_not_counted(client, as_role, make_contact, monkeypatch):
    from intl.core import search as search_module

    as_role("officer")
    for i in range(3):
        make_contact(family_name=None, given_name=None, latin_name=f"Nguyen Person {i}")
    monkeypatch.setattr(search_module, "NARROW_LIMIT", 2)
    page = client.get("/contacts", query_string={"q": "nguyen"}, headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert "1–3 of more than 2" in text and text.count("Nguyen Person") == 3
    monkeypatch.setattr(search_module, "NARROW_LIMIT", 10)
    text = client.get("/contacts", query_string={"q": "nguyen"}).get_data(as_text=True)
    assert "1–3 of 3" in text or "第 1–3 筆，共 3 筆" in text
