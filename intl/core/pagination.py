"""Keyset pagination: pages found by the last row's sort values, not by OFFSET, so page 200 costs what
page 1 costs. The cursor also carries the offset, only to print '51–100 of 10,000'."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import and_, func, literal, or_, select, tuple_
from werkzeug.exceptions import BadRequest


@dataclass
class SortTerm:
    expression: object
    descending: bool = False


@dataclass
class Page:
    items: list
    total: int | None  # None when not counted exactly: more than `more_than`, or a search matching very many
    offset: int
    next_cursor: str | None
    prev_cursor: str | None
    more_than: int | None = None  # the number counted to when there were more

    @property
    def first_number(self) -> int:
        return self.offset + 1 if self.items else 0

    @property
    def last_number(self) -> int:
        return self.offset + len(self.items)


def _encode_value(value):
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value):
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        raise ValueError("bad cursor value")
    if value is not None and not isinstance(value, str | int | float | bool):
        raise ValueError("bad cursor value")
    return value


def encode_cursor(direction: str, values: list, offset: int) -> str:
    raw = json.dumps({"dir": direction, "v": [_encode_value(v) for v in values], "o": offset})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str | None, width: int):
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = json.loads(raw)
        values = [_decode_value(v) for v in data["v"]]
        direction, offset = data["dir"], int(data["o"])
        if direction not in ("after", "before") or len(values) != width or offset < 0:
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest("malformed page cursor") from None
    return direction, values, offset


def _after(terms: list[SortTerm], values: list, reverse: bool):
    """The condition 'comes after these values' in the given order (or before, when reverse)."""
    directions = {t.descending != reverse for t in terms}
    if len(directions) == 1:
        descending = directions.pop()
        left = tuple_(*[t.expression for t in terms])
        right = tuple_(*values)
        return left < right if descending else left > right
    clauses = []
    for i, term in enumerate(terms):
        equal = [terms[j].expression == values[j] for j in range(i)]
        descending = term.descending != reverse
        step = term.expression < values[i] if descending else term.expression > values[i]
        clauses.append(and_(*equal, step))
    return or_(*clauses)


def paginate(
    session,
    stmt,
    terms: list[SortTerm],
    cursor: str | None,
    per_page: int,
    count_stmt=None,
    count: bool = True,
    scalar: bool = True,
) -> Page:
    """Run `stmt` (a SELECT of one entity) ordered by `terms` (the last must be unique) one page at a time.

    `count_stmt` is a cheaper SELECT of the same rows for the total (without joins needed only for sorting).
    """
    decoded = decode_cursor(cursor, len(terms))
    direction, values, offset = decoded if decoded else ("after", None, 0)
    reverse = direction == "before"
    keyed = stmt.add_columns(*[t.expression for t in terms])
    if values is not None:
        keyed = keyed.where(_after(terms, values, reverse))
    order = [(t.expression.desc() if (t.descending != reverse) else t.expression.asc()) for t in terms]
    rows = session.execute(keyed.order_by(*order).limit(per_page + 1)).all()
    has_more = len(rows) > per_page
    rows = rows[:per_page]
    if reverse:
        rows.reverse()
    items = [row[0] for row in rows] if scalar else [row[: -len(terms)] for row in rows]
    width = len(terms)
    next_cursor = prev_cursor = None
    if rows:
        first_keys, last_keys = list(rows[0][-width:]), list(rows[-1][-width:])
        if (has_more and not reverse) or (reverse and values is not None):
            next_cursor = encode_cursor("after", last_keys, offset + len(rows))
        if (reverse and has_more) or (not reverse and values is not None):
            prev_cursor = encode_cursor("before", first_keys, max(offset - per_page, 0))
    total = more_than = None
    if count:
        counted = (count_stmt if count_stmt is not None else stmt).order_by(None)
        # Counted up to LIST_COUNT_LIMIT rows ("1–50 of more than 10,000" beyond). Counting every live contact
        # of a city at ten times an office's size read 100,000 index entries for every page (12 ms, most of the
        # list's SQL); up to 10,000 it stays near a millisecond, and a total that large is the dashboard's.
        limit = current_app.config["LIST_COUNT_LIMIT"]
        rows_counted = counted.with_only_columns(literal(1), maintain_column_froms=True).limit(limit + 1)
        total = session.execute(select(func.count()).select_from(rows_counted.subquery())).scalar_one()
        if total > limit:
            total, more_than = None, limit
    return Page(
        items=items,
        total=total,
        offset=offset,
        next_cursor=next_cursor,
        prev_cursor=prev_cursor,
        more_than=more_than,
    )
