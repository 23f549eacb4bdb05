"""The events' and internships' factories, for the journeys of tests/i18n (one per language)."""

from __future__ import annotations

from tests.events.conftest import make_event, register  # noqa: F401 (fixtures)
from tests.internships.conftest import (  # noqa: F401 (fixtures)
    make_placement,
    make_position,
    make_programme,
    open_programme,
)
