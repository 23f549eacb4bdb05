"""A partner's standing follows from its ties: the one place that says which ties count, what a partner is
(sister city, friendly city, MOU ...), since when, its number in the order of signing ("our 43rd partner"),
and how many partners stand where. The partner list, the home page, the dashboard and its map, the annual
report and the anniversaries all ask here.

The rules:
- A tie counts while it is in force (state "in_force"), its term not ended before the office's today, and
  not archived; expired, superseded, void and ended ties stay on record, marked, and count for nothing.
  Expiry is computed, never waited for: a tie recorded in force whose term has ended (its renewal due date,
  else its signing plus its term in years, is past) is expired everywhere (Agreement.effective_state, and
  tie_in_force in SQL); the worker refreshes the stored standing every STANDING_REFRESH_MINUTES so that a
  term ending overnight changes the partner's row without anyone touching it.
- A partner's standing is its closest tie in force (sister, friendly, MOU, cooperation), the city
  government's ties before those of other parties (the council's, a district's, the port's); with no tie in
  force it is "former" when ties were recorded, else "prospect". Since: the signing of that tie, at the
  precision known.
- The order of signing numbers the partners that have a city-government sister or friendly tie in force, by
  the first signing of such a tie, in force or superseded by the one in force (an upgrade keeps the number).

The standing is kept on the partner's row (relationship, relationship_since, since_precision, sequence_no)
so that lists filter, sort and count it with an index; refresh_standing writes it, and only it, whenever a
tie or a partner changes, is archived, restored, purged or imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, case, extract, func, select, true, update

from ..core.db import db
from ..core.time import office_today
from .models import RELATIONSHIPS, Agreement, Partner, term_end

TIE_RANK = {"sister": 0, "friendly": 1, "mou": 2, "cooperation": 3}
NUMBERED_TYPES = ("sister", "friendly")
CITY_GOVERNMENT = "city_government"
# What the counts count, said where they are shown.
COUNTED = _l(
    "Partners by their closest tie in force, with or without coordinates; archived partners excluded."
)


def term_not_ended(today: date | None = None):
    """The SQL condition 'this tie's term has not ended before today' (Agreement.term_ends_on in SQL):
    the renewal due date when there is one, else the signing plus term_years, compared by year then by
    month and day so that SQLite and PostgreSQL read it alike."""
    today = today or office_today()
    year = extract("year", Agreement.signed_on) + Agreement.term_years
    month_day = extract("month", Agreement.signed_on) * 100 + extract("day", Agreement.signed_on)
    return case(
        (Agreement.renewal_on.is_not(None), Agreement.renewal_on >= today),
        (
            Agreement.term_years.is_not(None) & Agreement.signed_on.is_not(None),
            (year > today.year) | ((year == today.year) & (month_day >= today.month * 100 + today.day)),
        ),
        else_=true(),
    )


def tie_in_force():
    """The SQL condition 'this agreement is a tie in force' (state in force, term not ended, not archived)."""
    return (Agreement.state == "in_force") & term_not_ended() & Agreement.archived_at.is_(None)


def tie_on_record():
    """The SQL condition 'this agreement was signed and stands on record' (a void one never held)."""
    return (Agreement.state != "void") & Agreement.archived_at.is_(None)


@dataclass
class Standing:
    relationship: str
    since: date | None
    precision: str
    sequence_no: int | None


def _standings() -> dict[int, Standing]:
    """Every live partner's standing from its ties: one query over the ties of live partners."""
    ties, partners = Agreement.__table__.c, Partner.__table__.c
    # Core rows through the session's connection: the ORM's row processing cost more than the query.
    rows = (
        db.session.connection()
        .execute(
            select(
                ties.partner_id,
                ties.agreement_type,
                ties.our_party,
                ties.state,
                ties.signed_on,
                ties.signed_precision,
                ties.renewal_on,
                ties.term_years,
            )
            .join_from(Agreement.__table__, Partner.__table__, partners.id == ties.partner_id)
            .where(ties.archived_at.is_(None), partners.archived_at.is_(None))
        )
        .all()
    )
    today = office_today()
    best: dict[int, tuple] = {}
    recorded: set[int] = set()
    first_signed: dict[int, date] = {}
    numbered: set[int] = set()
    for partner_id, kind, party, state, signed, precision, renewal_on, term_years in rows:
        recorded.add(partner_id)
        if state == "in_force":
            ends = term_end(renewal_on, term_years, signed)
            if ends is not None and ends < today:
                state = "expired"
        city = party == CITY_GOVERNMENT
        if kind in NUMBERED_TYPES and city and signed is not None and state in ("in_force", "superseded"):
            first_signed[partner_id] = min(signed, first_signed.get(partner_id, signed))
        if state != "in_force" or kind not in TIE_RANK:
            continue
        if kind in NUMBERED_TYPES and city:
            numbered.add(partner_id)
        key = (not city, TIE_RANK[kind], signed or date.max)
        if partner_id not in best or key < best[partner_id][0]:
            best[partner_id] = (key, kind, signed, precision)
    order = sorted((first_signed[p], p) for p in numbered if p in first_signed)
    numbers = {partner_id: number for number, (_first, partner_id) in enumerate(order, start=1)}
    found = {}
    for partner_id in recorded:
        if partner_id in best:
            _key, kind, signed, precision = best[partner_id]
            found[partner_id] = Standing(kind, signed, precision or "day", numbers.get(partner_id))
        else:
            found[partner_id] = Standing("former", None, "day", None)
    return found


def refresh_standing() -> None:
    """Write every partner's standing from its ties (only the rows that change). A partner without ties is a
    prospect; an archived partner keeps its standing but loses its number."""
    db.session.flush()  # the rows below are read on the connection, past the session's autoflush
    wanted = _standings()
    c = Partner.__table__.c
    current = (
        db.session.connection()
        .execute(
            select(
                c.id, c.relationship, c.relationship_since, c.since_precision, c.sequence_no, c.archived_at
            )
        )
        .all()
    )
    changes = []
    for partner_id, relationship, since, precision, number, archived_at in current:
        if archived_at is not None:
            target = Standing(relationship, since, precision, None)
        else:
            target = wanted.get(partner_id) or Standing("prospect", None, "day", None)
        if (relationship, since, precision, number) != (
            target.relationship,
            target.since,
            target.precision,
            target.sequence_no,
        ):
            changes.append(
                {
                    "pid": partner_id,
                    "new_relationship": target.relationship,
                    "new_since": target.since,
                    "new_precision": target.precision,
                    "new_number": target.sequence_no,
                }
            )
    if changes:  # one executemany, however many partners an import brought
        table = Partner.__table__
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(
                relationship=bindparam("new_relationship"),
                relationship_since=bindparam("new_since"),
                since_precision=bindparam("new_precision"),
                sequence_no=bindparam("new_number"),
            ),
            changes,
        )
    # Partners loaded in this session read the new standing on next access.
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Partner):
            db.session.expire(obj, ["relationship", "relationship_since", "since_precision", "sequence_no"])


def refresh_standing_now() -> None:
    """The worker's periodic refresh (STANDING_REFRESH_MINUTES): the standing as of the office's today,
    committed; nothing is written when no term ended since the last refresh."""
    refresh_standing()
    db.session.commit()


def standing_counts() -> dict[str, int]:
    """How many live partners stand where (every partner, with or without coordinates): {relationship: n}."""
    counts = dict(
        db.session.execute(
            select(Partner.relationship, func.count())
            .where(Partner.archived_at.is_(None))
            .group_by(Partner.relationship)
        ).all()
    )
    return {key: counts.get(key, 0) for key in RELATIONSHIPS}


def counted_total(counts: dict[str, int]) -> int:
    """The partners with a tie in force among `counts` (prospects and former partners are not counted)."""
    return sum(n for key, n in counts.items() if key in TIE_RANK)


def ties_by_partner(partner_ids) -> dict[int, list[Agreement]]:
    """The live ties of these partners, closest first (one query): what lists show beside each partner,
    void and ended ties included, marked."""
    wanted = sorted(set(partner_ids))
    found: dict[int, list[Agreement]] = {pid: [] for pid in wanted}
    if not wanted:
        return found
    for tie in db.session.scalars(
        select(Agreement)
        .where(Agreement.partner_id.in_(wanted), Agreement.archived_at.is_(None))
        .order_by(Agreement.partner_id, Agreement.signed_on.nulls_last(), Agreement.id)
    ):
        found[tie.partner_id].append(tie)
    return found


def _closeness(tie: Agreement) -> tuple:
    """The order in which a partner's ties in force make its standing (the rule of _standings)."""
    return (tie.our_party != CITY_GOVERNMENT, TIE_RANK.get(tie.agreement_type, 9), tie.signed_on or date.max)


def principal_tie(ties: list[Agreement]) -> Agreement | None:
    """The tie a partner's standing comes from; with none in force, its latest tie (void, ended ...)."""
    in_force = [t for t in ties if t.effective_state == "in_force" and t.agreement_type in TIE_RANK]
    if in_force:
        return min(in_force, key=_closeness)
    return max(ties, key=lambda t: (t.signed_on or date.min, t.id), default=None)


def principal_ties(partner_ids) -> dict[int, Agreement]:
    """Each of these partners' principal tie (one query): what a one-row-per-partner export writes."""
    found = {}
    for partner_id, ties in ties_by_partner(partner_ids).items():
        tie = principal_tie(ties)
        if tie is not None:
            found[partner_id] = tie
    return found
