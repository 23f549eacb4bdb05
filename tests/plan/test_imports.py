"""Importing a plan through the office's import flow: preview first, the hierarchy read from levels, parent
numbers or numbering styles, lines already in the plan flagged, nothing written until confirmed."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from intl.plan.models import PlanItem, PlanYear
from intl.plan.tree import PlanTree
from tests.helpers import page_text

SEED_SECTION = (
    "編號,計畫名稱,英文名稱,計畫目標,實施要領,預算(千元),備註\n"
    '肆,國際事務 訪賓接待聯繫業務,International affairs,厚實本市國際化之基礎,,"8,395",\n'
    "1,推動姊妹市、國際友好城市之實質交流,Sister cities,,1.接待國內外重要訪賓 2.安排首長重要宴會,4200,示範\n"
    "(一),接待訪賓,Receiving visitors,,,,\n"
    "2,辦理國際學生、使節、媒體看見高雄系列活動，行銷高雄,See Kaohsiung,,,1300,\n"
    "3,規劃國際主題課程，培植具國際視野之人才,Courses,,,1100,\n"
    "4,落實新南向政策，強化與新南向國家城市連結,New Southbound,,,1395,\n"
    "5,運用國際關係小組等機制，協助推動本市國際事務,Relations group,,,400,\n"
)


def upload(client, data: bytes, filename: str, year: str = "107"):
    return client.post(
        "/plan/2018/import",
        data={"year": year, "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )


def count(database, model):
    return database.session.scalar(select(func.count()).select_from(model))


def test_a_plan_is_previewed_then_imported_with_its_hierarchy(client, as_role, database):
    as_role("admin")
    response = upload(client, "\ufeff".encode() + SEED_SECTION.encode(), "plan.csv")
    assert response.status_code == 302, page_text(response)[:1500]
    page = page_text(client.get(response.location, headers={"Accept-Language": "en"}))
    assert count(database, PlanItem) == 0  # nothing written by the preview
    assert 'data-count="valid">7<' in page and "8395" in page and "Plan year" in page
    assert "Part of 1 (row 3)" in page  # where each line lands is shown before anything is written
    response = client.post(response.location + "/commit", data={"skip_duplicates": "y"})
    assert response.status_code == 302 and response.location.endswith("/plan")
    plan_year = database.session.scalar(select(PlanYear))
    assert plan_year.year == 2018 and plan_year.roc_year == 107
    tree = PlanTree.of_year(plan_year.id)
    assert [(i.number, d) for i, d in tree.ordered()] == [
        ("肆", 0),
        ("1", 1),
        ("(一)", 2),
        ("2", 1),
        ("3", 1),
        ("4", 1),
        ("5", 1),
    ]
    section = tree.roots[0]
    assert section.budget_thousand == 8395 and tree.total_planned() == 8_395_000
    assert tree.children_mismatch(section.id) is None
    first = next(i for i in tree.items.values() if i.number == "1")
    assert first.name.get_for("en") == "Sister cities" and first.implementation["zh_Hant"].startswith(
        "1.接待"
    )
    assert first.notes == "示範"
    assert client.get("/plan").location.endswith("/plan/2018")


def test_levels_and_parent_numbers_place_the_lines(client, as_role, database):
    as_role("admin")
    sheet = Workbook()
    ws = sheet.active
    ws.append(["高雄市政府秘書處 107 年度施政計畫"])  # a title row above the headings
    ws.append(["Number", "Level", "Part of (number)", "Name in Chinese", "Budget (thousand NT$)"])
    ws.append(["壹", 1, None, "一般行政", 25169])
    ws.append(["一", 2, None, "行政業務", 8246])
    ws.append(["肆", 1, None, "國際事務", 8395])
    ws.append(["1", None, "肆", "推動姊妹市", 4200])
    ws.append(["9", None, "玖", "無此上層", 1])
    ws.append(["(二)", 4, None, "層級跳躍", None])
    out = io.BytesIO()
    sheet.save(out)
    response = upload(client, out.getvalue(), "plan.xlsx")
    page = page_text(client.get(response.location, headers={"Accept-Language": "en"}))
    invalid = page.split("data-invalid-rows")[1].split("</table>")[0]
    assert "<td>7</td>" in invalid and "No single line numbered 玖" in invalid
    assert "<td>8</td>" in invalid and "No line of level 3" in invalid
    client.post(response.location + "/commit", data={})
    tree = PlanTree.of_year(database.session.scalar(select(PlanYear.id)))
    assert [(i.number, d) for i, d in tree.ordered()] == [("壹", 0), ("一", 1), ("肆", 0), ("1", 1)]


def test_lines_already_in_the_plan_are_flagged_and_skipped(client, as_role, database):
    as_role("admin")
    client.post(
        upload(client, SEED_SECTION.encode(), "plan.csv").location + "/commit", data={"skip_duplicates": "y"}
    )
    assert count(database, PlanItem) == 7
    again = SEED_SECTION + "6,新增項目,New item,,,0,\n"
    response = upload(client, again.encode(), "plan.csv")
    page = page_text(client.get(response.location, headers={"Accept-Language": "en"}))
    assert 'data-count="duplicates">7<' in page
    client.post(response.location + "/commit", data={"skip_duplicates": "y"})
    assert count(database, PlanItem) == 8
    new = database.session.scalar(select(PlanItem).where(PlanItem.number == "6"))
    section = database.session.scalar(select(PlanItem).where(PlanItem.number == "肆"))
    assert new.parent_id == section.id and new.level == 2  # under the line that was already there


def test_a_year_column_wins_and_roc_years_are_read(client, as_role, database):
    as_role("admin")
    data = "年度,編號,計畫名稱\n115,肆,國際事務\n"
    response = upload(client, data.encode(), "plan.csv", year="2018")
    client.post(response.location + "/commit", data={})
    assert database.session.scalar(select(PlanYear.year)) == 2026


def test_only_administrators_import_a_plan(client, make_user, login, database):
    admin = login(make_user("admin"))
    location = upload(client, SEED_SECTION.encode(), "plan.csv").location
    login(make_user("officer"))
    assert client.get("/plan/2018/import").status_code == 403
    assert client.post(location + "/commit", data={}).status_code == 403
    assert count(database, PlanItem) == 0
    login(admin)
    assert client.post(location + "/commit", data={}).status_code == 302
    assert count(database, PlanItem) == 7


def test_the_template_names_the_columns_in_both_languages(client, as_role):
    as_role("admin")
    response = client.get("/import/template/plan.xlsx?lang=zh_Hant_TW")
    headings = [c.value for c in next(load_workbook(io.BytesIO(response.data)).active.iter_rows())]
    assert "Number" in headings or "編號" in headings
    assert len(headings) == 13
    csv = client.get("/import/template/plan.csv?lang=en").data.decode("utf-8-sig")
    assert csv.startswith("Number,Level,Part of (number),Name in Chinese")


def test_a_file_without_names_is_refused(client, as_role):
    as_role("admin")
    response = upload(client, b"Number,Budget\n1,100\n", "plan.csv")
    assert response.status_code == 200 and "no name column" in page_text(response)
