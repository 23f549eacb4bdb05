"""Demo correspondence: the standard templates and a few letters in Chinese, English and Japanese, one of
them translated, one overdue, one confidential, one reply sent. `load_correspondence_demo()` is called by
the demo loader after the partners, contacts and delegations exist."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from flask import g
from sqlalchemy import func, select

from ..auth.services import find_user
from ..contacts.models import Contact
from ..core import audit
from ..core.db import db
from ..core.models import RECORD_KINDS
from ..core.time import office_today
from ..organizations.models import Organization
from ..partners.models import Partner
from . import services, steps, translations
from .filling import Sources, fill, values
from .models import Letter, LetterTemplate
from .template_texts import STANDARD_TEMPLATES


def seed_templates() -> int:
    """Add the standard templates that are not there yet (by kind, language and name); returns how many."""
    existing = set(
        db.session.execute(select(LetterTemplate.kind, LetterTemplate.language, LetterTemplate.name))
    )
    added = 0
    for kind, language, name, subject, body in STANDARD_TEMPLATES:
        if (kind, language, name) in existing:
            continue
        template = LetterTemplate(kind=kind, language=language, name=name, subject=subject, body=body)
        db.session.add(template)
        db.session.flush()
        audit.record_create(template)
        added += 1
    return added


@contextmanager
def acting_as(user):
    previous = g.get("audit_user_id")
    g.audit_user_id = user.id if user else None
    try:
        yield
    finally:
        g.audit_user_id = previous


def _find(model, **where):
    return db.session.scalars(select(model).filter_by(**where).limit(1)).first()


def load_correspondence_demo() -> None:
    seed_templates()
    if db.session.scalar(select(func.count()).select_from(Letter)):
        return
    officer, officer2 = find_user("officer"), find_user("officer2")
    intern, intern2, admin = find_user("intern"), find_user("intern2"), find_user("admin")
    partners = {p.names.get("en"): p for p in db.session.scalars(select(Partner))}
    ishimori = _find(Contact, latin_name="Misaki Ishimori")
    gibson = _find(Contact, latin_name="Neil Gibson")
    sato = _find(Contact, latin_name="Kenichi Sato")
    wenzao = next(
        (o for o in db.session.scalars(select(Organization)) if o.names.get("en", "").startswith("Wenzao")),
        None,
    )
    delegation = RECORD_KINDS.get("delegation")  # delegations sit above letters: found by their kind name
    visit = next(
        (
            d
            for d in (db.session.scalars(select(delegation)) if delegation is not None else ())
            if d.title.get("en", "").startswith("Hachioji")
        ),
        None,
    )
    hachioji = partners.get("Hachioji")
    today = office_today()

    def who(*pairs):
        return [(role, kind, record.id) for role, kind, record in pairs if record is not None]

    with acting_as(officer):
        # 1. A Japanese letter from Hachioji, translated by an intern and reviewed; its reply is overdue.
        asked = services.create_letter(
            "incoming",
            parties=who(("sender", "contact", ishimori), ("sender", "partner", hachioji)),
            links=[("delegation", visit.id)] if visit else [],
            subject="高雄ランタンフェスティバル視察団派遣のご相談",
            their_reference="八国交第1127号",
            letter_on=today - timedelta(days=20),
            received_on=today - timedelta(days=18),
            channel="email",
            language="ja",
            body=(
                "拝啓　時下ますますご清栄のこととお慶び申し上げます。\n\n"
                "さて、八王子市では来年二月の高雄ランタンフェスティバルに合わせ、市民交流団の派遣を検討しております。\n\n"
                "つきましては、受入れの可否及び日程につきまして、ご意見を賜りたくお願い申し上げます。\n\n敬具"
            ),
            due_on=today - timedelta(days=4),
        )
        steps.assign(asked, officer.id, "請於期限前回覆")
        translation = translations.add_translation(asked, "zh_Hant", intern.id if intern else None)
        translations.save_translation(
            translation,
            "有關派遣高雄燈會考察團之洽詢",
            [
                "敬啟者：時下敬祝貴府業務昌隆。",
                "八王子市擬配合明年二月高雄燈會期間，派遣市民交流團訪問高雄。",
                "敬請惠示是否可予接待及適當日程，不勝感荷。",
                "敬上",
            ],
        )
        translations.review_translation(translation)

        # 2. An invitation drafted from the English template, in review, with a Chinese translation drafting.
        template = _find(LetterTemplate, kind="invitation", language="en")
        known = values(
            Sources(
                on=today,
                contact=gibson,
                partner=partners.get("Seattle"),
                event=None,
                sender_name="Chen Chi-mai",
                sender_title="Mayor",
            ),
            "en",
        )
        known["event_title"] = "the Kaohsiung Lantern Festival"
        invitation = services.create_letter(
            "outgoing",
            parties=who(("recipient", "contact", gibson)),
            subject=fill(template.subject, known),
            body=fill(template.body, known),
            language="en",
            letter_on=today,
            due_on=today + timedelta(days=10),
            channel="email",
            assigned_to_id=officer.id,
            template_id=template.id,
            signatory="Chen Chi-mai",
            signatory_title="Mayor of Kaohsiung",
        )
        translations.add_translation(invitation, "zh_Hant", intern2.id if intern2 else None)
        steps.move(invitation, "in_translation")

    with acting_as(officer2):
        # 3. A confidential letter: only officer2 (in charge) and the administrators see it.
        secret = services.create_letter(
            "incoming",
            parties=who(("sender", "contact", gibson)),
            subject="Arrangements for the Director's visit (confidential)",
            letter_on=today - timedelta(days=2),
            received_on=today - timedelta(days=1),
            channel="hand",
            language="en",
            body="Dear Colleagues,\n\nPlease find the proposed security arrangements attached.\n\nSincerely,",
            confidential=True,
            due_on=today + timedelta(days=5),
        )
        steps.assign(secret, (officer2 or officer).id)

        # 4. A Chinese letter from a university, answered by a reply that went out.
        proposal = services.create_letter(
            "incoming",
            parties=who(("sender", "organization", wenzao), ("cc", "contact", sato)),
            subject="外交講座合辦事宜",
            letter_on=today - timedelta(days=40),
            received_on=today - timedelta(days=38),
            channel="post",
            language="zh_Hant",
            body="敬啟者：\n\n本校擬與貴府合辦本學期外交講座，邀請駐臺使節擔任講者。\n\n敬請惠予協助，謹致謝忱。",
            due_on=today - timedelta(days=24),
        )
        steps.assign(proposal, officer2.id if officer2 else officer.id)
        reply = services.create_letter(
            "outgoing",
            parties=who(("recipient", "organization", wenzao)),
            subject="復：外交講座合辦事宜",
            letter_on=today - timedelta(days=30),
            channel="post",
            language="zh_Hant",
            body="敬啟者：\n\n貴校來函敬悉，本府樂意合辦外交講座，並將協助邀請講者。\n\n耑此　敬頌\n時祺",
            in_reply_to_id=proposal.id,
            assigned_to_id=officer2.id if officer2 else officer.id,
            signatory="陳其邁",
            signatory_title="高雄市長",
        )
        for target in ("in_review", "approved", "sent"):
            steps.move(reply, target)
    with acting_as(admin):
        steps.move(proposal, "filed", "已回覆並歸檔")
    db.session.flush()
