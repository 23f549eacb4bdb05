"""The contact pages, in four modules: `contacts` (list, detail, create, edit, archive, photo), `affiliations`,
`privacy` (personal-data requests, anonymization, merging) and `exports`. Their URLs are in ../blueprint.py."""
