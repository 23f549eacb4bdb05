"""Engagements and the leaders' schedule, clash detection and calendar feeds."""
