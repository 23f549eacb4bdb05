"""The performance report (施政績效) of a plan year or a quarter, computed from the records.

Per plan item: the activities carried out, targets against actual figures, spending against the budget and
the item's notes; then the exchange statistics of the period and the dormant partners. Every figure has a key
(`figure_refs(key)` gives the records behind it), so the page can link each number to its list.

The query count does not grow with the data: the items, the targets, one query per activity kind, one for
their partner links per kind, one for expenses, one for the partners' names, one for dormant partners.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..core.db import db
from . import activities
from . import rows as activity_rows
from .activities import CARRIED_OUT, CONFIRMED, PROPOSED, UNDER_WAY
from .budget import BudgetLine, budget_lines
from .dormant import DormantPartner, dormant_partners, last_exchanges
from .metrics import METRICS, OFFICE, Metric
from .models import PlanItem, PlanTarget, PlanYear
from .periods import QUARTER_KEYS, Period
from .stats import ExchangeStats, exchange_stats, partner_info
from .tree import PlanTree

UPCOMING = frozenset({CONFIRMED, PROPOSED, UNDER_WAY})


@dataclass
class TargetLine:
    metric: Metric
    target: int | None
    actual: int | None  # None: the metric is pending (its kind is not built yet)
    year_target: int | None = None
    year_actual: int | None = None

    @property
    def percent(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        return round(100 * self.actual / self.target)

    @property
    def met(self) -> bool | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual >= self.target


@dataclass
class ItemReport:
    item: PlanItem
    depth: int
    budget: BudgetLine  # 1 January to the end of the period
    period_spent: int  # spent within the period
    carried_out: list  # the item's own activities carried out in the period (sub-items list theirs)
    planned: list  # the item's own activities of the period not carried out yet (confirmed, proposed)
    expenses: list
    counts: dict[str, int]  # kind -> activities carried out in the period, sub-items included
    targets: list[TargetLine]
    mismatch: tuple[int, int] | None = None


@dataclass
class Report:
    plan_year: PlanYear
    period: Period
    tree: PlanTree
    items: list[ItemReport]
    total: BudgetLine
    period_spent: int
    counts: dict[str, int]
    stats: ExchangeStats
    dormant: list[DormantPartner]
    dormant_total: int
    today: date
    plan_rows: list = field(
        default_factory=list
    )  # the year's activities linked to its items, to the period's end
    _refs: dict[str, list] = field(default_factory=dict)

    @property
    def is_quarter(self) -> bool:
        return self.period.quarter is not None

    def figure_refs(self, key: str) -> list[tuple[str, int]] | None:
        """The records behind the figure `key`, or None when there is no such figure."""
        if key in self._refs:
            return self._refs[key]
        parts = key.split(":")
        if parts[0] != "stat" or len(parts) < 2:
            return None
        stats = self.stats
        buckets = {
            "partner": stats.by_partner,
            "country": stats.by_country,
            "region": stats.by_region,
            "category": stats.by_category,
            "nsb": stats.by_nsb,
        }
        if parts[1] in ("total", "none"):
            bucket = stats.total if parts[1] == "total" else stats.without_partner
            kind_filter = parts[2] if len(parts) > 2 else None
        elif parts[1] in buckets and len(parts) >= 3:
            value = int(parts[2]) if parts[1] == "partner" and parts[2].isdigit() else parts[2]
            bucket = buckets[parts[1]].get(value)
            if bucket is None:
                return None
            kind_filter = parts[3] if len(parts) > 3 else None
        else:
            return None
        refs = bucket.ref_list()
        return [r for r in refs if r[0] == kind_filter] if kind_filter else refs


def _targets_by_item(item_ids) -> dict[int, dict[tuple[str, str], int]]:
    found: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    if item_ids:
        for item_id, metric, period, value in db.session.execute(
            select(PlanTarget.item_id, PlanTarget.metric, PlanTarget.period, PlanTarget.value).where(
                PlanTarget.item_id.in_(item_ids)
            )
        ):
            found[item_id][(metric, period)] = value
    return found


def year_target(targets: dict[tuple[str, str], int], metric: str) -> int | None:
    """The year's target: set as such, or the sum of the quarters' targets that are set."""
    if (metric, "year") in targets:
        return targets[(metric, "year")]
    quarters = [targets[(metric, q)] for q in QUARTER_KEYS if (metric, q) in targets]
    return sum(quarters) if quarters else None


def build_report(
    plan_year: PlanYear, period: Period, today: date, dormant_limit: int | None = 50, full: bool = True
) -> Report:
    """The report; with `full` False (an item's page) without the exchange statistics and dormant partners,
    reading only the kinds the plan's items and targets need."""
    tree = PlanTree.of_year(plan_year.id)
    first, last = period.year_start, period.end
    refs: dict[str, list] = {}

    # Plan kinds, and the kinds office-wide targets count (agreements), are read as rows: one read per kind
    # covers the year to the end of the period, the period is its tail. The exchange statistics need only
    # each record's partners: big kinds (tens of thousands of interactions a year) are read as id pairs.
    metric_kinds = {key for m in METRICS.values() if m.scope == OFFICE for key in m.kind_keys()}
    rows_by_kind: dict[str, list] = {}
    for kind_ in activities.registry().values():
        if kind_.links_to_plan or kind_.key in metric_kinds:
            kind_rows = activity_rows.fetch_rows(kind_, first, last, light=not kind_.links_to_plan)
            activity_rows.attach_partners(kind_, kind_rows, first, last)
            rows_by_kind[kind_.key] = kind_rows
    pairs_by_kind = {}
    if full:
        for kind_ in activities.exchange_kinds():
            if not kind_.links_to_plan:
                pairs_by_kind[kind_.key] = activity_rows.fetch_pairs(kind_, period.start, period.end)
    in_period = lambda row: row.day >= period.start  # noqa: E731
    plan_rows = [r for k in activities.plan_kinds() for r in rows_by_kind[k.key] if r.item_id in tree.items]
    expenses = activity_rows.fetch_expenses(plan_year.id, first, last)
    partners = partner_info(
        [p for rows in rows_by_kind.values() for r in rows for p in r.partners]
        + [p for pairs in pairs_by_kind.values() for ids in pairs.values() for p in ids]
    )
    countries = {pid: info.country for pid, info in partners.items()}

    lines, total = budget_lines(tree, plan_rows, expenses)
    period_lines, period_total = budget_lines(
        tree, [r for r in plan_rows if in_period(r)], [e for e in expenses if e.day >= period.start]
    )
    own_rows = activity_rows.by_item(plan_rows)
    own_expenses = activity_rows.by_item(expenses)
    targets = _targets_by_item(list(tree.items))
    office_rows = {
        key: [r for r in rows_by_kind[key] if in_period(r)] for key in rows_by_kind
    }  # the period's records, linked or not

    items = []
    for item, depth in tree.ordered():
        subtree = set(tree.subtree(item.id))
        sub_rows = [r for r in plan_rows if r.item_id in subtree]
        sub_period = [r for r in sub_rows if in_period(r)]
        counts = {}
        for kind_ in activities.plan_kinds():
            done = [r for r in sub_period if r.kind == kind_.key and r.state in CARRIED_OUT]
            counts[kind_.key] = len(done)
            refs[f"item:{item.id}:kind:{kind_.key}"] = [r.ref for r in done]
        line, period_line = lines[item.id], period_lines[item.id]
        refs[f"item:{item.id}:spent"] = line.spent_refs
        refs[f"item:{item.id}:committed"] = line.committed_refs
        refs[f"item:{item.id}:period_spent"] = period_line.spent_refs
        item_targets = targets.get(item.id, {})
        target_lines = []
        for metric_key in dict.fromkeys(m for m, _p in item_targets):
            metric = METRICS.get(metric_key)
            if metric is None:
                continue
            target_lines.append(
                _target_line(
                    metric, item.id, item_targets, period, sub_period, sub_rows, office_rows, rows_by_kind,
                    countries, refs,
                )
            )  # fmt: skip
        mine = [r for r in own_rows.get(item.id, []) if in_period(r)]
        items.append(
            ItemReport(
                item=item,
                depth=depth,
                budget=line,
                period_spent=period_line.spent,
                carried_out=[r for r in mine if r.state in CARRIED_OUT],
                planned=[r for r in mine if r.state in UPCOMING - CARRIED_OUT],
                expenses=[e for e in own_expenses.get(item.id, []) if e.day >= period.start],
                counts=counts,
                targets=target_lines,
                mismatch=tree.children_mismatch(item.id),
            )
        )
    refs["total:spent"] = total.spent_refs
    refs["total:committed"] = total.committed_refs
    refs["total:period_spent"] = period_total.spent_refs
    total_counts = {}
    for kind_ in activities.plan_kinds():
        done = [r for r in plan_rows if r.kind == kind_.key and in_period(r) and r.state in CARRIED_OUT]
        total_counts[kind_.key] = len(done)
        refs[f"total:kind:{kind_.key}"] = [r.ref for r in done]

    stats = exchange_stats(
        {k.key: office_rows[k.key] for k in activities.plan_kinds()} if full else {}, pairs_by_kind, partners
    )
    dormant, dormant_total = dormant_partners(today, limit=dormant_limit) if full else ([], 0)
    last_exchanges(dormant, today)
    return Report(
        plan_year=plan_year,
        period=period,
        tree=tree,
        items=items,
        total=total,
        period_spent=period_total.spent,
        counts=total_counts,
        stats=stats,
        dormant=dormant,
        dormant_total=dormant_total,
        today=today,
        plan_rows=plan_rows,
        _refs=refs,
    )


def _target_line(
    metric, item_id, item_targets, period, sub_period, sub_rows, office_rows, rows_by_kind, countries, refs
) -> TargetLine:
    if metric.scope == OFFICE:
        period_rows = [r for k in metric.kind_keys() for r in office_rows.get(k, [])]
        year_rows = [r for k in metric.kind_keys() for r in rows_by_kind.get(k, [])]
    else:
        period_rows, year_rows = sub_period, sub_rows
    key = f"item:{item_id}:metric:{metric.key}"
    if metric.pending:
        actual = year_actual = None
    else:
        actual, refs[key] = metric.value(period_rows, countries)
        year_actual, refs[key + ":year"] = metric.value(year_rows, countries)
    if period.quarter:
        return TargetLine(
            metric,
            item_targets.get((metric.key, period.key)),
            actual,
            year_target(item_targets, metric.key),
            year_actual,
        )
    return TargetLine(metric, year_target(item_targets, metric.key), actual)
