"""Plan pages: the years, a plan with its budget used per item, one item, targets, copying, importing."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.files import UploadRejected, read_limited
from ...core.forms import error_text
from ...core.i18n import current_locale_code
from ...core.time import office_today
from ...imports.analysis_job import begin_import
from ...imports.reading import UnreadableFile
from .. import queries, services
from ..access import PLAN_KEEPERS
from ..budget import year_budget
from ..forms import (
    CopyForm,
    PlanImportForm,
    PlanItemForm,
    PlanYearForm,
    target_field_name,
    targets_form_class,
)
from ..metrics import METRICS
from ..models import PERIODS, PlanItem, PlanYear
from ..periods import Period
from ..report import build_report
from ..tree import PlanTree


def load_plan_year(year: int, need: str = "view") -> PlanYear:
    """The plan of the year an address names, for the current user (404 when there is none, 403 when the
    user may not `need` it)."""
    found = queries.plan_year_numbered(year)
    return load_or_404(PlanYear, found.id if found is not None else None, need=need)


@allow(STAFF)
def index():
    """This year's plan; else the plan most recently changed; else the list of plans (empty)."""
    today = office_today()
    current = queries.current_plan_year(today)
    if current is not None:
        return redirect(url_for("plan.year_detail", year=current.year))
    return render_template("plan/empty.html", years=queries.plan_years(), year=today.year)


@allow(STAFF)
def year_detail(year: int):
    plan_year = load_plan_year(year)
    tree, lines, total = year_budget(plan_year)
    return render_template(
        "plan/year.html",
        plan_year=plan_year,
        years=queries.plan_years(),
        rows=tree.ordered(),
        tree=tree,
        lines=lines,
        total=total,
        target_counts=queries.target_counts(tree.items),
        copy_form=CopyForm(formdata=None, data={"year": year + 1}),
    )


@allow(PLAN_KEEPERS)
def create_year():
    form = PlanYearForm(data={"year": office_today().year} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            plan_year = services.create_plan_year(
                form.year.data, title=form.title.localized, notes=form.notes.data or None
            )
        except services.PlanRefused as error:
            form.year.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The plan is saved."), "success")
            return redirect(url_for("plan.year_detail", year=plan_year.year))
    return render_template("plan/year_form.html", form=form, plan_year=None, conflict=None)


@allow(PLAN_KEEPERS)
def edit_year(year: int):
    plan_year = load_plan_year(year, need="edit")
    form = PlanYearForm(obj=plan_year, data={"title": plan_year.title})
    conflict = None
    if form.validate_on_submit():
        fields = {"title": form.title.localized, "notes": form.notes.data or None}
        if form.year.data != plan_year.year:
            fields["year"] = form.year.data
        try:
            services.update_plan_year(plan_year, form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = plan_year.version
        except services.PlanRefused as error:
            form.year.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The plan is saved."), "success")
            return redirect(url_for("plan.year_detail", year=plan_year.year))
    return render_template("plan/year_form.html", form=form, plan_year=plan_year, conflict=conflict)


@allow(PLAN_KEEPERS)
def copy_year(year: int):
    source = load_plan_year(year, need="edit")
    form = CopyForm()
    if form.validate_on_submit():
        try:
            copy = services.copy_forward(source, form.year.data)
        except services.PlanRefused as error:
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(
                _("The plan is copied to %(year)d: adjust its budgets and targets.", year=copy.year),
                "success",
            )
            return redirect(url_for("plan.year_detail", year=copy.year))
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("plan.year_detail", year=year))


def _parent_choices(plan_year_id: int, exclude: int | None = None) -> list[tuple[int, str]]:
    tree = PlanTree.of_year(plan_year_id)
    excluded = set(tree.subtree(exclude)) if exclude else set()
    locale = current_locale_code()
    return [
        (item.id, "\u3000" * depth + item.label(locale))
        for item, depth in tree.ordered()
        if item.id not in excluded
    ]


@allow(PLAN_KEEPERS)
def new_item(year: int):
    plan_year = load_plan_year(year, need="edit")
    parent = request.args.get("parent", type=int)
    form = PlanItemForm(
        parents=_parent_choices(plan_year.id),
        data={"parent_id": str(parent) if parent else ""} if request.method == "GET" else None,
    )
    if form.validate_on_submit():
        fields = form.fields()
        try:
            item = services.create_item(plan_year, position=form.position.data, **fields)
        except services.PlanRefused as error:
            form.parent_id.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The plan item is saved."), "success")
            return redirect(url_for("plan.item", item_id=item.id))
    return render_template("plan/item_form.html", form=form, plan_year=plan_year, item=None, conflict=None)


def _item_form_data(item: PlanItem) -> dict:
    return {
        "parent_id": str(item.parent_id or ""),
        "name": item.name,
        "goal_zh": item.goal.get("zh_Hant", ""),
        "goal_en": item.goal.get("en", ""),
        "implementation_zh": item.implementation.get("zh_Hant", ""),
        "implementation_en": item.implementation.get("en", ""),
        "responsible_id": str(item.responsible_id or ""),
    }


@allow(PLAN_KEEPERS)
def edit_item(item_id: int):
    item = load_or_404(PlanItem, item_id, need="edit")
    form = PlanItemForm(
        obj=item, data=_item_form_data(item), parents=_parent_choices(item.plan_year_id, exclude=item.id)
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        if form.position.data is not None:
            fields["position"] = form.position.data
        try:
            services.update_item(item, form.version.data, **fields)
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = item.version
        except services.PlanRefused as error:
            db.session.rollback()
            form.parent_id.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The plan item is saved."), "success")
            return redirect(url_for("plan.item", item_id=item.id))
    return render_template(
        "plan/item_form.html", form=form, plan_year=item.plan_year, item=item, conflict=conflict
    )


@allow(PLAN_KEEPERS)
def delete_item(item_id: int):
    item = load_or_404(PlanItem, item_id, need="edit")
    year = item.plan_year.year
    try:
        services.delete_item(item)
    except services.PlanRefused as error:
        flash(str(error), "danger")
        return redirect(url_for("plan.item", item_id=item_id))
    db.session.commit()
    flash(_("The plan item is deleted."), "success")
    return redirect(url_for("plan.year_detail", year=year))


@allow(STAFF)
def item(item_id: int):
    item = load_or_404(PlanItem, item_id)
    plan_year = item.plan_year
    report = build_report(plan_year, Period(plan_year.year), office_today(), full=False)
    entry = next(r for r in report.items if r.item.id == item.id)
    tree = report.tree
    return render_template(
        "plan/item.html",
        item=item,
        plan_year=plan_year,
        entry=entry,
        report=report,
        ancestors=tree.ancestors(item.id),
        children=tree.children.get(item.id, []),
        lines={i.item.id: i.budget for i in report.items},
        own_rows=[r for r in report.plan_rows if r.item_id == item.id],
    )


@allow(STAFF)
def targets(item_id: int):
    item = load_or_404(PlanItem, item_id, need="set_targets")
    current = {(t.metric, t.period): t.value for t in item.targets}
    form_class = targets_form_class()
    form = form_class(data={target_field_name(m, p): v for (m, p), v in current.items()})
    if form.validate_on_submit():
        for metric in METRICS:
            for period in PERIODS:
                value = form[target_field_name(metric, period)].data
                if value != current.get((metric, period)):
                    services.set_target(item, metric, period, value)
        db.session.commit()
        flash(_("The targets are saved."), "success")
        return redirect(url_for("plan.item", item_id=item.id) + "#targets")
    return render_template(
        "plan/targets_form.html",
        form=form,
        item=item,
        plan_year=item.plan_year,
        field_name=target_field_name,
    )


@allow(PLAN_KEEPERS)
def import_plan(year: int):
    """Upload a plan spreadsheet; the import's own preview and confirmation follow (imports.preview)."""
    form = PlanImportForm(data={"year": year} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            data = read_limited(form.file.data, current_app.config["MAX_CONTENT_LENGTH"])
            # The year goes to the plan's import kind (PLAN_IMPORT.prepare), wherever the file is read.
            batch = begin_import("plan", data, form.file.data.filename, {"year": form.year.data})
        except (UploadRejected, UnreadableFile) as error:
            form.file.errors = [str(error)]
        else:
            db.session.commit()
            return redirect(url_for("imports.preview", batch_id=batch.id))
    return render_template("plan/import.html", form=form, year=year)
