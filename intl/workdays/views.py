"""The office's calendar: the year's national holidays and make-up workdays (from the `holidays` library) and
the office's own days, which administrators add (a typhoon day, a closure) and remove."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..core.access import ADMINS, STAFF, allow, load_or_404
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.time import office_today
from . import services
from .calendar import office_calendar
from .forms import OfficeDayForm
from .models import CLOSURE_KINDS, OfficeDay
from .queries import office_days_from


def _year() -> int:
    value = request.args.get("year", "")
    if not value:
        return office_today().year
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        abort(400)
    return int(value)


@allow(STAFF)
def office_calendar_page():
    year = _year()
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = office_calendar(first, last, current_locale_code())
    return render_template(
        "workdays/office_calendar.html",
        year=year,
        days=[info for info in days.values() if info.kind != "weekend"],
        own=office_days_from(first, last),
        kinds={k: str(v) for k, v in CLOSURE_KINDS.items()},
        form=OfficeDayForm(formdata=None),
    )


@allow(ADMINS)
def add_office_day():
    form = OfficeDayForm()
    if form.validate_on_submit():
        services.add_office_day(
            day=form.day.data, kind=form.kind.data, name=form.name.data.strip(), notes=form.notes.data or None
        )
        db.session.commit()
        flash(_("The day is in the office's calendar: working days now count with it."), "success")
        return redirect(url_for("workdays.office_calendar_page", year=form.day.data.year))
    year = form.day.data.year if form.day.data else office_today().year
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = office_calendar(first, last, current_locale_code())
    return render_template(
        "workdays/office_calendar.html",
        year=year,
        days=[info for info in days.values() if info.kind != "weekend"],
        own=office_days_from(first, last),
        kinds={k: str(v) for k, v in CLOSURE_KINDS.items()},
        form=form,
    )


@allow(ADMINS)
def remove_office_day(day_id: int):
    day = load_or_404(OfficeDay, day_id, need="edit")
    year = day.day.year
    services.remove_office_day(day)
    db.session.commit()
    flash(_("The day is removed from the office's calendar."), "success")
    return redirect(url_for("workdays.office_calendar_page", year=year))
