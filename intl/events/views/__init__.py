"""The event pages, by audience: the office's event pages (events), guest lists and check-in (registrations),
invitation lists (invitations), and the guests' own pages without sign-in (public). URLs in ../blueprint.py."""
