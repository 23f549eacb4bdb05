#!/usr/bin/env python3
"""Fill the English catalog: our message ids are English, so an empty msgstr takes the msgid.

Plural entries take the singular and plural ids. Run by `make update` after `pybabel update`.
"""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po, write_po


def main(path: str) -> None:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            if not all(message.string or ()):
                message.string = tuple(message.id)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, sort_by_file=True)
    print(f"{path}: filled {filled} English messages")


if __name__ == "__main__":
    main(sys.argv[1])
