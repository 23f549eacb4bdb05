"""Events, guests' registrations (public form, waitlist, check-in) and invitation lists."""
