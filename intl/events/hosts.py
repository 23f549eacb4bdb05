"""Records of the features above events that take their registrations through an event (a lecture opens its
registration as an event of kind "lecture"). They register here when the app is built, so that the event's
programme includes their calendar entries and its page says what it holds, without events importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select


@dataclass(frozen=True)
class HostNote:
    """What the event's page says of the record it holds registrations for: "<intro> <a href=url>label</a>"."""

    intro: str
    label: str
    url: str


@dataclass(frozen=True)
class EventHost:
    # The calendar entries of the host records are engagements with this source kind ...
    source_kind: str
    # ... and these source ids: event id -> SELECT of the ids of the records holding their registrations there.
    source_ids: Callable[[int], Select]
    # The note on the event's page, or None when no such record holds this event.
    describe: Callable[[object], HostNote | None]


_HOSTS: dict[str, EventHost] = {}


def register_host(host: EventHost) -> None:
    _HOSTS[host.source_kind] = host


def event_hosts() -> list[EventHost]:
    return list(_HOSTS.values())


def host_notes(event) -> list[HostNote]:
    return [note for host in event_hosts() if (note := host.describe(event)) is not None]
