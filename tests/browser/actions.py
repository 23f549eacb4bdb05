"""Steps a test takes in the browser that must wait for the page they load.

A bare ``click()`` returns once the click is dispatched, not once the page it loads has arrived, and
``wait_for_load_state()`` straight after it answers for the page still showing. An assertion made then reads the
old page, or a ``goto`` made then cancels the form being posted: the flaky failures these helpers prevent.
"""

from __future__ import annotations


def follow(page, target) -> None:
    """Click a link or submit button and return once the page it leads to has loaded (after any redirect)."""
    with page.expect_navigation():
        target.click()


def switch_language(page, name: str) -> None:
    """Choose a language in the header's switcher (saved for the user) and wait for the page in it."""
    follow(page, page.get_by_role("button", name=name))
