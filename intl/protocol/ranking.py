"""A person's rank from their title: the rank whose keyword is the longest one found in any of the person's
titles (any language), so that 副市長 / Deputy Mayor gives 'deputy mayor' and not 'mayor', and 'Vice Minister'
not 'minister'. Latin keywords match regardless of case."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RankRow:
    """What matching needs of a row of the ranking table (kept apart from the ORM for speed and tests)."""

    id: int
    level: int
    keywords: tuple[str, ...]


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


class RankMatcher:
    """Matches titles against the office's table; built once per request from the table's rows."""

    def __init__(self, rows: Iterable[RankRow]):
        pairs = [(_fold(k), row) for row in rows for k in row.keywords if k and k.strip()]
        # Longest keyword first; among keywords of one length the more senior rank.
        self._pairs = sorted(pairs, key=lambda p: (-len(p[0]), p[1].level, p[1].id))

    def match(self, titles: Sequence[str]) -> RankRow | None:
        folded = [_fold(t) for t in titles if t]
        for keyword, row in self._pairs:
            if any(keyword in title for title in folded):
                return row
        return None
