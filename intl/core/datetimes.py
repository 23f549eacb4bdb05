"""Reading a local date and time typed for a place, and showing an instant in a place's zone."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError


class TimeField(StringField):
    """HH:MM, 24-hour; empty means none."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "14:30", "inputmode": "numeric", "type": "time"})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H:%M") if isinstance(self.data, time) else (self.data or "")

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        parts = text.split(":")
        if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
            raise ValueError(str(_l("Enter a time such as 14:30.")))
        hours, minutes = int(parts[0]), int(parts[1])
        if not (0 <= hours < 24 and 0 <= minutes < 60):
            raise ValueError(str(_l("Enter a time such as 14:30.")))
        self.data = time(hours, minutes)


def combine(day: date, moment: time | None, zone: str) -> datetime:
    return datetime.combine(day, moment or time(0, 0), ZoneInfo(zone))


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def require_after(start: datetime, end: datetime) -> None:
    if end <= start:
        raise ValidationError(_l("The end must come after the start."))
