"""Sort keys that order names the way a reader of each language expects, from ICU's collation for the locale:
Traditional Chinese by stroke count (筆畫), the order of Taiwan's official name lists, with Latin names after;
English by the Unicode Collation Algorithm, accents after the plain letter (Ōno beside Ono, not after Zhang).

The key is ICU's binary sort key written in hexadecimal, so that any database orders it correctly by plain
comparison (a byte-wise C collation or a language's collation alike: only 0-9 and a-f occur).
"""

from __future__ import annotations

import threading
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import icu

KEY_LENGTH = 200  # the sort_key.key column; a longer key is cut, ordering by its start
NO_NAME = "z" * 4  # after every key: hexadecimal digits sort before any other letter

_local = threading.local()


def _collator(locale: str) -> icu.Collator:
    """One collator per locale and thread (ICU collators are not to be shared between threads)."""
    collators = getattr(_local, "collators", None)
    if collators is None:
        collators = _local.collators = {}
    collator = collators.get(locale)
    if collator is None:
        # PyICU and its data (18 MB) only where keys are made: saving names, sorting country lists (a list's
        # country filter, once per worker and language): not at a worker's start, nor in commands and jobs
        # that do neither (tests/test_architecture.py).
        import icu

        collator = icu.Collator.createInstance(icu.Locale(locale))
        # Letters and accents order a list; case does not, and leaving it out keeps keys short.
        collator.setStrength(icu.Collator.SECONDARY)
        collators[locale] = collator
    return collator


def sort_key(name: str | None, locale: str) -> str:
    """The key that places `name` in a list read in `locale`; a missing name goes last."""
    text = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not text:
        return NO_NAME
    return bytes(_collator(locale).getSortKey(text)).hex()[:KEY_LENGTH]
