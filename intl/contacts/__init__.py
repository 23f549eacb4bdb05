"""Contacts: the people the office deals with, their names in several scripts, and their personal data."""
