"""What templates can call: formatting filters and a few globals."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location
from flask import Flask, request, url_for
from markupsafe import Markup, escape

from . import audit, i18n, search, translations
from .access import ROLE_LABELS, may, template_can
from .countries import country_choices, is_new_southbound
from .frame import frame_part
from .localized import LocalizedText
from .time import office_zone_name
from .urls import id_urls


def audit_display(value) -> str:
    """A readable form of a value kept in the audit log or shown in a conflict."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{i18n.language_name(k)}: {v}" for k, v in value.items())
    if isinstance(value, list):
        if value and isinstance(value[0], list) and len(value[0]) == 2:
            return " · ".join(f"{i18n.language_name(k)}: {v}" for k, v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def url_with(**changes) -> str:
    """The current page's address with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    args.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        args.pop(key, None)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def names_html(names: LocalizedText, locale: str | None = None) -> Markup:
    """The viewer's form of a name, with the other forms beside it in muted text (`locale`: the viewer's,
    when the caller already knows it)."""
    shown = i18n.localized(names, locale)
    others = names.others_than(shown) if isinstance(names, LocalizedText) else []
    html = escape(shown)
    if others:
        html += (
            Markup(' <span class="text-body-secondary small">')
            + escape(" · ".join(others))
            + Markup("</span>")
        )
    return html


@lru_cache(maxsize=8)
def _country_option_tags(locale: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (code, f'<option value="{code}">{escape(name)}</option>') for code, name in country_choices(locale)
    )


def country_options(selected: str = "") -> Markup:
    """The <option>s of every country in the viewer's language; built once per locale (248 of them)."""
    tags = _country_option_tags(i18n.current_locale_code())
    return Markup(
        "".join(
            tag.replace("<option ", "<option selected ", 1) if code == selected else tag for code, tag in tags
        )
    )


def local_time(moment, zone: str) -> str:
    """HH:MM of an instant in a place's zone."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M") if moment else ""


def local_date(moment, zone: str):
    """The calendar date of an instant in a place's zone."""
    return moment.astimezone(ZoneInfo(zone)).date() if moment else None


@lru_cache(maxsize=512)
def _zone_city(zone: str, locale: str) -> str:
    try:
        return get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, ValueError):
        return zone


def zone_city(zone: str) -> str:
    return _zone_city(zone, i18n.current_locale_code())


def search_limit() -> int:
    return search.NARROW_LIMIT  # read when called: a setting of the search module


def office_context() -> dict:
    """The office's zone for every template (times shown "· Taipei 14:00" beside a place's own)."""
    return {"office_zone": office_zone_name()}


def register_template_helpers(app: Flask) -> None:
    translations.install(app)
    app.context_processor(office_context)
    app.add_template_global(office_zone_name)
    app.add_template_global(search_limit)
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(local_date, "local_date")
    app.add_template_global(timedelta, "timedelta")
    app.add_template_filter(zone_city, "zone_city")
    app.add_template_global(country_options)
    app.add_template_filter(i18n.format_date, "date")
    app.add_template_filter(i18n.format_datetime, "datetime")
    app.add_template_global(i18n.datetime_writer)  # many date-times in one macro: the reader looked up once
    app.add_template_global(id_urls)  # many links to records of one kind: the address built once
    app.add_template_filter(i18n.format_number, "number")
    app.add_template_filter(i18n.country_name, "country")
    app.add_template_filter(i18n.language_name, "language")
    app.add_template_filter(i18n.localized, "localized")
    app.add_template_filter(i18n.fallback_lang, "fallback_lang")
    app.add_template_filter(audit_display, "audit_display")
    app.add_template_global(audit.field_label, "field_label")
    app.add_template_filter(names_html, "names")
    app.add_template_global(template_can, "can")
    app.add_template_global(may)
    app.add_template_global(frame_part)
    app.add_template_global(url_with)
    app.add_template_global(is_new_southbound)
    app.add_template_global(i18n.current_locale_code, "current_locale")
    app.add_template_global(i18n.uses_roc_dates, "roc_dates")
    app.add_template_global(i18n.in_both)
    app.add_template_global(i18n.say_in)
    app.jinja_env.globals["LANGUAGE_NAMES"] = i18n.LANGUAGE_NAMES
    app.jinja_env.globals["ROLES"] = ROLE_LABELS
