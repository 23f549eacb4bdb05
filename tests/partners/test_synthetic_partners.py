"""The large demo generator (bench seeds, demo data at scale) gives partners real ties, so that their standing
after the refresh is what the register says (not every partner a prospect), and stays bulk: the number of
statements does not grow with the number of partners."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from intl.demo.loader import load_synthetic_partners
from intl.partners.models import Agreement, Partner
from intl.partners.standing import _standings, refresh_standing


def test_synthetic_partners_stand_by_their_ties(database, count_queries):
    with count_queries() as small:
        load_synthetic_partners(150, seed=3)
    with count_queries() as large:
        load_synthetic_partners(600, seed=4)
    assert large.count == small.count  # bulk inserts, one refresh: no statement per row

    standing = Counter(database.session.scalars(select(Partner.relationship)))
    assert set(standing) == {"sister", "friendly", "mou", "cooperation", "former", "prospect"}
    assert standing["prospect"] < 750 * 0.3
    # The stored standing is the one the ties give (refreshing again changes nothing).
    wanted = _standings()
    for partner in database.session.scalars(select(Partner)):
        if partner.id in wanted:
            assert (partner.relationship, partner.sequence_no) == (
                wanted[partner.id].relationship,
                wanted[partner.id].sequence_no,
            )
        else:
            assert partner.relationship == "prospect"
    numbers = sorted(
        database.session.scalars(select(Partner.sequence_no).where(Partner.sequence_no.is_not(None)))
    )
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 100

    states = Counter(database.session.scalars(select(Agreement.state)))
    assert {"in_force", "void", "ended", "expired", "superseded"} <= set(states)
    precisions = Counter(database.session.scalars(select(Agreement.signed_precision)))
    assert precisions["year"] > 0 and precisions["month"] > 0
    # Ties whose term lapsed with the calendar count as expired, and their partners do not count by them.
    lapsed = [
        t
        for t in database.session.scalars(select(Agreement).where(Agreement.state == "in_force"))
        if t.effective_state == "expired"
    ]
    assert lapsed
    # Every superseded tie names the tie in force that replaced it, of the same partner.
    superseded = database.session.scalars(select(Agreement).where(Agreement.state == "superseded")).all()
    assert superseded and all(
        t.superseded_by is not None and t.superseded_by.partner_id == t.partner_id for t in superseded
    )
    before = database.session.scalar(select(func.count()).select_from(Partner))
    refresh_standing()
    assert database.session.scalar(select(func.count()).select_from(Partner)) == before


def test_the_demo_office_term_agreements_were_renewed(app, database):
    """The demo's MOUs and cooperation agreements with a term are renewed up to the current term, so the demo
    office shows them in force (a past renewal date would make them expired, as it should for real data)."""
    from intl.demo.loader import load_demo

    load_demo()
    by_name = {p.names.get("en"): p for p in database.session.scalars(select(Partner))}
    assert by_name["Hamburg"].relationship == "mou"
    assert by_name["Rotterdam"].relationship == "cooperation"
    with_term = database.session.scalars(select(Agreement).where(Agreement.term_years.is_not(None))).all()
    assert with_term and all(t.effective_state == "in_force" for t in with_term)
