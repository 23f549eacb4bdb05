"""Points where a feature reacts to a change made elsewhere, without the code that makes the change knowing
the feature: each is a named list of functions that features register with when the app is built.

- `archive_changed(record)`: a record was archived, restored or purged (a partner's signing order, the
  schedule's feed revision keep derived data in step);
- `before_purge(record)`: a record is about to be deleted for good (its files, its search rows);
- `user_access_changed(user)`: an account was deactivated or its role changed (calendar subscriptions it may
  no longer hold are revoked).

Registration is explicit: a feature's `blueprint.py` calls `register(...)` in its `init_app`, so nothing
depends on the order modules happen to be imported in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable


class Hook:
    """Functions called, in registration order, when something happens; for records, per model class."""

    def __init__(self, name: str, per_model: bool = False):
        self.name = name
        self.per_model = per_model
        self._handlers: dict[type | None, list[Callable]] = defaultdict(list)

    def register(self, handler: Callable, model: type | None = None) -> Callable:
        if self.per_model and model is None:
            raise ValueError(f"hook {self.name} is per model: name the model")
        if handler not in self._handlers[model]:
            self._handlers[model].append(handler)
        return handler

    def __call__(self, subject, *args, **kwargs) -> None:
        if self.per_model:
            handlers = [h for klass in type(subject).__mro__ for h in self._handlers.get(klass, ())]
        else:
            handlers = list(self._handlers.get(None, ()))
        for handler in handlers:
            handler(subject, *args, **kwargs)


archive_changed = Hook("archive_changed", per_model=True)
before_purge = Hook("before_purge", per_model=True)
user_access_changed = Hook("user_access_changed")
