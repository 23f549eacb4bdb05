"""The performance report's files as a job: the year's PDF takes seconds to lay out and its spreadsheet holds
every row, so the officer asks for one, watches "report ready, download" on the job's page, and no app server
waits for it. The file is kept in the upload folder every server shares."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core import jobs
from ..core.bilingual import printed_at
from ..core.db import db
from ..core.i18n import reader_locale
from ..core.notice_mail import outside_requests
from ..core.pdf import render_pdf
from ..core.time import office_today
from .models import PlanYear
from .periods import Period
from .report import build_report
from .report_files import report_pdf_html, report_xlsx

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def prepare_report(plan_year: PlanYear, period: Period, fmt: str, locale: str) -> jobs.Job:
    """The job that writes the report's file; handed over at the commit."""
    return jobs.submit(
        "plan.report",
        subject=f"{plan_year.year} · {period.key} · {fmt.upper()}",
        year=plan_year.year,
        period=period.key,
        fmt=fmt,
        locale=locale,
    )


def build_report_job(run: jobs.JobRun) -> None:
    fmt = run.args["fmt"]
    if fmt not in FORMATS:
        raise jobs.JobRefused(f"Unknown format: {fmt}")
    plan_year = db.session.scalar(select(PlanYear).where(PlanYear.year == run.args["year"]))
    if plan_year is None:
        raise jobs.JobRefused("The plan of this year no longer exists.")
    try:
        period = Period.parse(plan_year.year, run.args["period"])
    except ValueError as error:
        raise jobs.JobRefused(str(error)) from None
    locale = reader_locale(run.args.get("locale"))
    run.begin(2)
    with outside_requests(), force_locale(locale):
        today = office_today()
        report = build_report(plan_year, period, today, dormant_limit=None)
        run.advance()  # commits: no transaction stays open while the file is laid out
        data = report_xlsx(report) if fmt == "xlsx" else render_pdf(report_pdf_html(report, printed_at("en")))
    run.keep_result(data, f"performance-report-{plan_year.year}-{period.key}.{fmt}", FORMATS[fmt])
    run.advance()


# Registered by the feature's blueprint (jobs.register_job_kind).
REPORT_JOB = jobs.JobKind(
    "plan.report", _l("Performance report"), build_report_job, _l("step %(done)s of %(total)s")
)
