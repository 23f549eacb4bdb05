"""The health URL.

| URL | who | what |
| --- | --- | --- |
| /healthz | anyone, no sign-in | the database and the job queue reachable (200), or not (503), as JSON |
"""

from flask import Blueprint

from . import views

bp = Blueprint("health", __name__)

bp.add_url_rule("/healthz", "healthz", views.healthz)
