"""Who reaches each page of the plan, its report and the dashboard. The plan and its money are the office's
(admins and officers); its structure and imports are the administrators'; leaders read the report and the
dashboard. The rows are part of the product-wide matrix (tests/test_permissions.py checks that every
endpoint is declared somewhere)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import url_for

from tests.helpers import MINIMAL_PDF, upload
from tests.plan.conftest import YEAR

ALL = {"admin", "officer", "intern", "leader"}
STAFF = {"admin", "officer"}
ADMIN = {"admin"}
READERS = {"admin", "officer", "leader"}

# endpoint -> (method, roles allowed); state-changing POSTs last, in an order that keeps what later rows need.
ROWS = {
    "plan.index": ("GET", STAFF),
    "plan.year_detail": ("GET", STAFF),
    "plan.item": ("GET", STAFF),
    "plan.targets": ("GET", STAFF),
    "plan.expenses": ("GET", STAFF),
    "plan.new_expense": ("GET", STAFF),
    "plan.edit_expense": ("GET", STAFF),
    "plan.receipt": ("GET", STAFF),
    "plan.records": ("GET", STAFF),
    "plan.create_year": ("GET", ADMIN),
    "plan.edit_year": ("GET", ADMIN),
    "plan.new_item": ("GET", ADMIN),
    "plan.edit_item": ("GET", ADMIN),
    "plan.import_plan": ("GET", ADMIN),
    "plan.report": ("GET", READERS),
    "plan.report_export_xlsx": ("GET", READERS),
    "plan.report_export_pdf": ("GET", READERS),
    "plan.dashboard": ("GET", READERS),
    "plan.world_map": ("GET", READERS),
    "plan.report_prepare": ("POST", READERS),
    "plan.copy_year": ("POST", ADMIN),
    "plan.delete_expense": ("POST", STAFF),
    "plan.delete_item": ("POST", ADMIN),
}


@pytest.fixture
def records(make_plan, database):
    from intl.plan.services import create_expense

    _plan_year, items = make_plan()
    expense = create_expense(
        items["3"],
        receipt=upload(MINIMAL_PDF, "receipt.pdf"),
        spent_on=date(YEAR, 5, 2),
        payee="國立中山大學",
        amount=30_000,
    )
    database.session.commit()
    return {"year": YEAR, "item_id": items["5"].id, "expense_id": expense.id}


@pytest.mark.parametrize("role", sorted(ALL))
def test_plan_role_matrix(app, client, records, make_user, login, role):
    login(make_user(role))
    for endpoint, (method, allowed) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})
        if endpoint == "plan.records":
            url += "?figure=total:spent"
        response = client.open(url, method=method)
        expected = (200, 302, 303) if role in allowed else (403,)
        assert response.status_code in expected, f"{role} {endpoint}: {response.status_code}"


def test_anonymous_visitors_are_sent_to_sign_in(app, client, records):
    for endpoint, (method, _allowed) in ROWS.items():
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        with app.test_request_context():
            url = url_for(endpoint, **{arg: records[arg] for arg in rule.arguments})
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], endpoint
