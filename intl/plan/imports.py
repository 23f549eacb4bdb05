"""Importing a plan from a spreadsheet, through the office's preview-then-confirm import (intl/imports).

One row per plan line: its number as the plan writes it (肆, 一, (一), 1), where it sits (a level, or the
number of the line it belongs to, or nothing: then the numbering styles tell, 壹 above 一 above (一) above 1,
in the order the file uses them), names, goal, implementation points, budget in thousands of NT$, notes.

The file is read by intl.imports.analysis with PLAN_COLUMNS and `plan_values`; `flag_plan` links each row
to its parent row; `annotate` (the kind's `prepare`, given the year the plan's upload page asks) compares the rows with
the year's existing items; `commit_plan` writes the valid rows. PLAN_IMPORT tells the imports all this (the
plan's blueprint registers it).
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..auth.models import User
from ..core.access import ADMINS
from ..core.db import db
from ..core.i18n import ROC_OFFSET
from ..core.localized import LocalizedText
from ..core.textnorm import normalize
from ..imports.analysis import counts
from ..imports.columns import Column
from ..imports.kinds import ImportKind
from .models import PlanYear
from .services import create_item, create_plan_year
from .tree import PlanTree

PLAN_COLUMNS = [
    Column("number", _l("Number"), "1", ("編號", "項次", "no", "no.", "#")),
    Column("level", _l("Level"), "", ("層級", "層次")),
    Column("parent", _l("Part of (number)"), "肆", ("上層編號", "上層", "parent", "parent number")),
    Column("name_zh", _l("Name in Chinese"), "推動姊妹市、國際友好城市之實質交流", ("計畫名稱", "中文名稱", "名稱")),
    Column("name_en", _l("Name in English"), "Substantive exchange with sister and friendly cities", ("英文名稱", "name")),
    Column("goal", _l("Goal"), "厚實本市國際化之基礎", ("計畫目標", "目標")),
    Column("goal_en", _l("Goal in English"), "", ("英文目標",)),
    Column("implementation", _l("Implementation points"), "1.接待國內外重要訪賓 2.安排首長重要宴會", ("實施要領",)),
    Column("implementation_en", _l("Implementation points in English"), "", ("英文實施要領",)),
    Column(
        "budget_thousand",
        _l("Budget (thousand NT$)"),
        "3,100",
        ("預算", "預算(千元)", "預算(單位:千元)", "預算來源及金額", "金額", "budget"),
    ),
    Column("notes", _l("Notes"), "", ("備註", "備考")),
    Column("responsible", _l("Responsible officer (user name)"), "", ("承辦人", "responsible")),
    Column("plan_year", _l("Plan year"), "", ("年度", "year")),
]  # fmt: skip

_HEAVY = "壹貳參肆伍陸柒捌玖拾"
_LIGHT = "一二三四五六七八九十"
_NUMBER_TAIL = re.compile(r"[.、．,，\s]+$")


def clean_number(text: str) -> str:
    return _NUMBER_TAIL.sub("", (text or "").strip())[:20]


def number_style(number: str) -> str:
    """The numbering style of a plan line: 壹 / 一 / (一) / 1 / (1) / a."""
    text = number.replace("（", "(").replace("）", ")")
    bracketed = text.startswith("(") and text.endswith(")")
    core = text.strip("()")
    if core and all(ch in _HEAVY for ch in core):
        return "heavy"
    if core and all(ch in _LIGHT for ch in core):
        return "(light)" if bracketed else "light"
    if core.isdigit():
        return "(digit)" if bracketed else "digit"
    return "other"


def _whole_thousands(text: str) -> int | None:
    text = (text or "").strip().replace(",", "").replace("，", "").replace("千元", "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(_("Not a number: %(value)s", value=text)) from None
    if value < 0 or value != int(value) or value > 10**9:
        raise ValueError(_("Give the budget in whole thousands of NT$: %(value)s", value=text))
    return int(value)


def _plan_year(text: str) -> int | None:
    text = (text or "").strip().replace("年度", "").replace("年", "").replace("民國", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(_("Not a year: %(value)s", value=text))
    value = int(text)
    value = value + ROC_OFFSET if value < 1000 else value  # 107 is the ROC year of 2018
    if not 1912 <= value <= 2200:
        raise ValueError(_("Not a year: %(value)s", value=text))
    return value


def plan_values(row) -> dict:
    number = clean_number(row.text("number"))
    if not number:
        row.errors.append(_("Give the line's number (肆, 一, 1 ...)."))
    level_text = row.text("level")
    level = None
    if level_text:
        if level_text.isdigit() and 1 <= int(level_text) <= 6:
            level = int(level_text)
        else:
            row.errors.append(_("The level is a number from 1 to 6: %(value)s", value=level_text))
    names = {
        k: v
        for k, v in (
            ("zh_Hant", row.limited("name_zh", 500, _l("Name in Chinese"))),
            ("en", row.limited("name_en", 500, _l("Name in English"))),
        )
        if v
    }
    if not names:
        row.errors.append(_("Enter at least one name."))

    def texts(zh_key: str, en_key: str, label) -> dict:
        return {
            k: v
            for k, v in (
                ("zh_Hant", row.limited(zh_key, 20000, label)),
                ("en", row.limited(en_key, 20000, label)),
            )
            if v
        }

    return {
        "number": number,
        "level": level,
        "parent": clean_number(row.text("parent")) or None,
        "names": names,
        "goal": texts("goal", "goal_en", _l("Goal")),
        "implementation": texts("implementation", "implementation_en", _l("Implementation points")),
        "budget_thousand": row.value(_whole_thousands, "budget_thousand"),
        "notes": row.limited("notes", 20000, _l("Notes")),
        "responsible": row.limited("responsible", 80, _l("Responsible officer (user name)")),
        "plan_year": row.value(_plan_year, "plan_year"),
    }


def flag_plan(kind: str, results: list[dict]) -> None:
    """Give each row its parent row (by parent number, level, or numbering style) and its level; refuse
    rows whose parent cannot be found or cannot be imported, and unknown user names."""
    styles: list[str] = []  # the outline's numbering styles, outermost first
    by_level: dict[int, dict] = {}  # the latest row seen at each level
    seen_numbers: dict[str, dict] = {}  # number -> the latest row carrying it
    usernames = {
        normalize(name): uid for uid, name in db.session.execute(select(User.id, User.username)).all()
    }
    for result in results:
        values = result["values"]
        link = result["plan"] = {"parent_row": None, "level": 1, "responsible_id": None}
        number = values["number"] or ""
        parent = None
        if values["parent"]:
            parent = seen_numbers.get(values["parent"])
            if parent is None:
                link["parent_number"] = values["parent"]  # perhaps an item already in the plan: see annotate
        elif values["level"]:
            if values["level"] > 1:
                parent = by_level.get(values["level"] - 1)
                if parent is None:
                    result["errors"].append(
                        _("No line of level %(n)d comes before this one.", n=values["level"] - 1)
                    )
        else:
            style = number_style(number)
            if style in styles:
                del styles[styles.index(style) + 1 :]
            else:
                styles.append(style)
            parent = by_level.get(len(styles) - 1) if len(styles) > 1 else None
        if parent is not None:
            link["parent_row"] = parent["row"]
            link["level"] = parent["plan"]["level"] + 1
            result["notes"].append(
                _("Part of %(number)s (row %(row)d)", number=parent["values"]["number"], row=parent["row"])
            )
            if parent["errors"]:
                result["errors"].append(_("Its parent line (row %(n)d) cannot be imported.", n=parent["row"]))
        elif values["level"] and not values["parent"]:
            link["level"] = values["level"]
        if link["level"] > 6:
            result["errors"].append(_("A plan has at most 6 levels."))
        if values["responsible"]:
            link["responsible_id"] = usernames.get(normalize(values["responsible"]))
            if link["responsible_id"] is None:
                result["errors"].append(_("No user is called %(name)s.", name=values["responsible"]))
        by_level[link["level"]] = result
        for deeper in [lv for lv in by_level if lv > link["level"]]:
            del by_level[deeper]
        if number:
            seen_numbers[number] = result


def _path(result: dict, by_row: dict[int, dict]) -> tuple[str, ...]:
    link = result["plan"]
    if link["parent_row"] is not None:
        return (*_path(by_row[link["parent_row"]], by_row), result["values"]["number"])
    return (*link.get("parent_path", ()), result["values"]["number"])


def annotate(analysis: dict, year: int) -> dict:
    """Compare the analysed rows with the items the year's plan already has: rows for an existing line are
    possible duplicates (skipped unless the user asks), parent numbers may name an existing line, and each
    row gets the plan year (a 'Plan year' column in the file wins)."""
    rows = analysis["rows"]
    file_years = {r["values"].get("plan_year") for r in rows if r["values"].get("plan_year")}
    if len(file_years) > 1:
        for r in rows:
            r["errors"].append(_("The file mixes several plan years: import one year at a time."))
    year = file_years.pop() if len(file_years) == 1 else year
    plan_year = db.session.scalar(select(PlanYear).where(PlanYear.year == year))
    tree = PlanTree.of_year(plan_year.id) if plan_year else PlanTree([])
    existing = {tree.path_numbers(i): i for i in tree.items}
    by_number: dict[str, list[int]] = {}
    for item in tree.items.values():
        by_number.setdefault(item.number, []).append(item.id)
    by_row = {r["row"]: r for r in rows}
    for result in rows:
        result["values"]["plan_year"] = year
        link = result["plan"]
        number = link.get("parent_number")
        if number and link["parent_row"] is None:
            ids = by_number.get(number, [])
            if len(ids) == 1:
                parent = tree.items[ids[0]]
                link["parent_existing_id"] = parent.id
                link["parent_path"] = list(tree.path_numbers(parent.id))
                link["level"] = parent.level + 1
                result["notes"].append(_("Part of %(number)s (already in the plan)", number=number))
            elif not result["errors"]:
                result["errors"].append(
                    _(
                        "No single line numbered %(number)s comes before this one or is in the plan.",
                        number=number,
                    )
                )
    for result in rows:
        if result["errors"]:
            continue
        path = _path(result, by_row)
        match = existing.get(path)
        if match is not None:
            result["duplicates"] = [match]
            result["plan"]["existing_id"] = match
    for (
        result
    ) in rows:  # children of a line that is already there go under the existing line when it is skipped
        parent_row = result["plan"]["parent_row"]
        if parent_row is not None and by_row[parent_row]["plan"].get("existing_id"):
            result["plan"]["parent_existing_id"] = by_row[parent_row]["plan"]["existing_id"]
    analysis["counts"] = counts(rows)
    analysis["plan_year"] = year
    return analysis


def prepare_plan(analysis: dict, options: dict) -> dict:
    """The imports' hook (ImportKind.prepare): the year the plan's upload page asked for."""
    return annotate(analysis, int(options["year"]))


def commit_plan(rows: list[dict]) -> int:
    """Write the valid rows in file order. Only administrators change the plan: the import kind says so
    (`PLAN_IMPORT.roles`), and the imports' policy asks it before a batch is committed."""
    if not rows:
        return 0
    year = rows[0]["values"]["plan_year"]
    plan_year = db.session.scalar(select(PlanYear).where(PlanYear.year == year))
    if plan_year is None:
        plan_year = create_plan_year(
            year, title={"zh_Hant": f"{year - ROC_OFFSET}年度施政計畫", "en": f"Annual plan {year}"}
        )
    created: dict[int, int] = {}
    for result in sorted(rows, key=lambda r: r["row"]):
        values, link = result["values"], result["plan"]
        parent_id = created.get(link["parent_row"]) if link["parent_row"] is not None else None
        parent_id = parent_id or link.get("parent_existing_id")
        item = create_item(
            plan_year,
            parent_id=parent_id,
            number=values["number"],
            name=LocalizedText(values["names"]),
            goal=LocalizedText(values["goal"]),
            implementation=LocalizedText(values["implementation"]),
            budget_thousand=values["budget_thousand"],
            notes=values["notes"],
            responsible_id=link.get("responsible_id"),
        )
        created[result["row"]] = item.id
    return len(rows)


PLAN_IMPORT = ImportKind(
    "plan",
    _l("Import a plan"),
    PLAN_COLUMNS,
    plan_values,
    ("name_zh", "name_en"),
    flag_plan,
    commit_plan,
    "plan.index",
    ("plan.item", "item_id"),
    uploadable=False,  # uploaded from the plan's page (plan.import_plan), which asks the year
    roles=ADMINS,
    prepare=prepare_plan,
)
