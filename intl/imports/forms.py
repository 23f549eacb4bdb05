from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import ValidationError

from ..core.forms import Form


class UploadForm(Form):
    file = FileField(_l("Spreadsheet (XLSX or CSV)"))

    def validate_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a file to upload."))


class CommitForm(Form):
    skip_duplicates = BooleanField(_l("Skip rows flagged as possible duplicates"), default=True)
