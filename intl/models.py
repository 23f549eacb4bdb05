"""Imports every model so that SQLAlchemy's metadata (and Alembic) know the whole schema."""

from .auth.models import User  # noqa: F401
from .auth.throttle import SignInFailure  # noqa: F401
from .core.audit import AuditEntry  # noqa: F401
from .core.files import StoredFile  # noqa: F401
from .core.search import SearchDoc, SearchGram, SortKey  # noqa: F401
from .partners.models import Agreement, Partner, PartnerFocus  # noqa: F401
