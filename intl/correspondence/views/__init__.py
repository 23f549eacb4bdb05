"""The letter pages: letters (list, page, registering, editing, workflow), templates and drafting from them,
translations side by side, the letter printed on the letterhead (documents)."""
