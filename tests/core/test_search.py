"""The n-gram search must find exactly what a LIKE scan over the normalized names finds."""

from __future__ import annotations

import itertools

import pytest
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


@pytest.mark.parametrize("sort", ["name", "-name", "country"])
def test_a_search_with_too_many_matches_to_count_lists_the_same_records_as_one_counted(
    app, database, make_contact, make_organization, make_partner, monkeypatch, sort
):
    """A capped search (more matches than are counted) takes another path to the database (on PostgreSQL a
    filter on the sort index: SearchFilter.on_sort_keys): it must list exactly the records, in exactly the
    order, that the counted search lists, archived records and non-matches left out, in any sort, page after
    page (the keyset cursor crosses the same condition)."""
    from werkzeug.datastructures import MultiDict

    from intl.contacts.queries import ContactFilters, contact_list
    from intl.contacts.services import archive_contact
    from intl.core import search as search_module
    from intl.core.localized import LocalizedText
    from intl.core.pagination import paginate
    from intl.organizations.queries import OrganizationFilters, organization_list
    from intl.organizations.services import archive_organization
    from intl.partners.queries import PartnerFilters, partner_list
    from intl.partners.services import archive_partner

    for i, country in enumerate(["VN", "JP", "TH", "VN", "KR", "ID"]):
        make_contact(family_name=None, given_name=None, latin_name=f"Nguyen Van {i}", country=country)
        make_organization(names=LocalizedText({"en": f"Nguyen Trading {i}"}), country=country)
        make_partner(names=LocalizedText({"en": f"Nguyen Province {i}"}), country=country)
    make_contact(
        family_name="阮", given_name="文", name_locale="vi", latin_name="Nguyen Van Hai", country="TW"
    )
    make_contact()  # Hiroshi Tanaka: no match
    archive_contact(make_contact(family_name=None, given_name=None, latin_name="Nguyen Archived"))
    archive_organization(make_organization(names=LocalizedText({"en": "Nguyen Archived Ltd"})))
    archive_partner(make_partner(names=LocalizedText({"en": "Nguyen Archived City"})))
    database.session.commit()

    args = MultiDict({"q": "ngu", "sort": sort})
    lists = [
        (ContactFilters, lambda f: contact_list(f, "zh_Hant_TW"), 7),
        (OrganizationFilters, lambda f: organization_list(f, "en"), 6),
        (PartnerFilters, lambda f: partner_list(f, "en"), 6),
    ]

    def listed(filters_class, make_list, narrow_limit: int) -> list[int]:
        monkeypatch.setattr(search_module, "NARROW_LIMIT", narrow_limit)
        filters = filters_class.from_args(args)
        stmt, _count, terms = make_list(filters)
        assert filters.capped == (narrow_limit == 2)
        ids, cursor = [], None
        while True:
            page = paginate(database.session, stmt, terms, cursor, per_page=2, count=False)
            ids += [record.id for record in page.items]
            if not page.next_cursor:
                return ids
            cursor = page.next_cursor

    with app.test_request_context():
        for filters_class, make_list, expected in lists:
            counted = listed(filters_class, make_list, 1_000)
            assert len(counted) == expected
            assert listed(filters_class, make_list, 2) == counted
