"""Field names in the audit log and every record history are shown by their labels in the reader's language,
never as raw keys (issue 11, problem 8): one place, intl.core.audit.field_label, answers for every kind."""

from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale

from intl.core.audit import COMMON_FIELD_LABELS, field_label
from intl.core.models import RECORD_KINDS
from intl.imports.kinds import import_kinds
from tests.helpers import page_text

KEY = re.compile(r"^[a-z]+(_[a-z]+)+$")  # what a raw key looks like: family_name, import_row


def _kinds_and_fields():
    for kind, model in sorted(RECORD_KINDS.items()):
        for field in getattr(model, "audit_fields", ()):
            yield kind, field
    for key, spec in sorted(import_kinds().items()):
        for column in spec.columns:
            yield key, column.key
    for field in COMMON_FIELD_LABELS:
        yield "contact", field


@pytest.mark.parametrize("locale", ["zh_Hant_TW", "en"])
def test_every_field_a_history_shows_has_a_label(app, locale):
    unlabelled = []
    with app.test_request_context(), force_locale(locale):
        for kind, field in _kinds_and_fields():
            label = field_label(kind, field)
            if label == field or KEY.match(label) or (locale == "zh_Hant_TW" and label.isascii()):
                unlabelled.append((kind, field, label))
    assert not unlabelled, unlabelled[:10]


def test_dotted_keys_read_as_words(app):
    with app.test_request_context(), force_locale("en"):
        assert field_label("delegation", "member.role") == "Member · Role"
        assert "_" not in field_label("plan_item", "target.events.2026")


def test_audit_log_and_history_of_an_imported_contact_show_labels(client, make_user, login, database):
    admin = login(make_user("admin", locale="zh_Hant_TW"))
    csv = "\ufeffFamily name,Given name,English / Latin name,Phones\n林,淑芬,Lin Shu-fen,+886 7 337 3000\n"
    response = client.post(
        "/import/contact",
        data={"file": (io.BytesIO(csv.encode()), "people.csv")},
        content_type="multipart/form-data",
    )
    client.post(response.location + "/commit", data={})
    assert admin.locale == "zh_Hant_TW"
    log = page_text(client.get("/admin/audit"))
    changes = log.split("data-audit")[1]
    for raw in ("import_row", "family_name", "latin_name", "phones"):
        assert raw not in changes, raw
    assert "姓" in changes and "匯入檔案的列" in changes
    contact_id = int(re.search(r"/contacts/(\d+)", page_text(client.get("/contacts"))).group(1))
    history = page_text(client.get(f"/contacts/{contact_id}")).split("data-timeline")[1]
    assert "import_row" not in history and "family_name" not in history and "匯入檔案的列" in history
    # the page given to the person who asks what the office holds on them reads the same way
    held = page_text(client.get(f"/contacts/{contact_id}/personal-data")).split("<main")[1]
    for raw in ("import_row", "family_name", "term_start", "<th>when</th>", "<th>changes</th>", ">create<"):
        assert raw not in held, raw
    assert "匯入檔案的列" in held and "建立" in held
