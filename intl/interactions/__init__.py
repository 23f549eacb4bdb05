"""Interactions: notes, calls, meetings, e-mails and gifts on the timeline of a contact, organization or partner."""
