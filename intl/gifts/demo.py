"""Demo gifts: a small gift store, gifts given to demo partners and contacts, and one received gift whose
report is overdue (so that the demo officer's home page shows the flag). Illustrative, not a real record."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from ..auth.services import find_user
from ..contacts.models import Contact
from ..core.db import db
from ..core.localized import LocalizedText
from ..core.time import office_today
from ..partners.models import Partner
from ..schedule.models import Leader
from .models import StockItem
from .services import create_gift, create_stock_item

DEMO_STOCK = [
    (
        {"zh_Hant": "高雄港貨櫃輪模型", "en": "Port of Kaohsiung container ship model"},
        "木製底座，附中英文說明卡 / Wooden stand, card in Chinese and English",
        2800,
        6,
        None,
    ),
    (
        {"zh_Hant": "美濃油紙傘", "en": "Meinong oil-paper umbrella"},
        "手繪客家油紙傘 / Hand-painted Hakka umbrella",
        1500,
        10,
        "不宜贈華人賓客（「傘」音近「散」）/ Not for Chinese guests (umbrella sounds like 'parting')",
    ),
    (
        {"zh_Hant": "高雄烏龍茶禮盒", "en": "Kaohsiung oolong tea gift box"},
        "六兩裝兩罐 / Two tins of 225 g",
        800,
        20,
        None,
    ),
    (
        {"zh_Hant": "高雄市徽紀念瓷盤", "en": "Kaohsiung city emblem porcelain plate"},
        None,
        1200,
        0,
        "待補貨 / To be reordered",
    ),
]


def load_gifts_demo() -> None:
    """Add the demo gift store and gifts, once (nothing happens when the store already has items)."""
    if db.session.scalar(select(func.count()).select_from(StockItem)):
        return
    items = [
        create_stock_item(
            name=LocalizedText(name),
            description=description,
            unit_value=value,
            quantity=quantity,
            notes=notes,
        )
        for name, description, value, quantity, notes in DEMO_STOCK
    ]
    ship_model, _umbrella, tea, _plate = items
    today = office_today()
    officer = find_user("officer")
    mayor = db.session.scalars(select(Leader).order_by(Leader.position)).first()
    partners = {p.names.get("en"): p for p in db.session.scalars(select(Partner))}
    contacts = {c.chinese_name or c.latin_name: c for c in db.session.scalars(select(Contact))}
    hachioji, seattle = partners.get("Hachioji"), partners.get("Seattle")
    misaki, emily = contacts.get("石森美咲"), contacts.get("凱艾蜜")
    if hachioji is None or seattle is None or misaki is None or emily is None or officer is None:
        return  # the rest needs the demo office's partners, contacts and officer
    create_gift(
        "given",
        exchanged_on=today - timedelta(days=400),
        occasion_kind="visit",
        occasion_note="八王子市長來訪 / Courtesy call by the Mayor of Hachioji",
        leader_id=mayor.id if mayor else None,
        user_id=officer.id,
        recorded_by_id=officer.id,
        contact_id=misaki.id,
        partner_id=hachioji.id,
        description="高雄港貨櫃輪模型 / Port of Kaohsiung container ship model",
        quantity=1,
        stock_item_id=ship_model.id,
        estimated_value=None,
    )
    create_gift(
        "given",
        exchanged_on=today - timedelta(days=200),
        occasion_kind="other",
        occasion_note="燈會邀請 / Lantern Festival invitation",
        user_id=officer.id,
        recorded_by_id=officer.id,
        contact_id=emily.id,
        partner_id=seattle.id,
        description="高雄烏龍茶禮盒 / Kaohsiung oolong tea gift box",
        quantity=2,
        stock_item_id=tea.id,
        estimated_value=None,
    )
    create_gift(
        "received",
        exchanged_on=today - timedelta(days=30),
        occasion_kind="visit",
        occasion_note="八王子市國際交流課來訪 / Visit by Hachioji's international exchange division",
        user_id=officer.id,
        recorded_by_id=officer.id,
        contact_id=misaki.id,
        partner_id=hachioji.id,
        description="八王子市紀念徽章 / Hachioji souvenir pin",
        quantity=1,
        estimated_value=300,
        giver_has_interest=False,
        official_courtesy=True,
    )
    create_gift(
        "received",
        exchanged_on=today - timedelta(days=6),
        occasion_kind="visit",
        occasion_note="八王子市友好訪問團預備會議 / Preparatory meeting for the friendship delegation",
        user_id=officer.id,
        recorded_by_id=officer.id,
        contact_id=misaki.id,
        partner_id=hachioji.id,
        description="八王子織物絲巾 / Hachioji silk scarf",
        quantity=1,
        estimated_value=4500,
        giver_has_interest=False,
        official_courtesy=True,
    )
    db.session.flush()
