"""The report as tables with Chinese and English headings, for the XLSX and PDF files (report_files.py).

Both files come from the same tables, so they hold the same figures as each other and as the page. Headings
are bilingual whoever exports (the sheets go to the city's reports and to partners); dates are ROC dates with
the Gregorian date beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale

from ..core.bilingual import names
from ..core.countries import NEW_SOUTHBOUND
from ..core.i18n import country_name, roc_date
from ..delegations.models import CATEGORIES
from ..partners.models import RELATIONSHIPS
from . import activities
from .activities import STATES
from .regions import REGIONS, UNKNOWN, continent_of, region_name
from .report import Report
from .stats import load_names

EN = "en"
CHINESE = "zh_Hant_TW"


@dataclass
class Table:
    key: str  # sheet name
    title: tuple[str, str]
    headers: list[tuple[str, str]]
    rows: list[list] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)  # columns printed right-aligned
    pdf_columns: list[int] | None = None  # the columns printed on paper (all when None)
    pdf_limit: int | None = None  # the rows printed on paper (all when None); the Excel file has them all

    def for_paper(self) -> Table:
        columns = self.pdf_columns or list(range(len(self.headers)))
        rows = self.rows if self.pdf_limit is None else self.rows[: self.pdf_limit]
        printed = [[row[i] if i < len(row) else None for i in columns] for row in rows]
        if self.pdf_limit is not None and len(self.rows) > self.pdf_limit:
            more = len(self.rows) - self.pdf_limit
            printed.append(
                [f"……另 {more:,} 筆，見 Excel 檔 · {more:,} more in the Excel file"]
                + [None] * (len(columns) - 1)
            )
        return Table(
            self.key,
            self.title,
            [self.headers[i] for i in columns],
            printed,
            {n for n, i in enumerate(columns) if i in self.numeric},
        )


def heading(pair: tuple[str, str]) -> str:
    return " ".join(dict.fromkeys(t for t in pair if t))


def thousands(amount: int | None):
    return None if amount is None else round(amount / 1000, 1)


def roc(day) -> str:
    return roc_date(day, "short") if day else ""


def both(text) -> tuple[str, str]:
    return names(text, EN) if not isinstance(text, str) else (text, "")


def _pair(lazy) -> tuple[str, str]:
    """A UI label (lazy gettext) in Chinese and English, from the catalogs."""
    with force_locale(CHINESE):
        chinese = str(lazy)
    with force_locale(EN):
        english = str(lazy)
    return chinese, ("" if english == chinese else english)


def _split(kind_key: str) -> tuple[str, str]:
    return _pair(activities.kind(kind_key).label)


def report_tables(
    report: Report, partner_limit: int | None = None, itemised_only: bool = False
) -> list[Table]:
    """The report's tables; `partner_limit` keeps the most active partners only, `itemised_only` lists only
    the kinds listed record by record (letters and gifts stay counted in the summary) (paper)."""
    quarter = report.is_quarter
    plan_kinds = [k.key for k in activities.plan_kinds()]
    exchange = report.stats.kinds
    period_zh, period_en = report.period.bilingual()
    total = report.total

    summary = Table("Summary", ("概要", "Summary"), [("項目", "Item"), ("數值", "Value")], numeric={1})
    summary.rows = [
        ["計畫年度 Plan year", f"民國{report.plan_year.roc_year}年 ({report.plan_year.year})"],
        ["期間 Period", f"{period_zh} {period_en}"],
        ["日期 Dates", f"{roc(report.period.start)} – {roc(report.period.end)}"],
        ["預算（千元） Budget (thousand NT$)", thousands(total.planned)],
        ["已支用（千元） Spent (thousand NT$)", thousands(total.spent)],
        ["已保留（千元） Committed (thousand NT$)", thousands(total.committed)],
        ["剩餘（千元） Remaining (thousand NT$)", thousands(total.remaining)],
        ["執行率 Used", f"{total.percent} %" if total.percent is not None else ""],
    ]
    if quarter:
        summary.rows.append(
            ["本季支用（千元） Spent in the quarter (thousand NT$)", thousands(report.period_spent)]
        )
    for key in plan_kinds:
        summary.rows.append([heading(_split(key)) + "（執行） carried out", report.counts.get(key, 0)])
    summary.rows.append(["交流夥伴 Partners engaged", len(report.stats.total.partners)])
    summary.rows.append(["製表日期 Generated", roc(report.today)])

    items = Table(
        "Plan items",
        ("計畫項目", "Plan items"),
        [
            ("編號", "Number"),
            ("項目", "Item"),
            ("", "Item (English)"),
            ("預算（千元）", "Budget (thousand NT$)"),
            ("已支用（千元）", "Spent"),
            ("已保留（千元）", "Committed"),
            ("剩餘（千元）", "Remaining"),
            ("執行率 %", "Used %"),
            *([("本季支用（千元）", "Spent in the quarter")] if quarter else []),
            *[_split(k) for k in plan_kinds],
            ("承辦人", "Responsible"),
            ("備註", "Notes"),
        ],
        numeric=set(range(3, 8 + (1 if quarter else 0) + len(plan_kinds))),
    )
    for entry in report.items:
        item, line = entry.item, entry.budget
        zh, en = both(item.name)
        items.rows.append(
            [
                "\u3000" * entry.depth + item.number,
                zh,
                en,
                thousands(line.planned),
                thousands(line.spent),
                thousands(line.committed),
                thousands(line.remaining),
                line.percent,
                *([thousands(entry.period_spent)] if quarter else []),
                *[entry.counts.get(k, 0) for k in plan_kinds],
                item.responsible.display_name if item.responsible else "",
                item.notes or "",
            ]
        )
    items.rows.append(
        [
            "",
            "合計",
            "Total",
            thousands(total.planned),
            thousands(total.spent),
            thousands(total.committed),
            thousands(total.remaining),
            total.percent,
            *([thousands(report.period_spent)] if quarter else []),
            *[report.counts.get(k, 0) for k in plan_kinds],
            "",
            "",
        ]
    )

    targets = Table(
        "Targets",
        ("目標達成", "Targets and actual figures"),
        [
            ("編號", "Number"),
            ("項目", "Item"),
            ("指標", "Figure"),
            ("目標", "Target"),
            ("實績", "Actual"),
            ("達成率 %", "Achieved %"),
            *([("年度目標", "Year target"), ("年度累計", "Year to date")] if quarter else []),
        ],
        numeric={3, 4, 5, 6, 7},
    )
    for entry in report.items:
        for t in entry.targets:
            targets.rows.append(
                [
                    entry.item.number,
                    both(entry.item.name)[0],
                    heading(_pair(t.metric.label)),
                    t.target,
                    "未計 pending" if t.actual is None else t.actual,
                    t.percent,
                    *([t.year_target, t.year_actual] if quarter else []),
                ]
            )

    done = Table(
        "Activities",
        ("執行活動", "Activities"),
        [
            ("編號", "Number"),
            ("類別", "Kind"),
            ("日期（民國）", "Date (ROC)"),
            ("日期", "Date"),
            ("名稱", "Title"),
            ("", "Title (English)"),
            ("狀態", "Status"),
            ("實支（元）", "Actual cost (NT$)"),
            ("預算（元）", "Budget (NT$)"),
            ("交流夥伴", "Partners"),
        ],
        numeric={7, 8},
    )
    partners = report.stats.partners
    top_partners = report.stats.top_partners(partner_limit)  # reads their names
    load_names(
        partners,
        [p for entry in report.items for row in entry.carried_out + entry.planned for p in row.partners],
    )
    listed = {k.key for k in activities.plan_kinds() if k.itemised or not itemised_only}
    for entry in report.items:
        for row in entry.carried_out + entry.planned:
            if row.kind not in listed:
                continue
            zh, en = both(row.title) if row.title else ("", "")
            done.rows.append(
                [
                    entry.item.number,
                    heading(_split(row.kind)),
                    roc(row.day),
                    row.day,
                    zh,
                    en,
                    heading(_pair(STATES[row.state])),
                    row.actual,
                    row.planned,
                    "、".join(both(partners[p].names)[0] for p in row.partners if p in partners),
                ]
            )

    expenses = Table(
        "Expenses",
        ("其他支出", "Expenses"),
        [
            ("編號", "Number"),
            ("日期（民國）", "Date (ROC)"),
            ("日期", "Date"),
            ("受款人", "Payee"),
            ("金額（元）", "Amount (NT$)"),
            ("說明", "Note"),
        ],
        numeric={4},
    )
    for entry in report.items:
        for e in entry.expenses:
            expenses.rows.append([entry.item.number, roc(e.day), e.day, e.payee, e.amount, e.note or ""])

    kind_heads = [_split(k) for k in exchange]

    def counts(bucket) -> list:
        return [bucket.count(k) for k in exchange] + [bucket.count()]

    by_partner = Table(
        "By partner",
        ("交流統計：夥伴城市", "Exchanges by partner"),
        [("夥伴", "Partner"), ("", "Partner (English)"), ("國家", "Country"), ("洲別", "Region"),
         ("新南向", "New Southbound"), *kind_heads, ("合計", "Total")],
        numeric=set(range(5, 6 + len(exchange))),
    )  # fmt: skip
    for info, bucket in top_partners:
        zh, en = both(info.names)
        by_partner.rows.append(
            [
                zh,
                en,
                heading((country_name(info.country, CHINESE), country_name(info.country, EN))),
                heading((region_name(continent_of(info.country), CHINESE), region_name(continent_of(info.country), EN))),
                "是 Yes" if info.new_southbound else "",
                *counts(bucket),
            ]
        )  # fmt: skip
    if partner_limit is not None and len(report.stats.by_partner) > partner_limit:
        more = len(report.stats.by_partner) - partner_limit
        by_partner.rows.append(
            [f"……另 {more:,} 個夥伴，見 Excel 檔 · {more:,} more partners in the Excel file"]
        )
    if report.stats.without_partner.count():
        by_partner.rows.append(
            ["（無夥伴）", "(no partner)", "", "", "", *counts(report.stats.without_partner)]
        )

    by_country = Table(
        "By country",
        ("交流統計：國家", "Exchanges by country"),
        [("國家", "Country"), ("", "Country (English)"), ("洲別", "Region"), ("新南向", "New Southbound"),
         ("夥伴數", "Partners"), *kind_heads, ("合計", "Total")],
        numeric=set(range(4, 6 + len(exchange))),
    )  # fmt: skip
    for code, bucket in sorted(report.stats.by_country.items(), key=lambda kv: (-kv[1].count(), kv[0])):
        by_country.rows.append(
            [
                country_name(code, CHINESE),
                country_name(code, EN),
                heading((region_name(continent_of(code), CHINESE), region_name(continent_of(code), EN))),
                "是 Yes" if code in NEW_SOUTHBOUND else "",
                len(bucket.partners),
                *counts(bucket),
            ]
        )

    by_region = Table(
        "By region",
        ("交流統計：洲別", "Exchanges by region"),
        [
            ("洲別", "Region"),
            ("", "Region (English)"),
            ("夥伴數", "Partners"),
            *kind_heads,
            ("合計", "Total"),
        ],
        numeric=set(range(2, 4 + len(exchange))),
    )
    for code in [*REGIONS, UNKNOWN]:
        bucket = report.stats.by_region.get(code)
        if bucket is not None:
            by_region.rows.append(
                [region_name(code, CHINESE), region_name(code, EN), len(bucket.partners), *counts(bucket)]
            )

    category_kinds = [k for k in exchange if activities.kind(k).categories is not None]
    by_category = Table(
        "By category",
        ("交流統計：類別", "Exchanges by category"),
        [("類別", "Category"), *[_split(k) for k in category_kinds], ("合計", "Total")],
        numeric=set(range(1, 2 + len(category_kinds))),
    )
    for code, bucket in sorted(report.stats.by_category.items(), key=lambda kv: (-kv[1].count(), kv[0])):
        name = heading(_pair(CATEGORIES[code])) if code in CATEGORIES else "未分類 Uncategorized"
        by_category.rows.append([name, *[bucket.count(k) for k in category_kinds], bucket.count()])

    nsb = Table(
        "New Southbound",
        ("新南向國家與其他", "New Southbound countries and others"),
        [("", "Partners in"), ("夥伴數", "Partners"), *kind_heads, ("合計", "Total")],
        numeric=set(range(1, 3 + len(exchange))),
    )
    for key, title in (("yes", "新南向國家 New Southbound countries"), ("no", "其他國家 Other countries")):
        bucket = report.stats.by_nsb[key]
        nsb.rows.append([title, len(bucket.partners), *counts(bucket)])

    dormant = Table(
        "Dormant partners",
        ("久未交流夥伴", "Dormant partners"),
        [("夥伴", "Partner"), ("", "Partner (English)"), ("國家", "Country"), ("關係", "Relationship"),
         ("最近交流（民國）", "Last exchange (ROC)"), ("最近交流", "Last exchange")],
    )  # fmt: skip
    for p in report.dormant:
        zh, en = both(p.names)
        dormant.rows.append(
            [
                zh,
                en,
                heading((country_name(p.country, CHINESE), country_name(p.country, EN))),
                heading(_pair(RELATIONSHIPS.get(p.relationship, p.relationship))),
                roc(p.last_exchange),
                p.last_exchange,
            ]
        )
    return [
        summary,
        items,
        targets,
        done,
        expenses,
        by_partner,
        by_country,
        by_region,
        by_category,
        nsb,
        dormant,
    ]
