"""The protocol desk's paper: the order of precedence (PDF and XLSX), the seating chart for the door, the
caterer's list and the place cards. Bilingual (Chinese and English), as the office's documents are."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_login import current_user

from ...contacts.models import NEEDS
from ...contacts.personal import may_see_personal
from ...core.access import PERSONAL_DATA, READERS, allow
from ...core.bilingual import CHINESE, joined, printed_at
from ...core.export import xlsx_response
from ...core.pdf import pdf_response
from ..cards import card_for
from ..models import SIDES
from ..queries import layout_of, precedence
from ..seating import BEHIND, honour_order
from .common import load_occasion


def _both(mapping, key) -> str:
    if key not in mapping:
        return ""
    with force_locale(CHINESE):
        chinese = str(mapping[key])
    with force_locale("en"):
        return joined(chinese, str(mapping[key]))


def _rank_label(entry) -> str:
    rank = entry.participant.rank
    return joined(rank.label.get_for(CHINESE), rank.label.get_for("en")) if rank else ""


def _title(source) -> tuple[str, str]:
    chinese, english = source.title.get_for(CHINESE), source.title.get_for("en")
    return chinese, ("" if english == chinese else english)


@allow(READERS)
def precedence_xlsx(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    entries = precedence(occasion)
    headers = ["順序 No.", "姓名 Name", "原文姓名 Name in own script", "主客 Side", "職級 Rank",
               "調整 Adjustment", "理由 Reason", "國家 Country", "就任日 Took office"]  # fmt: skip
    rows = [
        [
            e.number,
            e.person.name_for(occasion.host_locale),
            e.person.native_name,
            _both(SIDES, e.participant.side),
            _rank_label(e),
            e.participant.adjustment or None,
            e.participant.adjustment_reason or "",
            joined(e.person.country_name(CHINESE), e.person.country_name("en")),
            e.participant.took_office_on,
        ]
        for e in entries
    ]
    return xlsx_response(f"precedence-{occasion.id}.xlsx", "Precedence", headers, rows)


@allow(READERS)
def precedence_pdf(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    entries = precedence(occasion)
    html = render_template(
        "protocol/print/precedence.html", occasion=occasion, title=_title(source), entries=entries,
        sides={k: _both(SIDES, k) for k in SIDES}, rank_label=_rank_label, printed=printed_at("en"),
        host_locale=occasion.host_locale, chinese=CHINESE,
    )  # fmt: skip
    return pdf_response(html, f"precedence-{occasion.id}.pdf")


def _seating_rows(occasion, entries):
    """Table by table, seat by seat in order of honour, with the interpreters behind their principals."""
    order = honour_order(layout_of(occasion))
    tables: dict[int, list] = {}
    for e in entries:
        p = e.participant
        if p.table_no is not None and p.seat_no is not None:
            tables.setdefault(p.table_no, []).append(e)
    rank_of_seat = {seat: i for i, seat in enumerate(order)}
    return [
        (
            table,
            sorted(
                people,
                key=lambda e: (e.participant.seat_no == BEHIND, rank_of_seat.get(e.participant.seat_no, 99)),
            ),
        )
        for table, people in sorted(tables.items())
    ]


@allow(READERS)
def seating_chart(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    entries = precedence(occasion)
    html = render_template(
        "protocol/print/chart.html", occasion=occasion, title=_title(source), tables=_seating_rows(occasion, entries),
        unseated=[e for e in entries if e.participant.table_no is None], printed=printed_at("en"),
        sides={k: _both(SIDES, k) for k in SIDES}, chinese=CHINESE,
    )  # fmt: skip
    return pdf_response(html, f"seating-{occasion.id}.pdf")


@allow(PERSONAL_DATA)
def caterer(occasion_id: int):
    """Table by table, who needs what (halal, vegetarian, allergies, a wheelchair): personal data, shown
    through the one door and logged as printed."""
    occasion, source = load_occasion(occasion_id)
    entries = precedence(occasion, with_needs=may_see_personal(current_user), action="print")
    needs = {k: _both(NEEDS, k) for k in NEEDS}
    tables = _seating_rows(occasion, entries)
    counts: dict[str, int] = {}
    for e in entries:
        for need in e.person.needs:
            counts[need] = counts.get(need, 0) + 1
    html = render_template(
        "protocol/print/caterer.html", occasion=occasion, title=_title(source), tables=tables, needs=needs,
        counts=counts, guests=len(entries), printed=printed_at("en"), chinese=CHINESE,
        unseated=[e for e in entries if e.participant.table_no is None],
    )  # fmt: skip
    return pdf_response(html, f"caterer-{occasion.id}.pdf")


@allow(READERS)
def place_cards(occasion_id: int):
    occasion, _source = load_occasion(occasion_id)
    entries = precedence(occasion)
    seated = sorted(
        entries, key=lambda e: (e.participant.table_no or 10**6, e.participant.seat_no or 0, e.number)
    )
    # Everyone at a table has a card; an interpreter on a chair behind their principal does not.
    cards = [(e, card_for(e.person)) for e in seated if e.participant.seat_no != BEHIND]
    html = render_template("protocol/print/place_cards.html", cards=cards, occasion=occasion)
    return pdf_response(html, f"place-cards-{occasion.id}.pdf")
