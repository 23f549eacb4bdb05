"""All import URLs, and the directory's import kinds.

| URL | roles | what |
| --- | --- | --- |
| /import/<kind> | admin, officer | upload a spreadsheet of contacts, organizations or partners |
| /import/batches/<id>/columns | admin, officer | the mapping step: what each column becomes (remembered) |
| /import/batches/<id> | admin, officer | its preview: every row as it will be stored, the bad ones and why; while a job reads a large file, how far it got |
| /import/batches/<id>/retry (POST) | admin, officer | read a large file again after its job failed |
| /import/batches/<id>/commit, .../cancel | admin, officer (and the kind's roles) | write the valid rows, or not |
| /import/template/<kind>.csv, .xlsx | admin, officer | the template file of a kind, in either language |

Other features register their own kinds (`kinds.register_import_kind`): the plan's is uploaded from the
plan's page and previewed and confirmed here.
"""

from flask import Blueprint

from ..core.jobs import register_job_kind
from . import access, views  # noqa: F401  (access registers the import batch policy)
from .analysis_job import ANALYSIS_JOB
from .directory import DIRECTORY_KINDS
from .jobs import IMPORT_JOB
from .kinds import register_import_kind

bp = Blueprint("imports", __name__)

bp.add_url_rule("/import/<kind>", "upload", views.upload, methods=["GET", "POST"])
bp.add_url_rule("/import/batches/<int:batch_id>", "preview", views.preview)
bp.add_url_rule("/import/batches/<int:batch_id>/columns", "columns", views.columns, methods=["GET", "POST"])
bp.add_url_rule("/import/batches/<int:batch_id>/commit", "commit", views.commit, methods=["POST"])
bp.add_url_rule("/import/batches/<int:batch_id>/cancel", "cancel", views.cancel, methods=["POST"])
bp.add_url_rule("/import/batches/<int:batch_id>/retry", "retry", views.read_file_again, methods=["POST"])
bp.add_url_rule("/import/template/<kind>.<any(csv, xlsx):fmt>", "template", views.template)


@bp.record_once
def _register(state) -> None:
    for kind in DIRECTORY_KINDS:
        register_import_kind(kind)
    register_job_kind(ANALYSIS_JOB)  # large files are read and checked by the worker
    register_job_kind(IMPORT_JOB)  # and written by it
