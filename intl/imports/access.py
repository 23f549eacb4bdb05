"""Who may do what with an import: imports are the office's work, not one officer's, so any of the staff
may preview, finish or cancel a colleague's; a kind may ask for fewer roles to write (the plan: admins)."""

from __future__ import annotations

from ..core.access import STAFF, Policy, in_roles, policy_for
from .kinds import ImportKind, import_kind
from .models import ImportBatch


def may_import(user, kind: ImportKind) -> bool:
    return in_roles(user, STAFF) and in_roles(user, kind.roles)


@policy_for(ImportBatch)
class ImportBatchPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def commit(self, user, record) -> bool:
        """Write the batch's rows: staff, and the roles its kind asks for."""
        kind = import_kind(record.kind) if record is not None else None
        return self.edit(user, record) and (kind is None or may_import(user, kind))
