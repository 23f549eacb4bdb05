import pytest
from sqlalchemy import select

from intl.core.pagination import SortTerm, decode_cursor, paginate
from intl.partners.models import Partner


def test_walks_forward_and_back_through_all_rows(database, make_partner):
    for i in range(7):
        make_partner(names={"en": f"City {i}"}, relationship=["friendly", "sister"][i % 2])
    stmt = select(Partner).where(Partner.archived_at.is_(None))
    terms = [SortTerm(Partner.relationship), SortTerm(Partner.id, True)]
    seen, cursor, pages = [], None, []
    while True:
        page = paginate(database.session, stmt, terms, cursor, per_page=3)
        pages.append(page)
        seen.extend(p.id for p in page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    expected = [
        p.id for p in database.session.scalars(stmt.order_by(Partner.relationship, Partner.id.desc()))
    ]
    assert seen == expected
    assert [p.first_number for p in pages] == [1, 4, 7]
    back = paginate(database.session, stmt, terms, pages[-1].prev_cursor, per_page=3)
    assert [p.id for p in back.items] == expected[3:6]
    assert back.first_number == 4
    assert back.total == 7


def test_malformed_cursor_is_a_bad_request():
    from werkzeug.exceptions import BadRequest

    for token in ["!!!", "e30", "eyJkaXIiOiAiYWZ0ZXIifQ"]:
        with pytest.raises(BadRequest):
            decode_cursor(token, 2)


def test_malformed_cursor_in_a_page_answers_400(client, as_role):
    as_role("officer")
    response = client.get("/partners?cursor=%%%garbage")
    assert response.status_code == 400
