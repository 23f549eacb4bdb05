"""The filtered, searched, sorted organization list shared by the list page and the exports; an
organization's units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from flask import current_app
from markupsafe import Markup
from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased
from werkzeug.datastructures import MultiDict

from ..core import search
from ..core.countries import is_country
from ..core.db import db
from ..core.i18n import country_name, localized
from ..core.search import join_sort_keys, name_order
from ..core.tags import Tag, organization_tag
from ..core.templating import names_html
from ..core.translations import labels
from ..core.urls import id_urls
from .models import ORGANIZATION_KINDS, Organization

SORTS = ("name", "-name", "country", "-country", "kind", "-kind", "updated", "-updated")


def _int_arg(args: MultiDict, name: str) -> int | None:
    value = (args.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


@dataclass
class OrganizationFilters:
    q: str = ""
    kind: str = ""
    country: str = ""
    partner: int | None = None
    tag: str = ""
    sort: str = "name"
    capped: bool = False  # set by the query: too many matches to count

    @classmethod
    def from_args(cls, args: MultiDict) -> OrganizationFilters:
        kind = args.get("kind") or ""
        country = (args.get("country") or "").upper()
        sort = args.get("sort") or "name"
        return cls(
            q=(args.get("q") or "").strip()[:200],
            kind=kind if kind in ORGANIZATION_KINDS else "",
            country=country if is_country(country) else "",
            partner=_int_arg(args, "partner"),
            tag=(args.get("tag") or "").strip()[:100],
            sort=sort if sort in SORTS else "name",
        )

    def as_args(self, **changes) -> dict:
        values = {
            "q": self.q,
            "kind": self.kind,
            "country": self.country,
            "partner": self.partner,
            "tag": self.tag,
            "sort": self.sort,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.q or self.kind or self.country or self.partner or self.tag)


def organization_list(filters: OrganizationFilters, locale: str, columns=None):
    """The SELECT of live organizations (records, or only `columns` of them), a cheaper one for counting, and
    the sort terms."""
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    base = (select(*columns) if columns else select(Organization)).where(Organization.archived_at.is_(None))
    found = search.id_filter(Organization.id, "organization", filters.q) if filters.q else None
    if filters.kind:
        base = base.where(Organization.kind == filters.kind)
    if filters.country:
        base = base.where(Organization.country == filters.country)
    if filters.partner:
        base = base.where(Organization.partner_id == filters.partner)
    if filters.tag:
        base = base.where(
            exists().where(
                organization_tag.c.organization_id == Organization.id,
                organization_tag.c.tag_id == Tag.id,
                Tag.name == filters.tag,
            )
        )
    column = {
        "name": None,
        "country": func.coalesce(Organization.country, ""),
        "kind": Organization.kind,
        "updated": Organization.updated_at,
    }[filters.sort.lstrip("-")]
    stmt, base, sort_key = join_sort_keys(
        base, "organization", Organization.id, locale, found, by_name=column is None
    )
    filters.capped = found is not None and found.capped
    return (
        stmt,
        base,
        name_order(sort_key, Organization.id, column, filters.sort.startswith("-"), filters.active),
    )


def units_of(org: Organization, limit: int = 100) -> list[Organization]:
    """The live organizations directly under this one."""
    return list(
        db.session.scalars(
            select(Organization)
            .where(Organization.parent_id == org.id, Organization.archived_at.is_(None))
            .limit(limit)
        )
    )


# The organization list's page: the columns it shows, its parent's names beside them, not 50 records with
# their partners and parents loaded (intl/contacts/queries.py's list does the same).
PAGE_COLUMNS = (Organization.id, Organization.names, Organization.kind, Organization.country)
_PARENT = aliased(Organization)


def with_parent_names(stmt):
    """The list's page statement with each organization's parent's names (None without a parent)."""
    return stmt.outerjoin(_PARENT, _PARENT.id == Organization.parent_id).add_columns(_PARENT.names)


class OrganizationRow(NamedTuple):
    """A row of the organization list as it is shown, its texts worked out once in Python."""

    url: str
    names: Markup  # the reader's form of the name and the others beside it
    kind: str
    country: str
    parent: str
    tags: list[str]


def organization_rows(rows, locale: str) -> list[OrganizationRow]:
    """The rows of a page of the organization list from (id, names, kind, country, parent's names) rows."""
    url = id_urls("organizations.detail", "org_id")
    kinds = labels(ORGANIZATION_KINDS)
    ids = [row[0] for row in rows]
    tags: dict[int, list[str]] = {organization_id: [] for organization_id in ids}
    if ids:
        for organization_id, name in db.session.execute(
            select(organization_tag.c.organization_id, Tag.name)
            .join(Tag, Tag.id == organization_tag.c.tag_id)
            .where(organization_tag.c.organization_id.in_(ids))
            .order_by(Tag.name)
        ):
            tags[organization_id].append(name)
    return [
        OrganizationRow(
            url=url(organization_id),
            names=names_html(names, locale),
            kind=kinds[kind],
            country=country_name(country, locale),
            parent=localized(parent, locale),
            tags=tags[organization_id],
        )
        for organization_id, names, kind, country, parent in rows
    ]
