"""Rebuilding derived search data (n-grams, sort keys, duplicate keys) for every record kind with names.

Run `flask --app wsgi reindex` after adding a UI language or after an upgrade that changes how names are
indexed or ordered (as the move to ICU's collation did: until then, lists keep their old order).
"""

from __future__ import annotations

from sqlalchemy import delete, select

from .contacts.duplicates import ContactMatchKey
from .contacts.models import Contact
from .contacts.services import reindex_contact
from .core.db import db
from .core.search import SearchDoc, SearchGram, SortKey
from .correspondence.models import Letter
from .correspondence.services import reindex as reindex_letter
from .delegations.models import Delegation
from .delegations.services import reindex as reindex_delegation
from .events.services import programme_kinds
from .internships.models import InternshipApplication
from .internships.services import reindex_application
from .organizations.models import Organization
from .organizations.services import reindex_organization
from .partners.models import Partner
from .partners.services import reindex_partner


def reindex_all() -> int:
    # Start from nothing: whatever state the derived tables are in, they are rebuilt from the records.
    for table in (SearchGram, SearchDoc, SortKey, ContactMatchKey):
        db.session.execute(delete(table))
    count = 0
    for model, reindex in (
        (Partner, reindex_partner),
        (Organization, reindex_organization),
        (Contact, reindex_contact),
        (Delegation, reindex_delegation),
        *programme_kinds(),
        (InternshipApplication, reindex_application),
        (Letter, reindex_letter),
    ):
        for record in db.session.scalars(select(model).execution_options(yield_per=500)):
            reindex(record)
            count += 1
        db.session.commit()
    return count
