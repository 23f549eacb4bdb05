"""The protocol desk's pages (HTTP only; the URL table is in ../blueprint.py)."""
