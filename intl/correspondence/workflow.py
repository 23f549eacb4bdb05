"""The letters' workflow: the statuses of each direction and the moves allowed between them.

Incoming: registered → assigned → answered → filed (a letter needing no reply may be filed straight away; a
filed letter may be reopened). Outgoing: draft → in translation → in review → approved → sent, with the way
back to the draft from every step before sending. Every move is a `LetterStep` (who, when, from, to, note).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DIRECTIONS = {"incoming": _l("Incoming"), "outgoing": _l("Outgoing")}

INCOMING_STATUSES = {
    "registered": _l("Registered"),
    "assigned": _l("Assigned"),
    "answered": _l("Answered"),
    "filed": _l("Filed"),
}
OUTGOING_STATUSES = {
    "draft": _l("Draft"),
    "in_translation": _l("In translation"),
    "in_review": _l("In review"),
    "approved": _l("Approved"),
    "sent": _l("Sent"),
}
STATUSES = {**INCOMING_STATUSES, **OUTGOING_STATUSES}
FIRST_STATUS = {"incoming": "registered", "outgoing": "draft"}

# A letter in one of these is done with: no longer overdue, whatever its due date.
CLOSED_STATUSES = frozenset({"answered", "filed", "sent"})
OPEN_STATUSES = tuple(s for s in STATUSES if s not in CLOSED_STATUSES)

MOVES = {
    "incoming": {
        "registered": ("assigned", "answered", "filed"),
        "assigned": ("answered", "filed"),
        "answered": ("filed",),
        "filed": ("assigned",),
    },
    "outgoing": {
        "draft": ("in_translation", "in_review"),
        "in_translation": ("in_review", "draft"),
        "in_review": ("approved", "draft"),
        "approved": ("sent", "draft"),
        "sent": (),
    },
}

# What the button for a move says (the same target reads differently depending on where it starts).
MOVE_LABELS = {
    ("registered", "assigned"): _l("Assign"),
    ("filed", "assigned"): _l("Reopen"),
    ("registered", "answered"): _l("Mark answered"),
    ("assigned", "answered"): _l("Mark answered"),
    ("registered", "filed"): _l("File without reply"),
    ("assigned", "filed"): _l("File without reply"),
    ("answered", "filed"): _l("File"),
    ("draft", "in_translation"): _l("Send to translation"),
    ("draft", "in_review"): _l("Submit for review"),
    ("in_translation", "in_review"): _l("Submit for review"),
    ("in_translation", "draft"): _l("Back to draft"),
    ("in_review", "approved"): _l("Approve"),
    ("in_review", "draft"): _l("Return for changes"),
    ("approved", "sent"): _l("Mark sent"),
    ("approved", "draft"): _l("Back to draft"),
}


class MoveRefused(ValueError):
    """The move is not allowed now; the message says why, in the user's language."""


def allowed_moves(direction: str, status: str) -> tuple[str, ...]:
    return MOVES.get(direction, {}).get(status, ())


def is_allowed(direction: str, status: str, target: str) -> bool:
    return target in allowed_moves(direction, status)


def move_label(source: str, target: str) -> str:
    return str(MOVE_LABELS.get((source, target), STATUSES.get(target, target)))
