"""The partner pages' labels (relationships, focus areas, agreement kinds and states) in the reader's language,
translated once per request: the templates read them through the blueprint's context processor and the list's
rows (queries.partner_rows) from here, without translating them a second time."""

from __future__ import annotations

from flask import g, has_request_context

from ..core.i18n import current_locale_code
from .models import AGREEMENT_STATES, AGREEMENT_TYPES, FOCUS_AREAS, OUR_PARTIES, PARTNER_KINDS, RELATIONSHIPS


def partner_labels() -> dict[str, dict[str, str]]:
    # keyed by the locale too: a mail written in another language (force_locale) gets its own
    locale = current_locale_code()
    cached = g.get("partner_labels") if has_request_context() else None
    if cached is not None and cached[0] == locale:
        return cached[1]
    labels = {
        name: {key: str(label) for key, label in source.items()}
        for name, source in (
            ("RELATIONSHIPS", RELATIONSHIPS),
            ("FOCUS_AREAS", FOCUS_AREAS),
            ("PARTNER_KINDS", PARTNER_KINDS),
            ("AGREEMENT_TYPES", AGREEMENT_TYPES),
            ("OUR_PARTIES", OUR_PARTIES),
            ("AGREEMENT_STATES", AGREEMENT_STATES),
        )
    }
    if has_request_context():
        g.partner_labels = (locale, labels)
    return labels
