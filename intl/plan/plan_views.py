"""Plan pages: the years, a plan with its budget used per item, one item, targets, copying, importing."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.files import UploadRejected, read_limited
from ..core.forms import error_text
from ..core.i18n import current_locale_code
from ..core.permissions import ADMIN, STAFF, roles_required
from ..core.time import today_in
from ..imports.reading import UnreadableFile
from . import services
from .blueprint import bp
from .budget import year_budget
from .forms import CopyForm, PlanImportForm, PlanItemForm, PlanYearForm, target_field_name, targets_form_class
from .metrics import METRICS
from .models import PERIODS, PLAN_ITEM_LABELS, PLAN_YEAR_LABELS, PlanItem, PlanTarget, PlanYear
from .periods import Period
from .report import build_report
from .tree import PlanTree


def today():
    return today_in(current_app.config["OFFICE_TIMEZONE"])


def get_plan_year_or_404(year: int) -> PlanYear:
    return db.session.scalar(select(PlanYear).where(PlanYear.year == year)) or abort(404)


def get_item_or_404(item_id: int, need: str = "view") -> PlanItem:
    item = db.session.get(PlanItem, item_id) or abort(404)
    if not (item.can_edit(current_user) if need == "edit" else item.can_view(current_user)):
        abort(403)
    return item


def plan_years() -> list[PlanYear]:
    return list(db.session.scalars(select(PlanYear).order_by(PlanYear.year.desc())))


@bp.route("/plan")
@roles_required(*STAFF)
def index():
    """This year's plan; else the plan most recently changed; else the list of plans (empty)."""
    current = db.session.scalar(select(PlanYear).where(PlanYear.year == today().year))
    if current is None:
        latest = db.session.scalar(
            select(PlanItem.plan_year_id).order_by(PlanItem.updated_at.desc(), PlanItem.id.desc()).limit(1)
        )
        current = db.session.get(PlanYear, latest) if latest else None
    if current is not None:
        return redirect(url_for("plan.year_detail", year=current.year))
    return render_template("plan/empty.html", years=plan_years(), year=today().year)


@bp.route("/plan/<int:year>")
@roles_required(*STAFF)
def year_detail(year: int):
    plan_year = get_plan_year_or_404(year)
    tree, lines, total = year_budget(plan_year)
    target_counts = dict(
        db.session.execute(
            select(PlanTarget.item_id, func.count())
            .where(PlanTarget.item_id.in_(list(tree.items) or [-1]))
            .group_by(PlanTarget.item_id)
        ).all()
    )
    return render_template(
        "plan/year.html",
        plan_year=plan_year,
        years=plan_years(),
        rows=tree.ordered(),
        tree=tree,
        lines=lines,
        total=total,
        target_counts=target_counts,
        copy_form=CopyForm(formdata=None, data={"year": year + 1}),
    )


@bp.route("/plan/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def create_year():
    form = PlanYearForm(data={"year": today().year} if request.method == "GET" else None)
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


@bp.route("/plan/<int:year>/edit", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_year(year: int):
    plan_year = get_plan_year_or_404(year)
    form = PlanYearForm(obj=plan_year, data={"title": plan_year.title})
    conflict = None
    if form.validate_on_submit():
        fields = {"title": form.title.localized, "notes": form.notes.data or None}
        if form.year.data != plan_year.year:
            if db.session.scalar(select(PlanYear.id).where(PlanYear.year == form.year.data)):
                form.year.errors = [_("There is already a plan for %(year)d.", year=form.year.data)]
                return render_template("plan/year_form.html", form=form, plan_year=plan_year, conflict=None)
            fields["year"] = form.year.data

        conflict = detect_conflict(plan_year, form.version.data, set_fields(fields), PLAN_YEAR_LABELS)
        if conflict is None:
            services.update_plan_year(plan_year, **fields)
            db.session.commit()
            flash(_("The plan is saved."), "success")
            return redirect(url_for("plan.year_detail", year=plan_year.year))
        form.version.data = plan_year.version
    return render_template("plan/year_form.html", form=form, plan_year=plan_year, conflict=conflict)


@bp.route("/plan/<int:year>/copy", methods=["POST"])
@roles_required(ADMIN)
def copy_year(year: int):
    source = get_plan_year_or_404(year)
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


@bp.route("/plan/<int:year>/items/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_item(year: int):
    plan_year = get_plan_year_or_404(year)
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


@bp.route("/plan/items/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_item(item_id: int):
    item = get_item_or_404(item_id, need="edit")
    form = PlanItemForm(
        obj=item, data=_item_form_data(item), parents=_parent_choices(item.plan_year_id, exclude=item.id)
    )
    conflict = None
    if form.validate_on_submit():
        fields = form.fields()
        if form.position.data is not None:
            fields["position"] = form.position.data

        conflict = detect_conflict(item, form.version.data, set_fields(fields), PLAN_ITEM_LABELS)
        if conflict is None:
            try:
                services.update_item(item, **fields)
            except services.PlanRefused as error:
                db.session.rollback()
                form.parent_id.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The plan item is saved."), "success")
                return redirect(url_for("plan.item", item_id=item.id))
        else:
            form.version.data = item.version
    return render_template(
        "plan/item_form.html", form=form, plan_year=item.plan_year, item=item, conflict=conflict
    )


@bp.route("/plan/items/<int:item_id>/delete", methods=["POST"])
@roles_required(ADMIN)
def delete_item(item_id: int):
    item = get_item_or_404(item_id, need="edit")
    year = item.plan_year.year
    try:
        services.delete_item(item)
    except services.PlanRefused as error:
        flash(str(error), "danger")
        return redirect(url_for("plan.item", item_id=item_id))
    db.session.commit()
    flash(_("The plan item is deleted."), "success")
    return redirect(url_for("plan.year_detail", year=year))


@bp.route("/plan/items/<int:item_id>")
@roles_required(*STAFF)
def item(item_id: int):
    item = get_item_or_404(item_id)
    plan_year = item.plan_year
    report = build_report(plan_year, Period(plan_year.year), today(), full=False)
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


@bp.route("/plan/items/<int:item_id>/targets", methods=["GET", "POST"])
@roles_required(*STAFF)
def targets(item_id: int):
    item = get_item_or_404(item_id)
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


@bp.route("/plan/<int:year>/import", methods=["GET", "POST"])
@roles_required(ADMIN)
def import_plan(year: int):
    """Upload a plan spreadsheet; the import's own preview and confirmation follow (imports.preview)."""
    import json

    from ..imports.services import analysis_path, start_import
    from .imports import annotate

    form = PlanImportForm(data={"year": year} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            data = read_limited(form.file.data, current_app.config["MAX_CONTENT_LENGTH"])
            batch = start_import("plan", data, form.file.data.filename)
        except (UploadRejected, UnreadableFile) as error:
            form.file.errors = [str(error)]
        else:
            path = analysis_path(batch)
            analysis = annotate(json.loads(path.read_text(encoding="utf-8")), form.year.data)
            path.write_text(json.dumps(analysis, ensure_ascii=False), encoding="utf-8")
            batch.summary = {**batch.summary, **analysis["counts"], "plan_year": analysis["plan_year"]}
            db.session.commit()
            return redirect(url_for("imports.preview", batch_id=batch.id))
    return render_template("plan/import.html", form=form, year=year)
