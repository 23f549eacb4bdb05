"""Reading contacts: the list (filters, any-script search and sorting) that the list page and the exports
share, and what a contact's page and an organization's page show about people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from flask import current_app
from sqlalchemy import exists, func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from werkzeug.datastructures import MultiDict

from ..core import search
from ..core.countries import is_country
from ..core.db import db
from ..core.i18n import country_name
from ..core.localized import LocalizedText
from ..core.search import join_sort_keys, name_order
from ..core.tags import Tag, contact_tag
from ..core.urls import id_urls
from ..groups.models import GROUP_ROLES, GroupMember
from ..organizations.models import Organization
from ..partners.models import Partner
from .forms import SPOKEN_LANGUAGES
from .models import Affiliation, Contact, ContactEmail, ContactLanguage, PersonalDataAccess
from .names import PersonNames

SORTS = ("name", "-name", "country", "-country", "updated", "-updated")


def _int_arg(args: MultiDict, name: str) -> int | None:
    value = (args.get(name) or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


@dataclass
class ContactFilters:
    q: str = ""
    organization: int | None = None
    partner: int | None = None
    country: str = ""
    tag: str = ""
    language: str = ""
    group_role: str = ""
    sort: str = "name"
    capped: bool = False  # set by the query: too many matches to count

    @classmethod
    def from_args(cls, args: MultiDict) -> ContactFilters:
        country = (args.get("country") or "").upper()
        language = args.get("language") or ""
        role = args.get("group_role") or ""
        sort = args.get("sort") or "name"
        return cls(
            q=(args.get("q") or "").strip()[:200],
            organization=_int_arg(args, "organization"),
            partner=_int_arg(args, "partner"),
            country=country if is_country(country) else "",
            tag=(args.get("tag") or "").strip()[:100],
            language=language if language in SPOKEN_LANGUAGES else "",
            group_role=role if role in GROUP_ROLES else "",
            sort=sort if sort in SORTS else "name",
        )

    def as_args(self, **changes) -> dict:
        values = {
            "q": self.q,
            "organization": self.organization,
            "partner": self.partner,
            "country": self.country,
            "tag": self.tag,
            "language": self.language,
            "group_role": self.group_role,
            "sort": self.sort,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return any(v for k, v in self.as_args().items() if k != "sort")


# What a list of contacts shows beside the names (organization, e-mail, tags), loaded with the rows; the list
# page loads less (`PAGE_COLUMNS` and `list_details`).
LIST_LOADS = (
    selectinload(Contact.affiliations).joinedload(Affiliation.organization),
    selectinload(Contact.emails),
    selectinload(Contact.tags),
)


class ListedContact(PersonNames):
    """A contact as the list page reads it: the columns it shows (names, honorific, title, country) as a
    plain row, not a record object (the ORM's loading of 50 records was an eighth of the page's work)."""

    __slots__ = (
        "id",
        "family_name",
        "given_name",
        "name_locale",
        "chinese_name",
        "latin_name",
        "honorific",
        "title",
        "country",
    )

    def __init__(self, *values) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)


PAGE_COLUMNS = tuple(getattr(Contact, name) for name in ListedContact.__slots__)


def contact_list(filters: ContactFilters, locale: str, loads=LIST_LOADS, columns=None):
    """The SELECT of live contacts (records with `loads`, or only `columns`), a cheaper one for counting,
    and the sort terms for keyset pages."""
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    base = select(*columns) if columns else select(Contact)
    base = base.where(Contact.archived_at.is_(None))
    found = search.id_filter(Contact.id, "contact", filters.q) if filters.q else None
    if filters.organization:
        base = base.where(
            exists().where(
                Affiliation.contact_id == Contact.id,
                Affiliation.is_current.is_(True),
                Affiliation.organization_id == filters.organization,
            )
        )
    if filters.partner:
        base = base.where(
            exists().where(
                Affiliation.contact_id == Contact.id,
                Affiliation.is_current.is_(True),
                Affiliation.organization_id == Organization.id,
                Organization.partner_id == filters.partner,
            )
        )
    if filters.country:
        base = base.where(Contact.country == filters.country)
    if filters.tag:
        base = base.where(
            exists().where(
                contact_tag.c.contact_id == Contact.id,
                contact_tag.c.tag_id == Tag.id,
                Tag.name == filters.tag,
            )
        )
    if filters.language:
        base = base.where(
            exists().where(
                ContactLanguage.contact_id == Contact.id, ContactLanguage.language == filters.language
            )
        )
    if filters.group_role:
        base = base.where(
            exists().where(GroupMember.contact_id == Contact.id, GroupMember.role == filters.group_role)
        )
    column = {
        "name": None,
        "country": func.coalesce(Contact.country, ""),
        "updated": Contact.updated_at,
    }[filters.sort.lstrip("-")]
    stmt, base, sort_key = join_sort_keys(base, "contact", Contact.id, locale, found, by_name=column is None)
    filters.capped = found is not None and found.capped
    return (
        stmt if columns else stmt.options(*loads),
        base,
        name_order(sort_key, Contact.id, column, filters.sort.startswith("-"), filters.active),
    )


@dataclass
class ListDetails:
    """What a row of the contact list shows beside the contact's own columns."""

    organization: LocalizedText | None = None  # the names of the current affiliation's organization
    email: str | None = None  # the first e-mail address (personal data: only when disclosed)
    tags: list[str] = field(default_factory=list)  # (personal data: only when disclosed)


def list_details(contact_ids: list[int], personal: bool) -> dict[int, ListDetails]:
    """The organization, first e-mail and tags of a page of contacts, as plain values in three small queries
    (instead of every affiliation with its organization and that organization's partner and parent, every
    e-mail and every tag as objects). The organization is the current affiliation's as
    `Contact.current_affiliation` chooses it: the current one that started last."""
    details = {contact_id: ListDetails() for contact_id in contact_ids}
    if not contact_ids:
        return details
    # Core statements on the tables, run on the session's connection: plain values, without the ORM's
    # result machinery (which cost more than the three queries themselves)
    connection = db.session.connection()
    affiliation, organization = Affiliation.__table__.c, Organization.__table__.c
    current = connection.execute(
        select(affiliation.contact_id, organization.names)
        .join_from(
            Affiliation.__table__, Organization.__table__, organization.id == affiliation.organization_id
        )
        .where(affiliation.contact_id.in_(contact_ids), affiliation.is_current.is_(True))
        .order_by(affiliation.contact_id, affiliation.start_on.desc())
    )
    for contact_id, names in current:
        if details[contact_id].organization is None:
            details[contact_id].organization = names
    if personal:
        email = ContactEmail.__table__.c
        emails = connection.execute(
            select(email.contact_id, email.address)
            .where(email.contact_id.in_(contact_ids))
            .order_by(email.contact_id, email.position)
        )
        for contact_id, address in emails:
            if details[contact_id].email is None:
                details[contact_id].email = address
        tag = Tag.__table__.c
        tags = connection.execute(
            select(contact_tag.c.contact_id, tag.name)
            .join_from(contact_tag, Tag.__table__, tag.id == contact_tag.c.tag_id)
            .where(contact_tag.c.contact_id.in_(contact_ids))
            .order_by(tag.name)
        )
        for contact_id, name in tags:
            details[contact_id].tags.append(name)
    return details


class ListRow(NamedTuple):
    """A row of the contact list as it is shown: its texts worked out once, in Python, rather than by a
    handful of calls per row from the template (each one through Jinja's call machinery). A tuple: the
    template unpacks it in its `for`, without an attribute look-up per cell."""

    url: str
    honorific: str | None  # None: the contact has none
    name: str  # the name the reader reads first
    others: str  # the other forms of the name, joined
    title: str
    organization: str
    country: str
    email: str
    tags: list[str]


def list_rows(contacts: list[ListedContact], details: dict[int, ListDetails], locale: str, honorifics: dict):
    """The rows of a page of the contact list, in the reader's language."""
    url = id_urls("contacts.detail", "contact_id")
    rows = []
    for contact in contacts:
        shown = contact.display_name(locale)
        row = details[contact.id]
        rows.append(
            ListRow(
                url=url(contact.id),
                honorific=honorifics.get(contact.honorific, "") if contact.honorific else None,
                name=shown,
                others=" · ".join(contact.other_names(shown)),
                title=contact.title.get_for(locale) if contact.title else "",
                organization=row.organization.get_for(locale) if row.organization else "",
                country=country_name(contact.country, locale),
                email=row.email or "",
                tags=row.tags,
            )
        )
    return rows


def ordered(stmt, terms):
    """A list's SELECT in the order of its sort terms (for exports, which read it whole)."""
    return stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])


def filter_names(filters: ContactFilters, locale: str) -> dict:
    """Names of the organization and partner a list is filtered by, for the filter chips."""
    names = {}
    if filters.organization and (org := db.session.get(Organization, filters.organization)):
        names["organization"] = org.names.get_for(locale)
    if filters.partner and (partner := db.session.get(Partner, filters.partner)):
        names["partner"] = partner.names.get_for(locale)
    return names


def memberships(contact: Contact) -> list[GroupMember]:
    # the group's names are shown with each membership: loaded with it (no lazy load from the template)
    return list(
        db.session.scalars(
            select(GroupMember)
            .where(GroupMember.contact_id == contact.id)
            .options(joinedload(GroupMember.group))
        )
    )


def recent_access(contact: Contact, limit: int = 20) -> list[PersonalDataAccess]:
    """Who saw or exported the person's details, latest first."""
    return list(
        db.session.scalars(
            select(PersonalDataAccess)
            .where(PersonalDataAccess.contact_id == contact.id)
            .order_by(PersonalDataAccess.id.desc())
            .limit(limit)
        )
    )


def current_people(organization: Organization, limit: int = 200) -> list[Affiliation]:
    """The live contacts working at an organization now, as their current affiliations (`.contact`,
    `.position`); the organization's page asks through `organizations.people`."""
    return list(
        db.session.scalars(
            select(Affiliation)
            .join(Contact, Contact.id == Affiliation.contact_id)
            .where(
                Affiliation.organization_id == organization.id,
                Affiliation.is_current.is_(True),
                Contact.archived_at.is_(None),
            )
            .options(contains_eager(Affiliation.contact))
            .order_by(Contact.id)
            .limit(limit)
        )
    )
