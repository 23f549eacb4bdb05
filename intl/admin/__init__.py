"""Administration: users and roles, the audit log, archived records."""
