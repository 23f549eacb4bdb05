"""The protocol desk: order of precedence, the level of reception, seating plans, place cards, flags and gift
cautions, for the events, engagements and delegations that use it (they link here; nothing of theirs imports
this package, which sits above them)."""
