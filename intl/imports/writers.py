"""Writing the valid rows of a previewed import, all in the caller's one transaction.

Contacts are written in bulk (a 10,000-row file is a normal day's work for an office moving in): one
INSERT per table, with the same search postings, duplicate keys and audit entries the services write
for one contact at a time.
"""

from __future__ import annotations

import uuid
from datetime import date

from flask import current_app, g, has_app_context
from sqlalchemy import func, insert, select

from ..contacts.duplicates import ContactMatchKey, match_keys
from ..contacts.models import (
    Affiliation,
    Contact,
    ContactAddress,
    ContactEmail,
    ContactLanguage,
    ContactPhone,
)
from ..contacts.names import name_variants
from ..core.audit import AuditEntry, acting_user_id
from ..core.bulk import CHUNK, bulk_insert, copies, copy_rows
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.search import SearchDoc, SearchGram, SortKey, bulk_rows
from ..core.tags import contact_tag, tags_named
from ..core.textnorm import normalize
from ..core.time import now_utc, office_today
from ..organizations.models import Organization
from ..organizations.services import create_organization
from ..partners.models import Agreement, Partner
from ..partners.services import create_agreement, create_partner
from ..partners.standing import refresh_standing, ties_by_partner
from .analysis import names_index


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _locale_of(name: str) -> str:
    return "en" if name.isascii() else "zh_Hant"


def _organization_index() -> dict[str, list[int]]:
    """The live organizations by folded name, built once per job (its app context) and kept up to date by
    _organization_ids as it creates organizations: rebuilt for every chunk of rows, it folded the names of
    every organization again (10,000 organizations, a 10,000-row file: a third of the commit)."""
    if not has_app_context():
        return names_index(Organization)
    index = g.get("import_organization_index")
    if index is None:
        index = g.import_organization_index = names_index(Organization)
    return index


def _organization_ids(names: list[str]) -> dict[str, int]:
    """Folded organization name -> id, creating the organizations that do not exist yet."""
    index = _organization_index()
    found = {}
    for name in names:
        folded = normalize(name)
        if folded in found:
            continue
        ids = index.get(folded)
        if not ids:
            ids = index[folded] = [create_organization(names=LocalizedText({_locale_of(name): name})).id]
        found[folded] = ids[0]
    return found


def _insert_contacts(fields: list[dict]) -> list[int]:
    """The contacts' rows written, and their new ids in the same order. On PostgreSQL (psycopg) the ids are taken from
    the table's sequence first (one statement) and the rows go by COPY with them; elsewhere they are INSERTed with
    RETURNING, matched by UID (RETURNING in parameter order costs a statement per row on SQLite)."""
    table = Contact.__table__
    connection = db.session.connection()
    if copies(connection):
        ids = list(
            db.session.scalars(
                select(func.nextval(func.pg_get_serial_sequence(table.name, "id"))).select_from(
                    func.generate_series(1, len(fields))
                )
            )
        )
        copy_rows(connection, table, [{"id": i, **f} for i, f in zip(ids, fields, strict=True)])
        return ids
    id_of: dict[str, int] = {}
    for start in range(0, len(fields), CHUNK):
        result = db.session.execute(
            insert(table).returning(table.c.id, table.c.uid), fields[start : start + CHUNK]
        )
        id_of.update((uid, contact_id) for contact_id, uid in result)
    return [id_of[f["uid"]] for f in fields]


def commit_contacts(rows: list[dict]) -> int:
    now, today, user_id = now_utc(), office_today(), acting_user_id()
    locales = current_app.config["LANGUAGES"]
    organizations = _organization_ids(
        [r["values"]["organization"] for r in rows if r["values"]["organization"]]
    )
    fields = []
    for r in rows:
        v = r["values"]
        fields.append(
            {
                "uid": str(uuid.uuid4()),
                "family_name": v["family_name"],
                "given_name": v["given_name"],
                "name_locale": v["name_locale"],
                "chinese_name": v["chinese_name"],
                "latin_name": v["latin_name"],
                "honorific": v["honorific"],
                "title": LocalizedText(v["title"]),
                "country": v["country"],
                "needs": v["needs"],
                "needs_notes": v["needs_notes"],
                "protocol_notes": v["protocol_notes"],
                "notes": v["notes"],
                "purpose": v["purpose"],
                "legal_basis": v["legal_basis"],
                "collected_on": _date(v["collected_on"]) or today,  # the office's day, not UTC's
                "collection_method": v["collection_method"],
                "source": v["source"],
                "consent": v["consent"],
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    ids = _insert_contacts(fields)

    emails, phones, addresses, languages, affiliations, tag_links = [], [], [], [], [], []
    docs, grams, keys, match_rows, audits = [], [], [], [], []
    tags = {t.name: t for t in tags_named(sorted({t for r in rows for t in r["values"]["tags"]}))}
    db.session.flush()
    for contact_id, r, f in zip(ids, rows, fields, strict=True):
        v = r["values"]
        emails += [
            {"contact_id": contact_id, "kind": "work", "address": a, "address_key": a.lower(), "position": i}
            for i, a in enumerate(v["emails"])
        ]
        phones += [
            {"contact_id": contact_id, "kind": "work", "number": p, "position": i}
            for i, p in enumerate(v["phones"])
        ]
        if v["address"]:
            addresses.append({"contact_id": contact_id, "kind": "work", "text": v["address"], "position": 0})
        languages += [{"contact_id": contact_id, "language": code} for code in v["languages"]]
        tag_links += [{"contact_id": contact_id, "tag_id": tags[t].id} for t in dict.fromkeys(v["tags"])]
        if v["organization"]:
            affiliations.append(
                {
                    "contact_id": contact_id,
                    "organization_id": organizations[normalize(v["organization"])],
                    "position": v["position"],
                    "is_current": True,
                }
            )
        transient = Contact(
            id=contact_id,
            family_name=f["family_name"],
            given_name=f["given_name"],
            name_locale=f["name_locale"],
            chinese_name=f["chinese_name"],
            latin_name=f["latin_name"],
        )
        texts = [
            *name_variants(f["family_name"], f["given_name"]),
            f["chinese_name"],
            f["latin_name"],
            *v["emails"],
        ]
        doc, gram_rows, key_rows = bulk_rows(
            "contact", contact_id, texts, {loc: transient.display_name(loc) for loc in locales}
        )
        docs.append(doc)
        grams += gram_rows
        keys += key_rows
        stored, _probes = match_keys(f["family_name"], f["given_name"], f["chinese_name"], f["latin_name"])
        match_rows += [{"contact_id": contact_id, "key": k} for k in sorted(stored)]
        audits.append(
            {
                "at_dt": now,
                "user_id": user_id,
                "action": "create",
                "kind": "contact",
                "entity_id": contact_id,
                "label": (f["chinese_name"] or transient.native_name or f["latin_name"] or "")[:300],
                "changes": {
                    "import_row": [None, r["row"]],
                    **{k: [None, val] for k, val in v.items() if val not in (None, "", [], {})},
                },
            }
        )
    for model, batch in (
        (ContactEmail, emails),
        (ContactPhone, phones),
        (ContactAddress, addresses),
        (ContactLanguage, languages),
        (contact_tag, tag_links),
        (Affiliation, affiliations),
        (SearchDoc, docs),
        (SearchGram, grams),
        (SortKey, keys),
        (ContactMatchKey, match_rows),
        (AuditEntry, audits),
    ):
        if batch:
            bulk_insert(model, batch)
    return len(ids)


def commit_organizations(rows: list[dict]) -> int:
    by_name = {name: ids[0] for name, ids in names_index(Organization).items()}
    partners = {name: ids[0] for name, ids in names_index(Partner).items()}
    for r in rows:
        v = r["values"]
        parent = by_name.get(normalize(v["parent"])) if v["parent"] else None
        partner = partners.get(normalize(v["partner"])) if v["partner"] else None
        org = create_organization(
            tag_names=v["tags"],
            names=LocalizedText(v["names"]),
            kind=v["kind"],
            country=v["country"],
            parent_id=parent,
            partner_id=partner,
            website=v["website"],
            email=v["email"],
            phone=v["phone"],
            address=v["address"],
            notes=v["notes"],
        )
        for name in v["names"].values():
            by_name.setdefault(normalize(name), org.id)
    db.session.flush()
    return len(rows)


def _tie(values: dict) -> tuple[dict | None, dict | None]:
    """The row's tie as Agreement fields, and the tie that superseded it (type and signing) to link later."""
    tie = values.get("tie")
    if not tie:
        return None, None
    tie = {**tie, "signed_on": _date(tie["signed_on"])}
    return tie, tie.pop("superseded_by", None)


def _link_superseded(pending: list[tuple[Agreement, dict]]) -> None:
    """Each imported tie that names the tie which replaced it (by type and signing date) gets that link, to a
    tie of the same partner, imported in this file or kept already (one query)."""
    if not pending:
        return
    db.session.flush()
    ties_of = ties_by_partner({agreement.partner_id for agreement, _ref in pending})
    for agreement, ref in pending:
        signed = _date(ref["signed_on"])
        for other in ties_of.get(agreement.partner_id, []):
            if (
                other.id != agreement.id
                and other.agreement_type == ref["agreement_type"]
                and (
                    signed is None
                    or (other.signed_on, other.signed_precision) == (signed, ref["signed_precision"])
                )
            ):
                agreement.superseded_by_id = other.id
                break
    db.session.flush()


def commit_partners(rows: list[dict]) -> int:
    """Each partner with its ties (kind, party, signing date at its precision, state, source); a row marked as
    a further tie of an earlier row's partner adds that tie to it. The standing, signing order and
    anniversaries then follow from the ties, as for partners kept by hand."""
    created: dict[int, Partner] = {}
    found_later: dict[str, list[int]] | None = None
    pending: list[tuple[Agreement, dict]] = []  # ties naming the tie that superseded them
    for r in rows:
        v = r["values"]
        tie, superseded_by = _tie(v)
        head = r.get("tie_of_row")
        if head and tie:
            partner = created.get(head)
            if partner is None:  # written in an earlier chunk (a job): the partner by its names
                found_later = found_later if found_later is not None else names_index(Partner)
                ids = found_later.get(normalize(next(iter(v["names"].values()))), [])
                partner = db.session.get(Partner, ids[-1]) if ids else None
            if partner is not None:
                agreement = create_agreement(partner, restand=False, **tie)
                if superseded_by:
                    pending.append((agreement, superseded_by))
                continue
        created[r["row"]] = create_partner(
            ties=[tie] if tie else [],
            restand=False,
            names=LocalizedText(v["names"]),
            kind=v["kind"],
            country=v["country"],
            region=v["region"],
            timezone=v["timezone"],
            focus_areas=v["focus_areas"],
            notes=v["notes"],
            latitude=v["latitude"],
            longitude=v["longitude"],
        )
        if tie and superseded_by:
            pending.append((created[r["row"]].agreements[-1], superseded_by))
    _link_superseded(pending)
    refresh_standing()
    return len(rows)
