"""A group's members as CSV or XLSX, with headings in the user's language (names, titles and bureaus: no
personal details)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.export import csv_response, xlsx_response
from ..core.i18n import format_date
from ..core.time import office_today
from .models import GROUP_ROLES, GroupMember, WorkingGroup


def export_members(group: WorkingGroup, members: list[GroupMember], locale: str, fmt: str):
    headers = [
        _("Role"),
        _("Name"),
        _("Title"),
        _("Bureau or organization"),
        _("Term starts"),
        _("Term ends"),
        _("Notes"),
    ]
    rows = [
        [
            str(GROUP_ROLES.get(m.role, m.role)),
            m.contact.display_name(locale),
            m.contact.title.get_for(locale),
            m.organization.names.get_for(locale) if m.organization else "",
            format_date(m.term_start),
            format_date(m.term_end),
            m.notes or "",
        ]
        for m in members
    ]
    filename = f"group-{group.id}-{office_today().isoformat()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    return xlsx_response(filename, group.names.get_for(locale)[:31] or _("Group"), headers, rows)
