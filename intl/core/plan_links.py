"""Linking an activity to an item of the annual plan: the form field every activity form uses and the list
filter, without the activity features knowing the plan.

The plan sits above the features it counts: it registers where its items come from (`register_plan_items`)
and the features ask here. An activity links to an item of the plan of the year it takes place in (the field
checks it against the form's date field), so that each year's budget and report count exactly that year's
records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import ValidationError

from .time import office_today


@dataclass(frozen=True)
class PlanItems:
    """What the plan tells the features about its items."""

    # years (None: every year), an item id to include -> [(year label, [(item id, indented label), ...]), ...]
    options: Callable[[list[int] | None, int | None], list[tuple[str, list]]]
    year_of: Callable[[int], int | None]  # item id -> the plan year it belongs to (None: no such item)
    subtree_ids: Callable[[int], list[int]]  # item id -> the item and its sub-items


_registered: list[PlanItems] = []


def register_plan_items(source: PlanItems) -> None:
    _registered[:] = [source]


def _plan() -> PlanItems | None:
    return _registered[0] if _registered else None


def _id_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(_("Choose a plan item from the list.")) from None


class PlanItemField(SelectField):
    """A plan item of the year of the record's date (`date_field`; None for records without one), or none."""

    def __init__(self, label=None, validators=None, date_field: str | None = "start_on", **kwargs):
        kwargs.setdefault("description", _l("The plan item this activity counts towards."))
        super().__init__(label, validators, coerce=_id_or_none, choices=[], validate_choice=False, **kwargs)
        self.date_field = date_field

    def process(self, formdata, data=None, extra_filters=None):
        super().process(formdata, data, extra_filters)
        this_year = office_today().year
        plan = _plan()
        groups = plan.options([this_year - 1, this_year, this_year + 1], self.data) if plan else []
        self.choices = {
            None: [("", "—")],
            **{label: [(str(i), text) for i, text in options] for label, options in groups},
        }

    def pre_validate(self, form):
        if self.data is None:
            return
        plan = _plan()
        year = plan.year_of(self.data) if plan else None
        if year is None:
            raise ValidationError(_("Choose a plan item from the list."))
        day_field = getattr(form, self.date_field, None) if self.date_field else None
        day = day_field.data if day_field is not None else None
        if day is not None and year != day.year:
            raise ValidationError(
                _(
                    "This item is in the plan for %(year)d; the activity takes place in %(day_year)d.",
                    year=year,
                    day_year=day.year,
                )
            )


def item_filter(column, item_id: int):
    """The SQL condition 'linked to this item or one of its sub-items' on a kind's plan_item column."""
    plan = _plan()
    return column.in_((plan.subtree_ids(item_id) if plan else []) or [-1])


def requested_item() -> int | None:
    """The ?plan_item= of an activity list, when it names an item."""
    value = request.args.get("plan_item", type=int)
    return value if value and value > 0 else None
