"""The seating plan as the page shows it: tables with their seats in order, the unseated, and the breaches of
the conventions in words (names in the reader's language)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from .models import Occasion
from .queries import Entry, breaches, layout_of
from .seating import BEHIND, Breach, Layout, honour_order


@dataclass
class SeatView:
    table: int
    number: int
    honour: int  # 1 is the host's seat
    entry: Entry | None = None
    behind: list[Entry] = field(default_factory=list)  # interpreters on chairs behind this seat
    # What the page prints, worked out once here rather than by template calls for each of hundreds of seats.
    participant_id: int | None = None
    name: str = ""
    detail: str = ""
    needs: list[str] = field(default_factory=list)
    label: str = ""
    behind_labels: list[str] = field(default_factory=list)
    button: str = "btn-outline-secondary"  # the seat's colour: empty, the host's side or a guest


# The seat's button by who sits there: empty, one of the host's people, a guest.
BUTTONS = {None: "btn-outline-secondary", "host": "btn-outline-primary", "guest": "btn-outline-dark"}


@dataclass
class TableView:
    number: int
    seats: list[SeatView]

    @property
    def round(self) -> bool:
        return True


@dataclass
class PlanView:
    layout: Layout
    tables: list[TableView]
    unseated: list[Entry]
    warnings: list[str]
    breaches: list[Breach]
    names: dict[int, str] = field(default_factory=dict)  # participant id -> name in the reader's language


def message(breach: Breach, names: dict[int, str]) -> str:
    who = [names.get(i, "?") for i in breach.ids]
    if breach.code == "unseated":
        return _("%(name)s has no seat.", name=who[0])
    if breach.code == "host_seat":
        return _(
            "%(name)s hosts table %(table)s but is not in the host's seat.", name=who[0], table=breach.table
        )
    if breach.code == "principal_right":
        return _("The principal guest, %(name)s, is not on the host's right.", name=who[0])
    if breach.code == "order":
        return _(
            "%(senior)s ranks above %(junior)s but sits in a less honoured seat (table %(table)s).",
            senior=who[0],
            junior=who[1],
            table=breach.table,
        )
    if breach.code == "hosts_together":
        return _(
            "%(first)s and %(second)s, both of the host's side, sit side by side (table %(table)s).",
            first=who[0],
            second=who[1],
            table=breach.table,
        )
    if breach.code == "interpreter_away":
        return _(
            "%(interpreter)s is not behind or beside %(principal)s.", interpreter=who[0], principal=who[1]
        )
    raise ValueError(breach.code)


def plan_view(
    occasion: Occasion,
    entries: list[Entry],
    locale: str,
    need_labels: dict | None = None,
    side_labels: dict | None = None,
) -> PlanView:
    layout = layout_of(occasion)
    honour = {seat: index + 1 for index, seat in enumerate(honour_order(layout))}
    tables = [
        TableView(t, [SeatView(t, s, honour[s]) for s in range(1, layout.seats + 1)])
        for t in range(1, layout.tables + 1)
    ]
    by_id = {e.participant.id: e for e in entries}
    unseated = []
    for e in entries:
        p = e.participant
        if p.table_no is None or p.seat_no is None or not 1 <= p.table_no <= layout.tables:
            unseated.append(e)
        elif p.seat_no == BEHIND:
            principal = by_id.get(p.interprets_for_id)
            if (
                principal is not None
                and principal.participant.table_no == p.table_no
                and principal.participant.seat_no
            ):
                tables[p.table_no - 1].seats[principal.participant.seat_no - 1].behind.append(e)
            else:
                unseated.append(e)
        elif 1 <= p.seat_no <= layout.seats:
            tables[p.table_no - 1].seats[p.seat_no - 1].entry = e
        else:
            unseated.append(e)
    found = breaches(entries, layout)
    names = {e.participant.id: e.person.name_for(locale) for e in entries}
    _label_seats(tables, names, locale, need_labels or {}, side_labels or {})
    return PlanView(layout, tables, unseated, [message(b, names) for b in found], found, names)


def _label_seats(tables, names, locale, need_labels, side_labels) -> None:
    seat_label, empty, behind = (
        _("Table %(table)d, seat %(seat)d"),
        _("empty"),
        _("Behind: %(name)s (interpreter)"),
    )
    ranks: dict[int, str] = {}
    for table in tables:
        for seat in table.seats:
            e = seat.entry
            where = seat_label % {"table": seat.table, "seat": seat.number}
            if e is None:
                seat.label = f"{where}: {empty}"
                continue
            p = e.participant
            seat.participant_id = p.id
            seat.button = BUTTONS.get(p.side, BUTTONS["guest"])
            seat.name = names[p.id]
            seat.label = f"{where}: {seat.name}"
            rank = ""
            if p.rank is not None:
                rank = ranks.get(p.rank.id) or ranks.setdefault(p.rank.id, p.rank.label.get_for(locale))
            seat.detail = " · ".join(t for t in (side_labels.get(p.side, ""), rank) if t)
            seat.needs = [need_labels.get(n, n) for n in e.person.needs]
            seat.behind_labels = [behind % {"name": names[i.participant.id]} for i in seat.behind]
