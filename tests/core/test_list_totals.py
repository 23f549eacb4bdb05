"""A list counts its total up to LIST_COUNT_LIMIT rows and says "more than" beyond (core/pagination)."""

from __future__ import annotations

from tests.helpers import app_config, page_text


def test_a_list_counts_exactly_up_to_the_limit_then_says_more_than(app, client, as_role, make_partner):
    as_role("officer")
    for number in range(3):
        make_partner(names={"en": f"Port City {number}"})
    make_partner(names={"en": "Yokohama"})
    with app_config(app, LIST_COUNT_LIMIT=4):
        assert "第 1–4 筆，共 4 筆" in page_text(client.get("/partners"))
        make_partner(names={"en": "Port City 3"})
        assert "第 1–5 筆，超過 4 筆" in page_text(client.get("/partners"))
        assert "第 1–1 筆，共 1 筆" in page_text(client.get("/partners?q=Yokohama"))
