"""Choosing a record in a form when there are too many for a <select>: a text box that accepts
'Name [#123]' (what the suggestion list offers) or a name that matches exactly one record.

The suggestions come from /lookup/<kind>, which reads the same search index as the lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import Field
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from . import search
from .db import db
from .i18n import current_locale_code
from .textnorm import normalize

_ID_SUFFIX = re.compile(r"\[#(\d{1,10})\]\s*$")


@dataclass(frozen=True)
class PickerKind:
    model: type
    label: Callable[[object, str], str]  # (record, locale) -> the name shown
    names: Callable[[object], list[str]]  # record -> every name a person may type for it


_KINDS: dict[str, PickerKind] = {}


def register_picker(kind: str, model: type, label: Callable, names: Callable) -> None:
    """A feature offers its records to the pickers (and /lookup/<kind>) under a search-index kind name."""
    _KINDS[kind] = PickerKind(model, label, names)


def picker_kinds() -> dict[str, PickerKind]:
    return _KINDS


def label_with_id(kind: str, record) -> str:
    return f"{picker_kinds()[kind].label(record, current_locale_code())} [#{record.id}]"


def suggestions(kind: str, query: str, limit: int = 20) -> list[dict]:
    spec = picker_kinds()[kind]
    ids = search.matching_ids(kind, query)
    if ids is None:
        return []
    records = db.session.scalars(
        select(spec.model).where(spec.model.id.in_(ids), spec.model.archived_at.is_(None)).limit(limit)
    )
    locale = current_locale_code()
    return [{"id": r.id, "label": f"{spec.label(r, locale)} [#{r.id}]"} for r in records]


def resolve(kind: str, text: str):
    """The record a typed value means, or a ValidationError saying why none or several."""
    spec = picker_kinds()[kind]
    text = (text or "").strip()
    match = _ID_SUFFIX.search(text)
    if match:
        record = db.session.get(spec.model, int(match.group(1)))
        if record is None or record.archived_at is not None:
            raise ValidationError(_l("No such record: choose one from the suggestions."))
        return record
    ids = search.matching_ids(kind, text)
    candidates = (
        db.session.scalars(
            select(spec.model).where(spec.model.id.in_(ids), spec.model.archived_at.is_(None)).limit(50)
        ).all()
        if ids is not None
        else []
    )
    wanted = normalize(text)
    exact = [r for r in candidates if wanted in {normalize(n) for n in spec.names(r) if n}]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise ValidationError(_l("Nothing by that name: choose one from the suggestions."))
    raise ValidationError(_l("Several records have that name: choose one from the suggestions."))


class RecordPickerField(Field):
    """Holds a record id; shows and accepts 'Name [#id]'."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, kind: str = "organization", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.kind = kind
        self.render_kw = {**(self.render_kw or {}), "data-picker": kind, "autocomplete": "off"}

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data:
            record = db.session.get(picker_kinds()[self.kind].model, self.data)
            return label_with_id(self.kind, record) if record else ""
        return ""

    def process_formdata(self, valuelist):
        self.data = None
        self._text = (valuelist[0] if valuelist else "").strip()

    def pre_validate(self, form):
        text = getattr(self, "_text", "")
        if text:
            self.data = resolve(self.kind, text).id
