"""No lazy load from a template: a relationship a template reads must have been loaded by the view's query.

A lazy load fired while a page renders is one query per row of a list (the N+1 that query counts at one size
do not show) and a round trip a profile hides inside the template. While a guarded template renders, any
lazy load of a relationship fails the test that rendered it, naming the attribute.

Guarded: the templates of the pages issue 12 measures (lists, searches and records of contacts, partners,
organizations, letters and registrations). Add a feature's templates once its views load what they show.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from flask import before_render_template, template_rendered
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

GUARDED = (
    "contacts/index.html",
    "contacts/detail.html",
    "partners/index.html",
    "partners/detail.html",
    "organizations/index.html",
    "organizations/detail.html",
    "correspondence/index.html",
    "correspondence/detail.html",
    "events/registrations.html",
    "events/check_in.html",
)

_rendering: ContextVar[tuple[str, ...]] = ContextVar("rendering", default=())


class LazyLoadInTemplate(AssertionError):
    pass


def _started(sender, template, context, **extra):
    _rendering.set((*_rendering.get(), template.name))


def _finished(sender, template, context, **extra):
    stack = _rendering.get()
    if stack:
        _rendering.set(stack[:-1])


def _on_execute(state: ORMExecuteState) -> None:
    stack = _rendering.get()
    if not stack or state.lazy_loaded_from is None:
        return
    guarded = [name for name in stack if name in GUARDED]
    if guarded:
        owner = state.lazy_loaded_from
        attribute = ""
        if state.loader_strategy_path is not None and len(state.loader_strategy_path):
            attribute = str(state.loader_strategy_path[-1])
        message = (
            f"{guarded[-1]} lazily loaded {attribute or 'a relationship'} of {owner.class_.__name__}: "
            "load it in the view's query instead"
        )
        if report := os.environ.get("LAZY_LOAD_REPORT"):  # list them all instead (when fixing a feature)
            with open(report, "a") as out:
                out.write(message + "\n")
            return
        raise LazyLoadInTemplate(message)


def install() -> None:
    """Listen for the whole test session (signals and Session events are global; the check costs nothing
    outside a guarded template)."""
    before_render_template.connect(_started)
    template_rendered.connect(_finished)
    event.listen(Session, "do_orm_execute", _on_execute)


def reset() -> None:
    """A template that raised never sends `template_rendered`: start each test with nothing rendering."""
    _rendering.set(())
