"""`flask db upgrade` from an empty database must reach exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from intl import create_app
from intl.core.db import db
from intl.core.migrations import render_item

from .conftest import BACKENDS, make_test_config, worker_id


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_from_empty_matches_models(backend, tmp_path):
    app = create_app(make_test_config(tmp_path, backend, f"intl_migr_{worker_id()}"))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_item": render_item}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == [], differences
        # and back down to nothing, and up again: every migration can be undone
        downgrade(revision="base")
        upgrade()
        db.engine.dispose()
