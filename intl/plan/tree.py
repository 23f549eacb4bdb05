"""A plan year's items as a tree: order as the plan prints it, sub-items, and budgets rolled up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from ..core.db import db
from .models import PlanItem


class PlanTree:
    def __init__(self, items: Iterable[PlanItem]):
        self.items: dict[int, PlanItem] = {item.id: item for item in items}
        self.children: dict[int | None, list[PlanItem]] = defaultdict(list)
        for item in self.items.values():
            parent = item.parent_id if item.parent_id in self.items else None
            self.children[parent].append(item)
        for siblings in self.children.values():
            siblings.sort(key=lambda i: (i.position, i.id))
        self._planned: dict[int, int | None] = {}

    @classmethod
    def of_year(cls, plan_year_id: int) -> PlanTree:
        return cls(db.session.scalars(select(PlanItem).where(PlanItem.plan_year_id == plan_year_id)))

    @property
    def roots(self) -> list[PlanItem]:
        return self.children[None]

    def ordered(self) -> list[tuple[PlanItem, int]]:
        """(item, depth) in the plan's reading order: each item followed by its sub-items."""
        out: list[tuple[PlanItem, int]] = []

        def walk(item: PlanItem, depth: int) -> None:
            out.append((item, depth))
            for child in self.children.get(item.id, []):
                walk(child, depth + 1)

        for root in self.roots:
            walk(root, 0)
        return out

    def subtree(self, item_id: int) -> list[int]:
        ids, stack = [], [item_id]
        while stack:
            current = stack.pop()
            ids.append(current)
            stack.extend(child.id for child in self.children.get(current, []))
        return ids

    def ancestors(self, item_id: int) -> list[PlanItem]:
        chain, item = [], self.items.get(item_id)
        while item is not None and item.parent_id in self.items:
            item = self.items[item.parent_id]
            chain.append(item)
        return list(reversed(chain))

    def planned(self, item_id: int) -> int | None:
        """The item's budget in NT$: its own line, else the sum of its sub-items' lines; None when neither
        it nor any sub-item has a line (it is funded by its parent's)."""
        if item_id not in self._planned:
            item = self.items[item_id]
            if item.budget_thousand is not None:
                value = item.budget_thousand * 1000
            else:
                lines = [self.planned(c.id) for c in self.children.get(item_id, [])]
                lines = [v for v in lines if v is not None]
                value = sum(lines) if lines else None
            self._planned[item_id] = value
        return self._planned[item_id]

    def total_planned(self) -> int:
        return sum(self.planned(root.id) or 0 for root in self.roots)

    def children_mismatch(self, item_id: int) -> tuple[int, int] | None:
        """(own line, sum of sub-items' lines) in NT$ when an item's sub-items add up to more than its line."""
        item = self.items[item_id]
        if item.budget_thousand is None:
            return None
        lines = [self.planned(c.id) for c in self.children.get(item_id, [])]
        lines = [v for v in lines if v is not None]
        if lines and sum(lines) != item.budget_thousand * 1000:
            return item.budget_thousand * 1000, sum(lines)
        return None

    def path_numbers(self, item_id: int) -> tuple[str, ...]:
        return tuple(i.number for i in [*self.ancestors(item_id), self.items[item_id]])
