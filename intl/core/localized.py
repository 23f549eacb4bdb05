"""Multilingual record data: a name or a topic held in several languages, shown with one fallback chain.

A record's names are data (横浜市 / Yokohama / 橫濱市), not UI translations. They are kept as an ordered
mapping from a locale code to text; the first entry is the record's own (native) form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from sqlalchemy import JSON, event
from sqlalchemy.types import TypeDecorator


@lru_cache(maxsize=64)
def fallback_chain(viewer_locale: str) -> tuple[str, ...]:
    """Locale codes to try, most wanted first: the viewer's locale, its parents, then English."""
    chain = [viewer_locale]
    try:
        parsed = Locale.parse(viewer_locale)
    except (ValueError, UnknownLocaleError):
        parsed = None
    if parsed is not None:
        if parsed.script:
            chain.append(f"{parsed.language}_{parsed.script}")
        elif parsed.language == "zh" and parsed.territory in {"TW", "HK", "MO"}:
            chain.append("zh_Hant")
        chain.append(parsed.language)
    if "en" not in chain:
        chain.append("en")
    return tuple(dict.fromkeys(chain))


class LocalizedText(dict):
    """An ordered {locale: text} mapping with the display rules used everywhere."""

    def __init__(self, values: Mapping[str, str] | Iterable[tuple[str, str]] | None = None):
        super().__init__()
        items = values.items() if isinstance(values, Mapping) else (values or [])
        for locale, text in items:
            text = (text or "").strip()
            if locale and text:
                self[locale] = text

    def get_for(self, viewer_locale: str) -> str:
        """The text to show a viewer: their language, its parents, English, then the native form."""
        code = self.locale_for(viewer_locale)
        return self[code] if code is not None else ""

    def locale_for(self, viewer_locale: str) -> str | None:
        """The locale of the form `get_for` shows this viewer (None when there is no text)."""
        for code in fallback_chain(viewer_locale):
            if code in self:
                return code
        # A viewer reading zh_Hant_TW can read a name given only in zh_Hans or zh better than none.
        language = viewer_locale.split("_")[0]
        for code in self:
            if code.split("_")[0] == language:
                return code
        return self.native_locale

    def fallback_locale(self, viewer_locale: str) -> str | None:
        """The locale of the form shown to this viewer when it is not in the viewer's own language (English to
        a Thai reader, zh_Hans to a zh_Hant_TW one), else None: such text is marked with its language."""
        code = self.locale_for(viewer_locale)
        own = fallback_chain(viewer_locale)
        if code is None or code in (own if viewer_locale.split("_")[0] == "en" else own[:-1]):
            return None
        return code

    @property
    def native(self) -> str | None:
        return next(iter(self.values()), None)

    @property
    def native_locale(self) -> str | None:
        return next(iter(self.keys()), None)

    def others_than(self, shown: str) -> list[str]:
        """The other forms, for showing beside the displayed one (Yokohama · 横浜市)."""
        return [text for text in dict.fromkeys(self.values()) if text != shown]

    def as_dict(self) -> dict[str, str]:
        return dict(self)


class LocalizedTextType(TypeDecorator):
    """JSON column holding a LocalizedText. Plain JSON (not JSONB) so that key order survives PostgreSQL."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return [[locale, text] for locale, text in LocalizedText(value).items()]

    def process_result_value(self, value, dialect):
        if value is None:
            return LocalizedText()
        if isinstance(value, dict):
            return LocalizedText(value)
        return LocalizedText((locale, text) for locale, text in value)

    def coerce_compared_value(self, op, value):
        return self.impl_instance.coerce_compared_value(op, value)


def coerce_on_set(mapper, class_) -> None:
    """Make every LocalizedText column accept a plain dict: `record.title = {"en": "..."}` stores a
    LocalizedText, so code can always call `.get_for()` on it, saved or not."""
    for column in mapper.columns:
        if isinstance(column.type, LocalizedTextType):
            attribute = getattr(class_, mapper.get_property_by_column(column).key)
            event.listen(attribute, "set", _coerce, retval=True)


def _coerce(target, value, oldvalue, initiator):
    return value if isinstance(value, LocalizedText) or value is None else LocalizedText(value)
