"""All internship URLs, under /internships:

staff (admin, officer)       programmes, positions, applications (status, documents, interview), placements
the placement's supervisor   approvals queue, approve/return entries, evaluation
  (or an administrator)
the intern                   /internships/me, their own log and certificate; nobody else's
anyone with the link         /internships/apply/<token>: a student applies to a programme (no sign-in)

The handlers live in programme_views, application_views, placement_views, log_views and public_views.
"""

from flask import Blueprint

bp = Blueprint("internships", __name__, url_prefix="/internships")


@bp.context_processor
def labels():
    from .models import (
        APPLICATION_SOURCES,
        APPLICATION_STATUSES,
        LANGUAGE_LEVELS,
        PROGRAMME_KINDS,
        STUDY_LEVELS,
        TERMS,
    )
    from .placement_models import (
        ENTRY_STATUSES,
        EVALUATION_CRITERIA,
        PLACEMENT_STATUSES,
        RATINGS,
    )

    def translated(mapping):
        return {k: str(v) for k, v in mapping.items()}

    return {
        "PROGRAMME_KINDS": translated(PROGRAMME_KINDS),
        "TERMS": translated(TERMS),
        "STUDY_LEVELS": translated(STUDY_LEVELS),
        "LANGUAGE_LEVELS": translated(LANGUAGE_LEVELS),
        "APPLICATION_STATUSES": translated(APPLICATION_STATUSES),
        "APPLICATION_SOURCES": translated(APPLICATION_SOURCES),
        "PLACEMENT_STATUSES": translated(PLACEMENT_STATUSES),
        "ENTRY_STATUSES": translated(ENTRY_STATUSES),
        "EVALUATION_CRITERIA": translated(EVALUATION_CRITERIA),
        "RATINGS": translated(RATINGS),
        "month_label": month_label,
    }


def month_label(day) -> str:
    """'November 2026', '2026年11月', or '民國115年11月' for those who read ROC dates."""
    from babel.dates import format_skeleton

    from ..core.i18n import ROC_OFFSET, current_locale_code, uses_roc_dates

    if uses_roc_dates():
        return f"民國{day.year - ROC_OFFSET}年{day.month}月"
    return format_skeleton("yMMMM", day, locale=current_locale_code())


from . import (  # noqa: E402, F401
    application_views,
    log_views,
    placement_views,
    programme_views,
    public_views,
)
