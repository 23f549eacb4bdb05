"""The import pages know no kind of record of their own: each feature registers its kind, and the pages
read the registry. The plan, a feature above the imports, registers its own, so that imports never import it."""

from __future__ import annotations

import io

import grimp
from sqlalchemy import func, select

from intl.imports.kinds import import_kinds
from intl.plan.models import PlanItem


def test_the_imports_do_not_import_the_plan():
    graph = grimp.build_graph("intl")
    assert not graph.chain_exists(importer="intl.imports", imported="intl.plan", as_packages=True)


def test_the_directory_and_the_plan_register_their_kinds(app):
    kinds = import_kinds()
    assert {"contact", "organization", "partner", "plan"} <= set(kinds)
    assert kinds["plan"].uploadable is False and kinds["plan"].roles == frozenset({"admin"})
    assert all(kinds[k].uploadable for k in ("contact", "organization", "partner"))


def test_unknown_kinds_and_the_plan_have_no_upload_page_here(client, as_role):
    as_role("admin")
    assert client.get("/import/contact").status_code == 200
    assert client.get("/import/plan").status_code == 404  # the plan's own page asks for the year
    assert client.get("/import/letter").status_code == 404
    assert client.get("/import/template/letter.csv").status_code == 404
    assert client.get("/import/template/plan.xlsx").status_code == 200


def test_only_the_roles_of_its_kind_confirm_an_import(client, as_role, login, make_user, database):
    as_role("admin")
    response = client.post(
        "/plan/2018/import",
        data={"year": "107", "file": (io.BytesIO("編號,計畫名稱\n肆,國際事務\n".encode()), "plan.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    preview = response.location
    login(make_user("officer"))
    assert client.get(preview).status_code == 200  # the office's imports are open to its staff
    assert client.post(preview + "/commit").status_code == 403
    assert database.session.scalar(select(func.count()).select_from(PlanItem)) == 0
    login(make_user("admin"))
    assert client.post(preview + "/commit").status_code == 302
    assert database.session.scalar(select(func.count()).select_from(PlanItem)) == 1


def test_imported_contacts_are_collected_on_the_offices_day(app, client, as_role, database):
    from datetime import UTC, datetime

    from intl.contacts.models import Contact
    from intl.core.time import office_today
    from tests.helpers import app_config

    # A zone whose date differs from UTC's right now, whatever the hour.
    zone = "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"
    as_role("officer")
    with app_config(app, OFFICE_TIMEZONE=zone):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(b"English / Latin name\nHiroshi Tanaka\n"), "people.csv")},
            content_type="multipart/form-data",
        )
        assert client.post(response.location + "/commit").status_code == 302
        with app.app_context():
            today = office_today()
    assert today != datetime.now(UTC).date()
    assert database.session.scalars(select(Contact.collected_on)).one() == today
