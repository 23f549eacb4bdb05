"""The performance report on screen, as XLSX and PDF, and the records behind each of its figures."""

from __future__ import annotations

from collections import defaultdict

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...core.access import STAFF, allow
from ...core.db import db, separate_write
from ...core.i18n import country_name, current_locale_code
from ...core.time import office_today
from ...delegations.models import CATEGORIES
from .. import activities
from ..access import REPORT_READERS
from ..metrics import METRICS
from ..models import Expense
from ..periods import QUARTER_KEYS, Period
from ..regions import REGIONS, UNKNOWN, region_name
from ..report import build_report
from ..report_jobs import FORMATS, prepare_report
from ..stats import load_names
from .plans import load_plan_year

RECORDS_SHOWN = 1000


def _period(year: int) -> Period:
    try:
        return Period.parse(year, request.args.get("period"))
    except ValueError:
        abort(400)


@allow(REPORT_READERS)
def report(year: int):
    plan_year = load_plan_year(year, need="report")
    period = _period(year)
    data = build_report(plan_year, period, office_today())
    return render_template(
        "plan/report.html",
        report=data,
        plan_year=plan_year,
        period=period,
        quarters=QUARTER_KEYS,
        plan_kinds=[k.key for k in activities.plan_kinds()],
        regions=[*REGIONS, UNKNOWN],
        region_name=region_name,
        CATEGORIES={k: str(v) for k, v in CATEGORIES.items()},
        top_partners=data.stats.top_partners(50),
        top_countries=sorted(data.stats.by_country.items(), key=lambda kv: (-kv[1].count(), kv[0]))[:30],
    )


@allow(REPORT_READERS)
def report_export_xlsx(year: int):
    return _report_file_job(year, "xlsx")


@allow(REPORT_READERS)
def report_export_pdf(year: int):
    return _report_file_job(year, "pdf")


def _report_file_job(year: int, fmt: str):
    """A report's file is written by the worker, never inside a request (the year's PDF takes seconds):
    the address of the file hands the work to a job and sends the officer to its page, which offers the
    download when it is ready. A link or a bookmark to the file keeps working."""
    plan_year = load_plan_year(year, need="report")
    period = _period(year)
    with separate_write():  # a GET that writes: the job's row, in a transaction of its own
        job = prepare_report(plan_year, period, fmt, current_locale_code())
    return redirect(url_for("jobs.detail", job_id=job.id), code=303)


@allow(REPORT_READERS)
def report_prepare(year: int):
    """Write the report's file in the background; the job's page offers it when it is ready."""
    plan_year = load_plan_year(year, need="report")
    fmt = request.form.get("fmt") or "xlsx"
    if fmt not in FORMATS:
        abort(400)
    try:
        period = Period.parse(year, request.form.get("period"))
    except ValueError:
        abort(400)
    job = prepare_report(plan_year, period, fmt, current_locale_code())
    db.session.commit()
    return redirect(url_for("jobs.detail", job_id=job.id))


def figure_title(report, key: str) -> str:
    """What a figure is, in words, for the heading of its records page."""
    parts = key.split(":")
    locale = current_locale_code()
    tree = report.tree
    if parts[0] in ("item", "total"):
        where = (
            tree.items[int(parts[1])].label(locale)
            if parts[0] == "item" and parts[1].isdigit() and int(parts[1]) in tree.items
            else _("Whole plan")
        )
        rest = parts[2:] if parts[0] == "item" else parts[1:]
        what = {
            "spent": _("spent"),
            "committed": _("committed"),
            "period_spent": _("spent in the period"),
        }.get(rest[0], "")
        if rest[0] == "kind" and len(rest) > 1:
            what = _("%(kind)s carried out", kind=activities.kind(rest[1]).label)
        elif rest[0] == "metric" and len(rest) > 1 and rest[1] in METRICS:
            what = str(METRICS[rest[1]].label) + (" " + _("(year to date)") if rest[-1] == "year" else "")
        return f"{where} · {what}"
    if parts[0] == "stat" and len(parts) > 1:
        dimension, value = parts[1], parts[2] if len(parts) > 2 else ""
        if dimension == "partner" and value.isdigit() and int(value) in report.stats.partners:
            load_names(report.stats.partners, [int(value)])
            return report.stats.partners[int(value)].names.get_for(locale)
        if dimension == "country":
            return country_name(value)
        if dimension == "region":
            return region_name(value)
        if dimension == "category":
            return str(CATEGORIES.get(value, _("Uncategorized")))
        if dimension == "nsb":
            return _("New Southbound countries") if value == "yes" else _("Other countries")
        if dimension == "none":
            return _("Records with no partner")
        return _("All exchanges")
    return key


def load_records(refs: list[tuple[str, int]]) -> list[dict]:
    """The records behind a figure, one query per kind, as rows for the list."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind_key, record_id in refs:
        by_kind[kind_key].append(record_id)
    found = []
    locale = current_locale_code()
    for kind_key, ids in by_kind.items():
        if kind_key == "expense":
            for expense in db.session.scalars(select(Expense).where(Expense.id.in_(ids))):
                found.append(
                    {
                        "kind": _("Expense"),
                        "day": expense.spent_on,
                        "title": expense.payee,
                        "status": "",
                        "cost": expense.amount,
                        "planned": None,
                        "url": url_for("plan.edit_expense", expense_id=expense.id),
                    }
                )
            continue
        kind_ = activities.kind(kind_key)
        endpoint, argument, column = kind_.detail
        columns = [
            kind_.model.id,
            kind_.day,
            kind_.title if kind_.title is not None else kind_.model.id,
            column,
            kind_.status if kind_.status is not None else kind_.model.id,
            kind_.actual_cost if kind_.actual_cost is not None else kind_.model.id,
            kind_.planned_cost if kind_.planned_cost is not None else kind_.model.id,
        ]
        for start in range(0, len(ids), 10_000):
            for record_id, day, title, target, status, actual, planned in db.session.execute(
                select(*columns).where(kind_.model.id.in_(ids[start : start + 10_000]))
            ):
                found.append(
                    {
                        "kind": str(kind_.label),
                        "day": day,
                        "title": title.get_for(locale)
                        if hasattr(title, "get_for")
                        else (title or f"#{record_id}"),
                        "status": str(activities.STATES[kind_.state_of(status)])
                        if kind_.status is not None
                        else "",
                        "cost": actual if kind_.actual_cost is not None else None,
                        "planned": planned if kind_.planned_cost is not None else None,
                        "url": url_for(endpoint, **{argument: target}),
                    }
                )
    found.sort(key=lambda r: (str(r["day"]), r["title"]))
    return found


@allow(STAFF)
def records(year: int):
    plan_year = load_plan_year(year)
    period = _period(year)
    figure = (request.args.get("figure") or "")[:100]
    data = build_report(plan_year, period, office_today(), full=figure.startswith("stat:"))
    refs = data.figure_refs(figure)
    if refs is None:
        abort(404)
    rows = load_records(refs[:RECORDS_SHOWN])
    return render_template(
        "plan/records.html",
        plan_year=plan_year,
        period=period,
        title=figure_title(data, figure),
        rows=rows,
        total=len(refs),
        shown=RECORDS_SHOWN,
    )
