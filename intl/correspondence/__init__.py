"""Correspondence: incoming and outgoing letters, their translations, workflow, templates and printed forms."""
