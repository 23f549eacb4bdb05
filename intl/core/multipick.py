"""Several records in one text box, one per line ('Name [#id]' from the suggestions), for forms that link
a record to many others (a delegation's partners, an engagement's contacts)."""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import ValidationError

from .db import db
from .pickers import label_with_id, picker_kinds, resolve


class MultiRecordField(TextAreaField):
    def __init__(self, label=None, validators=None, kind: str = "contact", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.kind = kind
        self.render_kw = {**(self.render_kw or {}), "data-picker": kind, "data-picker-multi": "1", "rows": 3}
        self.ids: list[int] = []

    def process_data(self, value):
        # from a record (a list of related objects) or from explicit data (a list of ids)
        self.ids = [v.id if hasattr(v, "id") else int(v) for v in value or []]
        self.data = None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        model = picker_kinds()[self.kind].model
        records = [db.session.get(model, i) for i in self.ids]
        return "\n".join(label_with_id(self.kind, r) for r in records if r is not None)

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else ""
        self.ids = []

    def pre_validate(self, form):
        ids, problems = [], []
        for line in (self.data or "").splitlines():
            if not line.strip():
                continue
            try:
                ids.append(resolve(self.kind, line).id)
            except ValidationError as error:
                problems.append(f"{line.strip()}: {error}")
        if problems:
            raise ValidationError("; ".join(problems))
        self.ids = list(dict.fromkeys(ids))
