"""The schedule's view functions, one module per page family; the URL table is in ../blueprint.py."""
