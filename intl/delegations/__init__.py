"""Delegations and visits: inbound and outbound, their members, programmes and outcomes."""
