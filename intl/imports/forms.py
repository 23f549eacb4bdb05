from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import ValidationError

from ..core.forms import Form

# What the file picker offers: the formats intl/imports/reading.py reads.
SPREADSHEET_TYPES = ",".join(
    (
        ".xlsx",
        ".xlsm",
        ".xls",
        ".ods",
        ".csv",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
    )
)


def _file_chosen(form, field):
    if not field.data or not getattr(field.data, "filename", ""):
        raise ValidationError(_l("Choose a file to upload."))


def spreadsheet_field() -> FileField:
    """The upload of a spreadsheet to import (contacts, organizations, partners, the plan)."""
    return FileField(
        _l("Spreadsheet (Excel, OpenDocument or CSV)"),
        validators=[_file_chosen],
        render_kw={"accept": SPREADSHEET_TYPES},
    )


class UploadForm(Form):
    file = spreadsheet_field()


class CommitForm(Form):
    skip_duplicates = BooleanField(_l("Skip rows flagged as possible duplicates"), default=True)
