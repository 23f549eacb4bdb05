"""Issue 7 in a real browser: import this year's plan from a spreadsheet, link a delegation to one of its
items, see the item's budget bar move and the year's report count the visit (and list it behind the figure)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.browser.actions import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PLAN = (
    "編號,計畫名稱,英文名稱,計畫目標,實施要領,預算(千元)\n"
    "肆,國際事務 訪賓接待聯繫業務,International affairs,厚實本市國際化之基礎,,8395\n"
    "1,推動姊妹市、國際友好城市之實質交流,Sister and friendly cities,,1.接待國內外重要訪賓,4200\n"
    "2,辦理國際學生、使節、媒體看見高雄系列活動，行銷高雄,See Kaohsiung,,,1300\n"
    "3,規劃國際主題課程，培植具國際視野之人才,International courses,,,1100\n"
    "4,落實新南向政策，強化與新南向國家城市連結,New Southbound,,,1395\n"
    "5,運用國際關係小組等機制，協助推動本市國際事務,Relations group,,,400\n"
)


def item_row(page, name: str):
    return page.locator("[data-plan-items] tbody tr", has_text=name)


def test_import_a_plan_link_a_visit_and_see_it_counted(page, live_server, sign_in, tmp_path):
    from intl.core.time import today_in

    year = today_in("Asia/Taipei").year
    sign_in("admin")
    switch_language(page, "English")

    # the plan, from a spreadsheet: preview first, then confirm
    sheet = tmp_path / "plan.csv"
    sheet.write_text(PLAN, encoding="utf-8")
    page.goto(f"{live_server.url}/plan/{year}/import")
    page.set_input_files("input[name=file]", str(sheet))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_url(re.compile(r".*/import/batches/\d+$"))
    assert page.locator("[data-count=valid]").inner_text() == "6"
    assert "Part of 肆" in page.locator("[data-valid-rows]").inner_text()
    page.get_by_role("button", name="Import the valid rows").click()
    page.wait_for_url(re.compile(rf".*/plan/{year}$"))
    assert "6 rows imported" in page.locator(".alert").first.inner_text()
    assert page.locator("[data-total-planned]").inner_text() == "8,395"
    bar = item_row(page, "1.Sister and friendly cities").locator("[data-budget-bar]")
    assert bar.get_attribute("data-spent") == "0"
    assert float(bar.locator(".budget-bar-spent").get_attribute("width")) == 0

    # a visit done this year, linked to item 1 on the delegation's form
    page.goto(f"{live_server.url}/delegations/new")
    rows = page.locator(".names-row")
    rows.nth(0).locator("select").select_option("en")
    rows.nth(0).locator("input").fill("Cebu mayor's visit")
    day = date(year, 1, 20).isoformat()
    page.fill("input[name=start_on]", day)
    page.fill("input[name=end_on]", day)
    page.select_option("select[name=direction]", "inbound")
    page.select_option("select[name=status]", "done")
    page.fill("input[name=actual_cost]", "1050000")
    page.select_option(
        "select[name=plan_item_id]", label="\u30001.Sister and friendly cities"
    )  # indented under 肆
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/delegations/\d+$"))

    # the bar moved: 1,050 of 4,200 thousand NT$ spent (25 %)
    page.goto(f"{live_server.url}/plan/{year}")
    row = item_row(page, "1.Sister and friendly cities")
    bar = row.locator("[data-budget-bar]")
    assert bar.get_attribute("data-spent") == "1050000" and bar.get_attribute("data-percent") == "25"
    assert float(bar.locator(".budget-bar-spent").get_attribute("width")) == pytest.approx(25.0)
    assert row.locator("td[data-spent]").inner_text() == "1,050"
    assert page.locator("[data-total-spent]").inner_text() == "1,050"

    # the report counts the visit, and the figure opens the list of the records behind it
    page.get_by_role("link", name="Performance report").click()
    page.wait_for_url(re.compile(rf".*/plan/{year}/report$"))
    line = page.locator("[data-report-items] tbody tr", has_text="1.Sister and friendly cities")
    assert line.locator("[data-count=delegation]").inner_text() == "1"
    assert line.locator("td[data-spent]").inner_text() == "1,050"
    line.locator("[data-count=delegation] a").click()
    page.wait_for_url(re.compile(r".*/records\?.*"))
    assert "1 record" in page.locator("[data-records-total]").inner_text()
    assert page.locator("[data-figure-records] tbody a", has_text="Cebu mayor's visit").count() == 1
