"""All protocol URLs.

| URL | roles | what |
| --- | --- | --- |
| /protocol/ranks[/new, /<id>] | readers; staff edit | the office's ranking table |
| /protocol/for/<kind>/<id>[/start] | readers; staff start | an event's, engagement's or delegation's desk |
| /protocol/occasions/<id> | readers | the order of precedence and the occasion's settings |
| .../precedence.pdf, .xlsx | readers | the order of precedence on paper and in a spreadsheet |
| .../participants/... | staff | rank, side, adjustment, interpreters |
| .../seating[/propose, /move], seating.pdf, place-cards.pdf | readers; staff move | the seating plan and its paper |
| .../caterer.pdf | staff (personal data) | dietary and access needs table by table |
| .../flags[/<partner>] | readers; staff record a partner's choice | the row of flags |
| .../participants/<id>/gift | staff | a gift checked against cultural cautions, with the gifts given before |
| /protocol/delegations/<id>/reception | readers; staff decide | the level of reception of an inbound visit |
"""

from flask import Blueprint

from ..contacts.models import Contact
from ..core import hooks
from ..delegations.models import MEMBER_ROLES, Delegation
from ..events.models import Event
from ..schedule.models import Engagement, Leader
from . import access  # noqa: F401  (registers the policies)
from .models import (
    FLAG_CHOICES,
    FLAG_RULES,
    LONG_STYLES,
    RECEPTION_LEVELS,
    ROLES,
    SIDES,
    TABLE_SHAPES,
    TIE_BREAKS,
)
from .services import forget_occasion_of, forget_person
from .views import flags, occasions, printed, ranks, reception, seating

bp = Blueprint("protocol", __name__)

OCCASION = "/protocol/occasions/<int:occasion_id>"
SOURCE = "/protocol/for/<any(event,engagement,delegation):kind>/<int:source_id>"
PARTICIPANT = f"{OCCASION}/participants/<int:participant_id>"

# (path, endpoint, view, methods)
URLS = [
    ("/protocol/ranks", "ranks", ranks.index, ["GET"]),
    ("/protocol/ranks/new", "new_rank", ranks.edit, ["GET", "POST"]),
    ("/protocol/ranks/<int:rank_id>", "edit_rank", ranks.edit, ["GET", "POST"]),
    (SOURCE, "for_source", occasions.for_source, ["GET"]),
    (f"{SOURCE}/start", "start", occasions.start, ["POST"]),
    (OCCASION, "occasion", occasions.occasion, ["GET"]),
    (f"{OCCASION}/settings", "settings", occasions.settings, ["POST"]),
    (f"{OCCASION}/refresh", "refresh", occasions.refresh, ["POST"]),
    (f"{OCCASION}/participants", "add_participant", occasions.add_participant, ["POST"]),
    (PARTICIPANT, "participant", occasions.participant, ["GET", "POST"]),
    (f"{PARTICIPANT}/remove", "remove_participant", occasions.remove_participant, ["POST"]),
    (f"{OCCASION}/precedence.xlsx", "precedence_xlsx", printed.precedence_xlsx, ["GET"]),
    (f"{OCCASION}/precedence.pdf", "precedence_pdf", printed.precedence_pdf, ["GET"]),
    (f"{OCCASION}/seating", "seating", seating.seating, ["GET"]),
    (f"{OCCASION}/seating/propose", "propose", seating.propose, ["POST"]),
    (f"{OCCASION}/seating/move", "move", seating.move, ["POST"]),
    (f"{OCCASION}/seating.pdf", "seating_chart", printed.seating_chart, ["GET"]),
    (f"{OCCASION}/caterer.pdf", "caterer", printed.caterer, ["GET"]),
    (f"{OCCASION}/place-cards.pdf", "place_cards", printed.place_cards, ["GET"]),
    (f"{OCCASION}/flags", "flags", flags.flags, ["GET"]),
    (f"{OCCASION}/flags/<int:partner_id>", "flag_choice", flags.flag_choice, ["POST"]),
    (f"{PARTICIPANT}/gift", "gift", flags.gift, ["GET"]),
    ("/protocol/delegations/<int:delegation_id>/reception", "reception", reception.reception, ["GET"]),
    ("/protocol/delegations/<int:delegation_id>/reception", "decide_reception", reception.decide, ["POST"]),
]  # fmt: skip

for path, endpoint, view, methods in URLS:
    bp.add_url_rule(path, endpoint, view, methods=methods)


@bp.context_processor
def labels():
    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "SIDES": translated(SIDES),
        "PROTOCOL_ROLES": translated(ROLES),
        "TIE_BREAKS": translated(TIE_BREAKS),
        "TABLE_SHAPES": translated(TABLE_SHAPES),
        "LONG_STYLES": translated(LONG_STYLES),
        "RECEPTION_LEVELS": translated(RECEPTION_LEVELS),
        "FLAG_CHOICES": translated(FLAG_CHOICES),
        "FLAG_RULES": translated(FLAG_RULES),
        "MEMBER_ROLES": translated(MEMBER_ROLES),
    }


@bp.record_once
def _register(state) -> None:
    # A person or an occasion purged elsewhere takes its protocol records with it (they hold plain ids).
    for model in (Contact, Leader):
        hooks.before_purge.register(forget_person, model)
    for model in (Event, Engagement, Delegation):
        hooks.before_purge.register(forget_occasion_of, model)
