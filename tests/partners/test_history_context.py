"""The record pages whose histories read field names through field_label() no longer hand their templates a
`labels` mapping that nothing reads (a leftover of the history macros' old parameter)."""

from __future__ import annotations

from flask import template_rendered
from jinja2 import meta


def _reads(env, name: str, seen: set[str]) -> bool:
    """Whether the template, or one it includes, imports or extends, reads the variable `labels`."""
    if name in seen:
        return False
    seen.add(name)
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    if "labels" in meta.find_undeclared_variables(tree):
        return True
    return any(_reads(env, child, seen) for child in meta.find_referenced_templates(tree) if child)


def test_record_pages_pass_no_unread_labels(
    app, client, as_role, make_partner, make_agreement, make_organization, make_contact
):
    as_role("admin")
    partner = make_partner(relationship="sister")
    organization = make_organization()
    contact = make_contact()
    rendered = []

    def note(sender, template, context, **extra):
        rendered.append((template.name, "labels" in context))

    template_rendered.connect(note, app)
    try:
        for url in (
            f"/partners/{partner.id}",
            f"/organizations/{organization.id}",
            f"/contacts/{contact.id}",
        ):
            assert client.get(url).status_code == 200, url
    finally:
        template_rendered.disconnect(note, app)
    pages = [name for name, _given in rendered]
    assert {"partners/detail.html", "organizations/detail.html", "contacts/detail.html"} <= set(pages)
    unread = [name for name, given in rendered if given and not _reads(app.jinja_env, name, set())]
    assert unread == []
