"""The proposed seating checked seat by seat against the conventions (DOMAIN.md, Protocol), for round and long
tables of 8 and 12 seats. People are named by precedence: H1 the host, H2 the next of the host's side ...;
G1 the principal guest, G2 the second ... Seat numbers are explained in intl/protocol/seating.py."""

from __future__ import annotations

from intl.protocol.seating import BEHIND, Layout, Seated, Sitter, check, propose


def sitters(hosts: int, guests: int, interpreters: dict[str, str] | None = None) -> list[Sitter]:
    """Hosts and guests in order of precedence (as the order of precedence would give them, interleaved)."""
    ids = {f"H{i}": i for i in range(1, hosts + 1)} | {f"G{i}": 100 + i for i in range(1, guests + 1)}
    people = []
    for i in range(1, max(hosts, guests) + 1):
        if i <= guests:
            people.append(Sitter(ids[f"G{i}"], "guest"))
        if i <= hosts:
            people.append(Sitter(ids[f"H{i}"], "host"))
    for n, (name, principal) in enumerate((interpreters or {}).items()):
        ids[name] = 900 + n
        side = "host" if principal.startswith("H") else "guest"
        people.append(Sitter(ids[name], side, interprets_for=ids[principal]))
    return people, {v: k for k, v in ids.items()}


def seats_of(layout, hosts, guests, interpreters=None) -> dict[int, str]:
    people, names = sitters(hosts, guests, interpreters)
    plan = propose(people, layout)
    assert plan.unseated == []
    by_seat = {}
    for pid, (table, seat) in plan.seats.items():
        assert table == 1
        by_seat.setdefault(seat, []).append(names[pid])
    return {seat: (who[0] if len(who) == 1 else sorted(who)) for seat, who in by_seat.items()}


def test_round_table_of_8():
    # Host at 1 facing the door, G1 on the host's right (2), G2 on the left (8), alternating outward;
    # the host's people between the guests; the interpreter on a chair behind the principal guest.
    assert seats_of(Layout("round", seats=8), hosts=4, guests=4, interpreters={"I": "G1"}) == {
        1: "H1", 2: "G1", 8: "G2", 3: "H2", 7: "H3", 4: "G3", 6: "G4", 5: "H4", BEHIND: "I",
    }  # fmt: skip


def test_round_table_of_8_with_a_co_host():
    # Co-host opposite (5); G3 and G4 at the co-host's right (6) and left (4); the rest spread.
    assert seats_of(Layout("round", seats=8, co_host=True), hosts=3, guests=5) == {
        1: "H1", 5: "H2", 2: "G1", 8: "G2", 6: "G3", 4: "G4", 3: "H3", 7: "G5",
    }  # fmt: skip


def test_round_table_of_12_with_a_co_host():
    assert seats_of(Layout("round", seats=12, co_host=True), hosts=5, guests=7) == {
        1: "H1", 7: "H2", 2: "G1", 12: "G2", 8: "G3", 6: "G4",
        3: "H3", 11: "H4", 9: "H5", 5: "G5", 4: "G6", 10: "G7",
    }  # fmt: skip


def test_round_table_of_12():
    assert seats_of(Layout("round", seats=12), hosts=6, guests=6) == {
        1: "H1", 2: "G1", 12: "G2", 3: "H2", 11: "H3", 4: "G3", 10: "G4", 5: "H4", 9: "H5", 6: "G5", 8: "G6",
        7: "H6",
    }  # fmt: skip


def test_long_head_table_of_8():
    # One side facing the room, numbered from the host's right-hand end: host in the middle (5),
    # G1 on the right (4), G2 on the left (6), the host's people between guests.
    assert seats_of(Layout("long", "head", seats=8), hosts=3, guests=5) == {
        5: "H1", 4: "G1", 6: "G2", 3: "H2", 7: "H3", 2: "G3", 8: "G4", 1: "G5",
    }  # fmt: skip


def test_long_head_table_of_12():
    # Host in the middle (7: the right-hand half has the extra seat), G1 on the host's right (6), G2 on the
    # left (8), then the host's people and the guests alternating outward; the interpreter behind G1.
    assert seats_of(Layout("long", "head", seats=12), hosts=4, guests=7, interpreters={"I": "G1"}) == {
        7: "H1", 6: "G1", 8: "G2", 5: "H2", 9: "H3", 4: "G3", 10: "G4", 3: "H4", 11: "G5", 2: "G6", 12: "G7",
        BEHIND: "I",
    }  # fmt: skip


def test_long_facing_table_of_8():
    # Host's side 1-4 (host in the middle, 3), guests' side 5-8 (principal guest opposite, 7);
    # each side alternates right and left outward from its principal.
    assert seats_of(Layout("long", "facing", seats=8), hosts=4, guests=4) == {
        3: "H1", 2: "H2", 4: "H3", 1: "H4", 7: "G1", 6: "G2", 8: "G3", 5: "G4",
    }  # fmt: skip


def test_long_facing_table_of_12_keeps_the_seat_beside_a_principal_for_the_interpreter():
    assert seats_of(Layout("long", "facing", seats=12), hosts=5, guests=5, interpreters={"I": "G1"}) == {
        4: "H1", 3: "H2", 5: "H3", 2: "H4", 6: "H5",
        10: "G1", 11: "I", 9: "G2", 8: "G3", 12: "G4", 7: "G5",
    }  # fmt: skip


def test_several_tables_are_hosted_and_filled_in_order():
    people, names = sitters(hosts=3, guests=13)
    plan = propose(people, Layout("round", tables=2, seats=8))
    table_of = {names[pid]: where for pid, where in plan.seats.items()}
    assert table_of["H1"] == (1, 1) and table_of["H2"] == (2, 1)  # each table has its host
    assert table_of["G1"] == (1, 2) and table_of["G2"] == (1, 8)
    assert {table_of[f"G{i}"][0] for i in range(1, 7)} == {1}  # the senior guests at the top table
    assert plan.unseated == []


def _seated(people, seats):
    return [
        Seated(id=p, side=s, order=o, table=1, seat=seat)
        for (p, s, o), seat in zip(people, seats, strict=True)
    ]


def test_breaches_are_named():
    layout = Layout("round", seats=8)
    people = [(1, "host", 2), (2, "host", 4), (101, "guest", 1), (102, "guest", 3)]
    assert check(_seated(people, [1, 3, 2, 8]), layout) == []
    found = {b.code for b in check(_seated(people, [1, 2, 3, 8]), layout)}  # G1 moved off the host's right
    assert found == {"principal_right", "hosts_together", "order"}
