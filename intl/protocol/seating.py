"""Seating plans, as pure functions of the order of precedence and the room: which seat is more honoured, the
proposed plan, and the conventions a plan breaks (shown to the officer as warnings, never refused).

Seat numbers, per table:
- round table: seat 1 is the host's, facing the door; numbers go on towards the host's right (seat 2 is on the
  host's right, the last seat on the host's left); a co-host sits opposite, at seat 1 + n/2. Everyone faces
  the centre, so the co-host's right is the next number too.
- long table, head table: seats 1..n along one side facing the room, numbered from the host's right-hand end;
  the host sits in the middle (the right-hand half has the extra seat when n is even).
- long table, facing: seats 1..n/2 on the host's side from the host's right-hand end, n/2+1..n on the guests'
  side from the principal guest's right-hand end; each principal in the middle of their side.
Seat 0 is a chair behind the person an interpreter works for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

BEHIND = 0


@dataclass(frozen=True)
class Layout:
    shape: str = "round"  # round / long
    long_style: str = "head"  # head / facing
    tables: int = 1
    seats: int = 10
    co_host: bool = False

    @property
    def facing(self) -> bool:
        return self.shape == "long" and self.long_style == "facing"

    @property
    def half(self) -> int:
        return self.seats // 2


def _centre(length: int) -> int:
    """The middle seat of a row numbered from its right-hand end (1-based)."""
    return length // 2 + 1


def _outward(centre: int, low: int, high: int) -> list[int]:
    """From a centre seat, its right (lower numbers) then its left, alternating outward, within low..high."""
    order, step = [centre], 1
    while len(order) < high - low + 1:
        for seat in (centre - step, centre + step):
            if low <= seat <= high:
                order.append(seat)
        step += 1
    return order


def honour_order(layout: Layout) -> list[int]:
    """The seats of one table, most honoured first: [host's seat, (co-host's seat,) then the guests' seats in
    the order the principal guest, the second guest ... take them]."""
    n = layout.seats
    if layout.shape == "round":
        if not layout.co_host:
            order = [1]
            for step in range(1, n):
                for seat in (1 + step, n + 1 - step):
                    if seat not in order:
                        order.append(seat)
            return order[:n]
        opposite = 1 + n // 2
        order = [1, opposite]
        step = 1
        while len(order) < n:
            for seat in (1 + step, n + 1 - step, opposite + step, opposite - step):
                if 1 <= seat <= n and seat not in order:
                    order.append(seat)
            step += 1
        return order
    if layout.facing:
        m = layout.half
        hosts = _outward(_centre(m), 1, m)
        guests = [m + s for s in _outward(_centre(n - m), 1, n - m)]
        # Honour alternates between the sides: host, principal guest, second host, second guest ...
        order = []
        for i in range(max(len(hosts), len(guests))):
            order += hosts[i : i + 1] + guests[i : i + 1]
        return order
    return _outward(_centre(n), 1, n)


def head_count(layout: Layout) -> int:
    """Seats at the top of a table's honour order held by its hosts (the host, and the co-host if any)."""
    return 2 if layout.shape == "round" and layout.co_host else 1


def reserved_guest_seats(layout: Layout) -> int:
    """Honour seats after the hosts' that go to guests whatever the spread: the host's right and left (and
    the co-host's right and left)."""
    return 4 if layout.shape == "round" and layout.co_host else 2


def neighbours(layout: Layout, seat: int) -> tuple[int, ...]:
    n = layout.seats
    if layout.shape == "round":
        return (n if seat == 1 else seat - 1, 1 if seat == n else seat + 1)
    if layout.facing:
        m = layout.half
        low, high = (1, m) if seat <= m else (m + 1, n)
        return tuple(s for s in (seat - 1, seat + 1) if low <= s <= high)
    return tuple(s for s in (seat - 1, seat + 1) if 1 <= s <= n)


@dataclass
class Sitter:
    """Someone to seat: id, side, and (for an interpreter) whom they interpret for."""

    id: int
    side: str
    interprets_for: int | None = None


@dataclass
class Plan:
    seats: dict[int, tuple[int, int]] = field(default_factory=dict)  # participant id -> (table, seat)
    unseated: list[int] = field(default_factory=list)


def _split_interpreters(people: Sequence[Sitter]) -> tuple[list[Sitter], list[Sitter]]:
    ids = {p.id for p in people}
    interpreters = [p for p in people if p.interprets_for is not None and p.interprets_for in ids]
    return [p for p in people if p not in interpreters], interpreters


def propose(ordered: Sequence[Sitter], layout: Layout) -> Plan:
    """A plan from the order of precedence (most senior first) and the room."""
    people, interpreters = _split_interpreters(ordered)
    hosts = [p for p in people if p.side == "host"]
    guests = [p for p in people if p.side != "host"]
    plan = Plan()
    if layout.facing:
        _facing(hosts, guests, layout, plan, {p.interprets_for for p in interpreters})
    else:
        _spread(hosts, guests, layout, plan)
    _place_interpreters(interpreters, layout, plan)
    return plan


def _spread(hosts: list[Sitter], guests: list[Sitter], layout: Layout, plan: Plan) -> None:
    heads_per_table = head_count(layout)
    tables = list(range(1, layout.tables + 1))
    heads: dict[int, list[Sitter]] = {t: [] for t in tables}
    queue = list(hosts)
    for t in tables:  # each table is hosted by the next of the host's side, in order of precedence
        while queue and len(heads[t]) < heads_per_table:
            heads[t].append(queue.pop(0))
    # The rest of the host's side goes round the tables one by one, so every table has some.
    staff: dict[int, list[Sitter]] = {t: [] for t in tables}
    free = {t: layout.seats - len(heads[t]) for t in tables}
    spare = sum(free.values()) - len(guests)
    t_index = 0
    while queue and spare > 0:
        t = tables[t_index % len(tables)]
        if len(staff[t]) < free[t]:
            staff[t].append(queue.pop(0))
            spare -= 1
        t_index += 1
        if t_index > len(tables) * layout.seats:
            break
    # Guests fill the tables in order of precedence: the most senior at the top table.
    remaining = list(guests)
    for t in tables:
        room = free[t] - len(staff[t])
        at_table, remaining = remaining[:room], remaining[room:]
        _seat_table(t, heads[t], staff[t], at_table, layout, plan)
    plan.unseated += [p.id for p in remaining + queue]


def _seat_table(table, heads, staff, guests, layout, plan) -> None:
    order = honour_order(layout)
    head_seats = order[: head_count(layout)]
    for person, seat in zip(heads, head_seats, strict=False):
        plan.seats[person.id] = (table, seat)
    taken_by_host = {seat for person, seat in zip(heads, head_seats, strict=False)}
    rest = [s for s in order if s not in head_seats]
    # Unused head seats (a table without a co-host) go back to the pool, after the others.
    rest += [s for s in head_seats if s not in taken_by_host]
    guests, staff = list(guests), list(staff)
    reserved = reserved_guest_seats(layout)
    occupied: dict[int, str] = {s: "host" for s in taken_by_host}
    for index, seat in enumerate(rest):
        if not guests and not staff:
            break
        left = len(rest) - index
        host_next = _neighbour_is_host(layout, seat, occupied)
        if staff and (
            not guests
            or left <= len(staff)
            or (index >= reserved and not host_next and _beside_guest(layout, seat, occupied))
        ):
            person, side = staff.pop(0), "host"
        elif guests:
            person, side = guests.pop(0), "guest"
        else:
            person, side = staff.pop(0), "host"
        plan.seats[person.id] = (table, seat)
        occupied[seat] = side


def _neighbour_is_host(layout, seat, occupied) -> bool:
    return any(occupied.get(s) == "host" for s in neighbours(layout, seat))


def _beside_guest(layout, seat, occupied) -> bool:
    return any(occupied.get(s) == "guest" for s in neighbours(layout, seat))


def _facing(hosts, guests, layout, plan, interpreted: set) -> None:
    """Host's side faces the guests' side; each side in its own order of honour, table after table. The
    seat at a principal's left is kept for their interpreter, if they have one."""
    m = layout.half
    host_seats = _outward(_centre(m), 1, m)
    guest_seats = [m + s for s in _outward(_centre(layout.seats - m), 1, layout.seats - m)]
    hosts, guests = list(hosts), list(guests)
    for t in range(1, layout.tables + 1):
        for seats, people in ((host_seats, hosts), (guest_seats, guests)):
            keep = set()
            if t == 1 and people and people[0].id in interpreted:
                keep = {seats[0] + 1} if seats[0] + 1 in seats else set()
            for seat in seats:
                if seat in keep:
                    continue
                if people:
                    plan.seats[people.pop(0).id] = (t, seat)
        # A side with more people than seats overflows to the other side's far ends.
        free = [s for s in reversed(honour_order(layout)) if (t, s) not in plan.seats.values()]
        for people in (guests, hosts):
            while people and free and t == layout.tables:
                plan.seats[people.pop(0).id] = (t, free.pop(0))
    plan.unseated += [p.id for p in hosts + guests]


def _place_interpreters(interpreters, layout, plan) -> None:
    """Behind their principal at round tables and head tables; beside them (the nearest free seat on their
    side) at a table where the sides face each other."""
    taken = set(plan.seats.values())
    for person in interpreters:
        where = plan.seats.get(person.interprets_for)
        if where is None:
            plan.unseated.append(person.id)
            continue
        table, seat = where
        if not layout.facing:
            plan.seats[person.id] = (table, BEHIND)
            continue
        beside = [s for s in neighbours(layout, seat) if (table, s) not in taken]
        if not beside:
            # Move the least honoured neighbour's occupant out to make room is the officer's call: sit behind.
            plan.seats[person.id] = (table, BEHIND)
            continue
        chosen = max(beside)  # the principal's left (higher number) before their right, kept for guests
        plan.seats[person.id] = (table, chosen)
        taken.add((table, chosen))


# --- the conventions a plan breaks ------------------------------------------------------------------


@dataclass
class Seated:
    """Someone on the plan as the checks see them; `order` is their place in the order of precedence."""

    id: int
    side: str
    order: int
    table: int | None = None
    seat: int | None = None
    interprets_for: int | None = None


@dataclass(frozen=True)
class Breach:
    """A convention the plan breaks: its code and the participants concerned (most senior first)."""

    code: str  # unseated, host_seat, principal_right, order, hosts_together, interpreter_away
    ids: tuple[int, ...]
    table: int | None = None


def check(people: Sequence[Seated], layout: Layout) -> list[Breach]:
    """Every breach of the conventions in a plan, table by table."""
    by_id = {p.id: p for p in people}
    breaches: list[Breach] = []
    ordered = sorted(people, key=lambda p: p.order)
    interpreters = [p for p in ordered if p.interprets_for in by_id]
    sitting = [p for p in ordered if p not in interpreters]
    breaches += [Breach("unseated", (p.id,)) for p in ordered if p.table is None or p.seat is None]
    honour = {seat: index for index, seat in enumerate(honour_order(layout))}
    tables: dict[int, list[Seated]] = {}
    for p in sitting:
        if p.table is not None and p.seat:
            tables.setdefault(p.table, []).append(p)
    guests_overall = [p for p in sitting if p.side != "host"]
    principal = guests_overall[0] if guests_overall else None
    for table, at_table in sorted(tables.items()):
        hosts = [p for p in at_table if p.side == "host"]
        guests = [p for p in at_table if p.side != "host"]
        if hosts and hosts[0].seat != honour_order(layout)[0]:
            breaches.append(Breach("host_seat", (hosts[0].id,), table))
        if (
            table == 1
            and principal is not None
            and principal in at_table
            and hosts
            and hosts[0].seat == honour_order(layout)[0]
        ):
            right = honour_order(layout)[head_count(layout) if not layout.facing else 1]
            if principal.seat != right:
                breaches.append(Breach("principal_right", (principal.id,), table))
        for senior, junior in zip(guests, guests[1:], strict=False):
            if honour.get(senior.seat, 99) > honour.get(junior.seat, 99):
                breaches.append(Breach("order", (senior.id, junior.id), table))
        if not layout.facing:
            seats = {p.seat: p for p in at_table}
            for p in hosts:
                for other_seat in neighbours(layout, p.seat):
                    other = seats.get(other_seat)
                    if other is not None and other.side == "host" and other.seat > p.seat:
                        breaches.append(Breach("hosts_together", (p.id, other.id), table))
    for p in interpreters:
        principal_of = by_id[p.interprets_for]
        if p.table is None or p.seat is None:
            continue
        near = p.table == principal_of.table and (
            p.seat == BEHIND
            or (principal_of.seat is not None and p.seat in neighbours(layout, principal_of.seat))
        )
        if not near:
            breaches.append(Breach("interpreter_away", (p.id, principal_of.id), p.table))
    return breaches
