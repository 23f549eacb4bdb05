"""Linking activities to plan items: the form field every activity form uses, and the list filter.

An activity links to an item of the plan of the year it takes place in (the field checks it against the
form's date field), so that each year's budget and report count exactly that year's records.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import ValidationError

from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.time import today_in
from .models import PlanItem, PlanYear
from .tree import PlanTree


def _id_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(_("Choose a plan item from the list.")) from None


def item_options(years: list[int] | None = None, include: int | None = None) -> list[tuple[str, list]]:
    """[(year label, [(item id, indented label), ...]), ...] of the plans of these years (every year when
    None), newest first, plus the year of the item `include`."""
    stmt = select(PlanYear).order_by(PlanYear.year.desc())
    wanted = set(years or [])
    if include:
        item = db.session.get(PlanItem, include)
        if item is not None:
            wanted.add(db.session.get(PlanYear, item.plan_year_id).year)
    if years is not None:
        stmt = stmt.where(PlanYear.year.in_(wanted))
    plan_years = db.session.scalars(stmt).all()
    if not plan_years:
        return []
    items = db.session.scalars(select(PlanItem).where(PlanItem.plan_year_id.in_([y.id for y in plan_years])))
    trees: dict[int, list] = {}
    for item in items:
        trees.setdefault(item.plan_year_id, []).append(item)
    locale = current_locale_code()
    groups = []
    for plan_year in plan_years:
        tree = PlanTree(trees.get(plan_year.id, []))
        label = _("ROC year %(roc)d (%(year)d)", roc=plan_year.roc_year, year=plan_year.year)
        groups.append(
            (label, [(item.id, "\u3000" * depth + item.label(locale)) for item, depth in tree.ordered()])
        )
    return groups


class PlanItemField(SelectField):
    """A plan item of the year of the record's date (`date_field`; None for records without one), or none."""

    def __init__(self, label=None, validators=None, date_field: str | None = "start_on", **kwargs):
        kwargs.setdefault("description", _l("The plan item this activity counts towards."))
        super().__init__(label, validators, coerce=_id_or_none, choices=[], validate_choice=False, **kwargs)
        self.date_field = date_field

    def process(self, formdata, data=None, extra_filters=None):
        super().process(formdata, data, extra_filters)
        this_year = today_in(current_app.config["OFFICE_TIMEZONE"]).year
        groups = item_options([this_year - 1, this_year, this_year + 1], include=self.data)
        self.choices = {
            None: [("", "—")],
            **{label: [(str(i), text) for i, text in options] for label, options in groups},
        }

    def pre_validate(self, form):
        if self.data is None:
            return
        item = db.session.get(PlanItem, self.data)
        if item is None:
            raise ValidationError(_("Choose a plan item from the list."))
        day_field = getattr(form, self.date_field, None) if self.date_field else None
        day = day_field.data if day_field is not None else None
        if day is not None:
            year = db.session.get(PlanYear, item.plan_year_id).year
            if year != day.year:
                raise ValidationError(
                    _(
                        "This item is in the plan for %(year)d; the activity takes place in %(day_year)d.",
                        year=year,
                        day_year=day.year,
                    )
                )


def subtree_ids(item_id: int) -> list[int]:
    """The item and its sub-items (for list filters: a section's records include its items')."""
    item = db.session.get(PlanItem, item_id)
    if item is None:
        return []
    return PlanTree.of_year(item.plan_year_id).subtree(item_id)


def item_filter(column, item_id: int):
    """The SQL condition 'linked to this item or one of its sub-items' on a kind's plan_item column."""
    return column.in_(subtree_ids(item_id) or [-1])


def requested_item() -> int | None:
    """The ?plan_item= of an activity list, when it names an item."""
    from flask import request

    value = request.args.get("plan_item", type=int)
    return value if value and value > 0 else None
