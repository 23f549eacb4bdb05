"""Exchange statistics of a period: records by partner, country, continent, category, and New Southbound
partners against the others. Every record of the period counts, linked to the plan or not: delegations and
other plan activities carried out (done or under way), interactions, agreements signed.

A record with partners in two countries counts once in each country and once in the total; the buckets of
one dimension can therefore add up to more than the total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from ..core.countries import is_new_southbound
from ..core.db import db
from ..partners.models import Partner
from . import activities
from .activities import CARRIED_OUT
from .regions import continent_of

NO_CATEGORY = "none"


@dataclass
class Bucket:
    key: str
    refs: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # kind -> record ids
    partners: set[int] = field(default_factory=set)

    def count(self, kind: str | None = None) -> int:
        if kind is not None:
            return len(self.refs.get(kind, ()))
        return sum(len(ids) for ids in self.refs.values())

    def ref_list(self) -> list[tuple[str, int]]:
        return [(kind, record_id) for kind, ids in self.refs.items() for record_id in sorted(ids)]


@dataclass(slots=True)
class PartnerInfo:
    id: int
    country: str
    relationship: str
    names: object = None  # read only for the partners a page shows (see load_names)

    @property
    def new_southbound(self) -> bool:
        return is_new_southbound(self.country)


@dataclass
class ExchangeStats:
    kinds: list[str]
    partners: dict[int, PartnerInfo]
    by_partner: dict[int, Bucket]
    by_country: dict[str, Bucket]
    by_region: dict[str, Bucket]
    by_category: dict[str, Bucket]
    by_nsb: dict[str, Bucket]
    without_partner: Bucket
    total: Bucket

    def top_partners(self, limit: int | None = None) -> list[tuple[PartnerInfo, Bucket]]:
        """The most active partners, with their names read (one query)."""
        ranked = sorted(self.by_partner.items(), key=lambda kv: (-kv[1].count(), kv[0]))[:limit]
        load_names(self.partners, [pid for pid, _bucket in ranked])
        return [(self.partners[pid], bucket) for pid, bucket in ranked]


def partner_info(ids) -> dict[int, PartnerInfo]:
    """Country and relationship of these partners (names are read separately, for those shown). One query:
    by id for a few, the whole (narrow) table for thousands, which is faster than a huge IN list."""
    wanted = set(ids)
    stmt = select(Partner.id, Partner.country, Partner.relationship)
    if len(wanted) <= 1000:
        stmt = stmt.where(Partner.id.in_(sorted(wanted)))
    return {
        pid: PartnerInfo(pid, country, relationship)
        for pid, country, relationship in db.session.execute(stmt)
        if pid in wanted
    }


def load_names(partners: dict[int, PartnerInfo], ids) -> None:
    """Read the names of these partners (one query, as partner_info)."""
    wanted = set(ids)
    stmt = select(Partner.id, Partner.names)
    if len(wanted) <= 1000:
        stmt = stmt.where(Partner.id.in_(sorted(wanted)))
    for pid, names in db.session.execute(stmt):
        if pid in wanted and pid in partners:
            partners[pid].names = names


def exchange_stats(
    rows_by_kind: dict[str, list],
    pairs_by_kind: dict[str, dict[int, list[int]]],
    partners: dict[int, PartnerInfo],
) -> ExchangeStats:
    """The statistics of one period: plan activities as rows (with their partners and categories; those
    carried out count), the other kinds as {record id: [partner ids]} (fetch_pairs)."""
    by_partner: dict[int, Bucket] = {}
    by_country: dict[str, Bucket] = {}
    by_region: dict[str, Bucket] = {}
    by_category: dict[str, Bucket] = {}
    by_nsb = {"yes": Bucket("yes"), "no": Bucket("no")}
    without, total = Bucket("none"), Bucket("total")

    def bucket(buckets: dict, key) -> Bucket:
        found = buckets.get(key)
        if found is None:
            found = buckets[key] = Bucket(str(key))
        return found

    # each partner's buckets, found once (tens of thousands of records share a few thousand partners)
    regions: dict[str, str] = {}
    targets: dict[int, tuple[Bucket, ...]] = {}
    for pid, info in partners.items():
        if info.country not in regions:
            regions[info.country] = continent_of(info.country)
        targets[pid] = (
            bucket(by_partner, pid),
            bucket(by_country, info.country),
            bucket(by_region, regions[info.country]),
            by_nsb["yes" if info.new_southbound else "no"],
        )

    def count(kind_key: str, record_id: int, known: list[int]) -> None:
        total.refs[kind_key].add(record_id)
        for pid in known:
            total.partners.add(pid)
            for target in targets[pid]:
                target.refs[kind_key].add(record_id)
                target.partners.add(pid)

    kinds = []
    for kind_key, rows in rows_by_kind.items():
        kind_ = activities.kind(kind_key)
        kinds.append(kind_key)
        for row in rows:
            if kind_.status is not None and row.state not in CARRIED_OUT:
                continue
            known = [p for p in row.partners if p in targets]
            count(kind_key, row.id, known)
            if kind_.categories is not None:
                for category in row.categories or [NO_CATEGORY]:
                    bucket(by_category, category).refs[kind_key].add(row.id)
            if not known:
                without.refs[kind_key].add(row.id)
    for kind_key, pairs in pairs_by_kind.items():
        kinds.append(kind_key)
        total_ids = total.refs[kind_key]
        sets_of: dict[int, list[set]] = {}  # partner -> the record-id sets of its buckets, for this kind
        for record_id, partner_ids in pairs.items():
            hit = False
            for pid in partner_ids:
                sets = sets_of.get(pid)
                if sets is None:
                    buckets = targets.get(pid)
                    if buckets is None:
                        continue
                    sets = sets_of[pid] = [b.refs[kind_key] for b in buckets]
                    for b in buckets:
                        b.partners.add(pid)
                    total.partners.add(pid)
                for ids in sets:
                    ids.add(record_id)
                hit = True
            if hit:
                total_ids.add(record_id)
    return ExchangeStats(
        kinds, partners, by_partner, by_country, by_region, by_category, by_nsb, without, total
    )
