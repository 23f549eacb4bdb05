"""A list's row links built once per page (`intl.core.urls.id_urls`) are exactly url_for's."""

from __future__ import annotations

from flask import url_for

from intl.core.urls import MAX_ID, id_urls


def test_row_links_are_url_fors_addresses(app):
    with app.test_request_context("/"):
        url = id_urls("contacts.detail", "contact_id")
        for contact_id in (1, 7, 42, 1234567, MAX_ID - 1):
            assert url(contact_id) == url_for("contacts.detail", contact_id=contact_id)


def test_row_links_keep_the_script_root_and_other_arguments(app):
    with app.test_request_context("/", base_url="http://example.org/intl/"):
        url = id_urls("contacts.detail", "contact_id", tab="history")
        assert url(5) == url_for("contacts.detail", contact_id=5, tab="history")
        assert url(5).startswith("/intl/")


def test_a_marker_met_elsewhere_falls_back_to_url_for(app):
    with app.test_request_context("/"):
        url = id_urls("contacts.detail", "contact_id", note=str(MAX_ID))
        assert url(9) == url_for("contacts.detail", contact_id=9, note=str(MAX_ID))
