"""Loading a contact for a request and checking who may do what with it."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..core.db import db
from .models import Contact


def get_contact_or_404(contact_id: int, need: str = "view") -> Contact:
    contact = db.session.get(Contact, contact_id)
    if contact is None or (contact.archived_at is not None and not current_user.is_admin):
        abort(404)
    allowed = {
        "view": contact.can_view,
        "personal": contact.can_view_personal,
        "edit": contact.can_edit,
    }[need](current_user)
    if not allowed:
        abort(403)
    return contact
