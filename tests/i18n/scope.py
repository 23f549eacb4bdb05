"""What outsiders read: the messages of the public pages, the mails to guests, students and partners, and the
documents they are handed. Each of the seven languages must translate every one of them
(tests/test_outsider_translations.py); staff pages may fall back to English.

Found two ways: by the source locations the .pot gives (files and folders listed here), and, for messages that
live in modules shared with staff pages (form labels, choice labels), by asking the public forms and the
documents' label tables themselves.
"""

from __future__ import annotations

import importlib
import inspect

# Source locations (a path, or a folder ending in "/") whose every message an outsider reads.
PUBLIC_PAGES = (
    "templates/base.html",  # the page frame: brand, menu button, language picker
    "templates/macros/forms.html",  # the fields' help and error texts on public forms
    "templates/events/public/",  # registration, confirmation, waitlist, cancellation, invitation answer
    "templates/internships/public/",  # the application form and its receipt page
    "templates/public/",  # closed links, too many requests
    "templates/errors/",  # error pages
    "intl/events/views/public.py",
    "intl/internships/views/public.py",
    "intl/core/errors.py",
    "intl/core/forms.py",  # CSRF and form-wide messages
)
MAILS = (
    "templates/mail/",
    "intl/core/notice_mail.py",
    "intl/events/guest_mail.py",  # confirmation, waitlist, seat, cancellation
    "intl/events/guests.py",  # the .ics texts sent to guests
    "intl/events/mailing.py",  # invitations and the event's cancellation
    "intl/internships/application_mail.py",  # the student's receipt
)
DOCUMENTS = (
    "templates/print/",  # itineraries and briefings
    "templates/internships/certificate.html",
    "intl/correspondence/documents.py",  # the letter sheet's standard labels
    "intl/core/bilingual.py",
)
# An intern's own pages (issue 15: "the intern's own pages complete"): signing in, their settings and
# password, their internship and log. The rest of the staff interface may fall back to English.
INTERN_PAGES = (
    "templates/auth/",
    "intl/auth/views.py",
    "intl/auth/passwords.py",
    "intl/auth/session.py",
    "templates/internships/me.html",
    "templates/internships/placement.html",
    "templates/internships/entry_form.html",
    "templates/internships/_entry_row.html",
    "intl/internships/views/log.py",
)
SOURCES = PUBLIC_PAGES + MAILS + DOCUMENTS + INTERN_PAGES


def from_sources(template) -> set[str]:
    """Message ids of the .pot (a babel Catalog) used in any of SOURCES."""
    found = set()
    for message in template:
        if message.id and any(
            path == source or (source.endswith("/") and path.startswith(source))
            for path, _line in message.locations
            for source in SOURCES
        ):
            found.add(message.id)
    return found


# Classes whose every message an outsider (or an intern, on their own pages) may read, in modules shared with
# staff pages: their messages are those the .pot places within the class's lines (validators' messages raised
# in methods included).
CLASSES = (
    ("intl.events.forms", "PublicRegistrationForm"),
    ("intl.events.forms", "GuestAnswerForm"),
    ("intl.internships.forms", "LanguageEntry"),
    ("intl.internships.forms", "ApplicationForm"),
    ("intl.internships.forms", "PublicApplicationForm"),
    ("intl.internships.forms", "HoursField"),
    ("intl.internships.forms", "EntryForm"),
    ("intl.auth.forms", "SignInForm"),
    ("intl.auth.forms", "ChangePasswordForm"),
    ("intl.auth.forms", "ProfileForm"),
)


def from_classes(template) -> set[str]:
    """Message ids of the .pot used within the lines of CLASSES."""
    spans = []
    for module_name, class_name in CLASSES:
        module = importlib.import_module(module_name)
        lines, first = inspect.getsourcelines(getattr(module, class_name))
        spans.append((module_name.replace(".", "/") + ".py", first, first + len(lines) - 1))
    return {
        message.id
        for message in template
        if message.id
        and any(
            path == file and first <= line <= last
            for path, line in message.locations
            for file, first, last in spans
        )
    }


def message_key(text) -> str:
    """A lazy string's message as the catalogs key it: its id, or "context\x04id" for a pgettext message."""
    args = text._args
    if getattr(text, "_func", None) is not None and "pgettext" in getattr(text._func, "__name__", ""):
        return f"{args[0]}\x04{args[1]}"
    return args[0]


def _form_messages(form_class, **kwargs) -> set[str]:
    form = form_class(meta={"csrf": False}, **kwargs)
    found = set()
    for field in form:
        if getattr(field.widget, "input_type", None) == "hidden":
            continue  # hidden fields (the edit version) show the reader nothing
        for text in (field.label.text, field.description):
            if text:
                found.add(message_key(text) if hasattr(text, "_args") else str(text))
        for choice in getattr(field, "choices", None) or []:
            label = choice[1] if isinstance(choice, tuple | list) else None
            if label is not None and hasattr(label, "_args"):
                found.add(message_key(label))
        for validator in field.validators:
            message = getattr(validator, "message", None)
            if message is not None and hasattr(message, "_args"):
                found.add(message_key(message))
    return found


def from_code() -> set[str]:
    """The public forms' and the intern's forms' labels, help, choices and validators' messages, and the label
    tables the documents and the intern's pages print (kinds, statuses, roles, needs, honorifics). Call inside
    an app context."""
    from intl.auth.forms import ChangePasswordForm, ProfileForm, SignInForm
    from intl.contacts.models import HONORIFICS, NEEDS
    from intl.delegations.models import DIRECTIONS, MEMBER_ROLES
    from intl.events.forms import GuestAnswerForm, PublicRegistrationForm
    from intl.internships.forms import EntryForm, PublicApplicationForm
    from intl.internships.models import PROGRAMME_KINDS, TERMS
    from intl.internships.placement_models import ENTRY_STATUSES, PLACEMENT_STATUSES
    from intl.schedule.models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES

    found = _form_messages(PublicRegistrationForm) | _form_messages(GuestAnswerForm)
    found |= _form_messages(PublicApplicationForm, positions=[])
    for form_class in (SignInForm, ChangePasswordForm, ProfileForm, EntryForm):  # the intern's own forms
        found |= _form_messages(form_class)
    tables = (HONORIFICS, NEEDS, DIRECTIONS, MEMBER_ROLES, PROGRAMME_KINDS, TERMS, ENGAGEMENT_KINDS)
    for table in (*tables, ENGAGEMENT_STATUSES, PLACEMENT_STATUSES, ENTRY_STATUSES):
        found |= {message_key(value) for value in table.values() if hasattr(value, "_args")}
    return found
