"""Pieces shared by every feature: database, time, languages, audit, permissions, errors."""
