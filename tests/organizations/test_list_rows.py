"""The organization list's rows (worked out in Python from the columns it shows): each organization's name in
the reader's language with its other forms beside it, its kind, country, parent and tags, in Chinese and in
English, and no more statements for a page of many organizations with parents and tags than for one."""

from __future__ import annotations

import re

import pytest

from tests.helpers import page_text


def _row(text: str, name: str) -> str:
    rows = re.findall(r"<tr>.*?</tr>", text, flags=re.S)
    found = [row for row in rows if name in row]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def bureau(make_organization, database):
    parent = make_organization(names={"ja": "横浜市", "en": "City of Yokohama", "zh_Hant": "橫濱市"})
    child = make_organization(
        names={"ja": "横浜市国際局", "en": "Yokohama International Affairs Bureau"},
        parent_id=parent.id,
        country="JP",
    )
    from intl.core.tags import tags_named

    child.tags = tags_named(["sister-city", "asia"])
    database.session.commit()
    return child


@pytest.mark.parametrize(
    ("locale", "name", "other", "parent", "country", "kind"),
    [
        (
            "en",
            "Yokohama International Affairs Bureau",
            "横浜市国際局",
            "City of Yokohama",
            "Japan",
            "Government body abroad",
        ),
        (
            "zh_Hant_TW",
            "横浜市国際局",
            "Yokohama International Affairs Bureau",
            "橫濱市",
            "日本",
            "外國政府機關",
        ),
    ],
)
def test_list_row_shows_name_kind_country_parent_and_tags(
    client, make_user, login, bureau, locale, name, other, parent, country, kind
):
    login(make_user("officer", locale=locale))
    row = _row(page_text(client.get("/organizations")), other)
    assert f'href="/organizations/{bureau.id}"' in row
    assert name in row and other in row
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    assert cells[1] == kind and cells[2] == country and cells[3] == parent
    assert re.findall(r'<span class="badge[^"]*">([^<]+)</span>', cells[4]) == ["asia", "sister-city"]


def test_list_statements_do_not_grow_with_its_rows(client, as_role, make_organization, count_queries):
    as_role("officer")
    parent = make_organization(names={"en": "Parent"})
    make_organization(names={"en": "Only child"}, parent_id=parent.id)
    with count_queries() as few:
        client.get("/organizations")
    for i in range(20):
        make_organization(names={"en": f"Child {i}"}, parent_id=parent.id, tag_names=[f"tag {i}"])
    with count_queries() as many:
        client.get("/organizations")
    assert many.count == few.count
