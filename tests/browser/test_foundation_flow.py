"""Issue 2 in a real browser: sign in, switch language, create and find a partner, upload and download."""

from __future__ import annotations

import re

import pytest

from tests.browser.actions import follow, switch_language
from tests.helpers import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_sign_in_and_switch_language(page, live_server, sign_in):
    sign_in("officer")
    switch_language(page, "繁體中文")  # other tests may have saved English for this user
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    assert page.get_by_role("link", name="夥伴城市").first.is_visible()
    switch_language(page, "English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Partners").first.is_visible()
    switch_language(page, "繁體中文")
    assert page.get_by_role("link", name="夥伴城市").first.is_visible()


def test_create_partner_find_it_and_attach_agreement(page, live_server, sign_in, tmp_path):
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/partners/new")
    rows = page.locator(".names-row")
    rows.nth(0).locator("select").select_option("ja")
    rows.nth(0).locator("input").fill("静岡市")
    rows.nth(1).locator("select").select_option("en")
    rows.nth(1).locator("input").fill("Shizuoka")
    page.select_option("select[name=country]", "JP")
    page.wait_for_function("document.querySelector('[data-zone-select]').value === 'Asia/Tokyo'")
    page.check("input[name=focus_areas][value=tourism]")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/partners/\d+$"))
    assert page.locator("h1").inner_text() == "Shizuoka"
    partner_url = page.url

    page.goto(f"{live_server.url}/partners")
    page.fill("input[name=q]", "岡市")  # a 2-character kanji substring
    follow(page, page.get_by_role("button", name="Find"))
    assert page.locator("[data-partner-list] tbody a", has_text="Shizuoka").count() == 1

    page.goto(partner_url)
    follow(page, page.get_by_role("link", name="Add agreement"))
    page.select_option("select[name=agreement_type]", "friendly")
    page.fill("input[name=signed_on]", "2021-10-29")
    pdf = tmp_path / "friendship-agreement.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.set_input_files("input[name=document]", str(pdf))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(partner_url)
    # the kind follows from the tie in force: a prospect until now, a friendly city from this agreement on
    assert "Friendly city" in page.locator("main").inner_text()
    link = page.locator("[data-document-link]")
    assert link.inner_text() == "friendship-agreement.pdf"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == MINIMAL_PDF
