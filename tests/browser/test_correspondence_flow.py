"""Issue 6 (letters) in a real browser: an incoming letter is registered and assigned, a reply is drafted from
the English template, translated into Chinese side by side, approved, sent and downloaded as a PDF; an
intern cannot open a confidential letter."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.browser.actions import follow, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def templates(live_server):
    from intl.core.db import db
    from intl.correspondence.demo import seed_templates

    with live_server.app.app_context():
        seed_templates()
        db.session.commit()


def test_incoming_letter_answered_by_a_translated_reply(page, live_server, sign_in, templates, tmp_path):
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/letters")
    page.locator("[data-register-incoming]").click()
    page.wait_for_url(re.compile(r".*/letters/new\?direction=incoming$"))
    page.fill("input[name=subject]", "Request for a visit during the Lantern Festival")
    page.select_option("select[name=language]", "en")
    page.select_option("select[name=channel]", "post")
    page.fill(
        "textarea[name=body]",
        "Dear Sir or Madam,\n\nOur city council would like to visit Kaohsiung during the Lantern Festival.\n\n"
        "Yours faithfully,",
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/letters/\d+$"))
    incoming_url = page.url
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"KCG-INT-\d{3}-IN-\d{4}", reference)
    assert page.locator("[data-status]").get_attribute("data-status") == "registered"

    page.select_option("[data-assign] select[name=assigned_to_id]", label="Officer Browser")
    follow(page, page.locator("[data-assign] button"))
    assert page.locator("[data-status]").get_attribute("data-status") == "assigned"
    assert page.locator("[data-assigned]").inner_text() == "Officer Browser"

    # a reply from the English invitation template
    page.locator("[data-reply-from-template]").click()
    page.wait_for_url(re.compile(r".*/letters/new/from-template\?reply_to=\d+$"))
    page.select_option("select[name=template_id]", label="Invitation · English · Invitation (standard)")
    page.select_option("select[name=signatory]", label="Officer Browser")
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url(re.compile(r".*/letters/\d+$"))
    reply_url = page.url
    assert page.locator("[data-status]").get_attribute("data-status") == "draft"
    assert "Dear" in page.locator("[data-body]").inner_text()

    # a Chinese translation, paragraph by paragraph beside the original
    page.select_option("[data-add-translation] select[name=language]", "zh_Hant")
    page.select_option("[data-add-translation] select[name=translator_id]", label="Officer Browser")
    page.locator("[data-add-translation] button").click()
    page.wait_for_url(re.compile(r".*/translations/zh_Hant$"))
    boxes = page.locator("[data-side-by-side] textarea")
    count = boxes.count()
    originals = page.locator("[data-side-by-side] [data-paragraph] .bg-body-tertiary")
    assert count == originals.count() - 1 >= 3  # one box beside each paragraph (the first row is the subject)
    page.fill("[data-side-by-side] input[name=subject]", "敬邀蒞臨高雄燈會")
    for i in range(count):
        boxes.nth(i).fill(f"第{i + 1}段譯文：誠摯邀請。")
    page.get_by_role("button", name="Save and back to the letter").click()
    page.wait_for_url(reply_url + "#translations")
    row = page.locator("[data-translation=zh_Hant]")
    follow(page, row.get_by_role("button", name="Mark reviewed"))
    assert "Reviewed" in page.locator("[data-translation=zh_Hant]").inner_text()

    for target in ("in_review", "approved", "sent"):
        follow(page, page.locator(f"[data-move={target}]"))
        assert page.locator("[data-status]").get_attribute("data-status") == target

    with page.expect_download() as download_info:
        page.locator("[data-letter-pdf]").click()
    path = tmp_path / "reply.pdf"
    download_info.value.save_as(path)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Lantern Festival" in text or "Invitation" in text
    assert "Officer Browser" in text
    assert re.search(r"KCG-INT-\d{3}-OUT-\d{4}", text)

    page.goto(incoming_url)
    assert page.locator("[data-status]").get_attribute("data-status") == "answered"
    assert "sent" in page.locator("[data-replies]").inner_text().lower()


def test_an_intern_cannot_open_a_confidential_letter(page, live_server, sign_in):
    from intl.auth.services import find_user
    from intl.core.db import db
    from intl.correspondence.services import create_letter
    from intl.correspondence.steps import assign

    with live_server.app.app_context():
        letter = create_letter(
            "incoming",
            subject="Confidential: security arrangements",
            letter_on=date(2026, 11, 20),
            language="en",
            channel="hand",
            body="Attached.",
            confidential=True,
        )
        assign(letter, find_user("officer-b").id)
        db.session.commit()
        letter_id = letter.id

    sign_in("intern")
    switch_language(page, "English")
    response = page.goto(f"{live_server.url}/letters/{letter_id}")
    assert response.status == 403
    assert "Not allowed" in page.locator("h1").inner_text()
    page.goto(f"{live_server.url}/letters")
    assert "security arrangements" not in page.locator("[data-letter-list]").inner_text()
