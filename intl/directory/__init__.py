"""Signing in with the city's directory: LDAP / Active Directory and OpenID Connect through flask-multipass,
next to the local accounts; the directory's groups give the roles, and a directory that no longer vouches for
a user (disabled, or out of every mapped group) takes their access away at their next request."""
