"""Templates' translation callables are our own one-call versions of Jinja's newstyle gettext
(intl/core/translations.py): they must translate, escape and format exactly as Jinja's do."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from jinja2 import Environment

CASES = [
    "{{ _('Contacts') }}",
    "{{ _('With: %(who)s', who='<b>Ann</b> & Bo') }}",
    "{{ gettext('Contacts') }}",
    "{% trans %}Contacts{% endtrans %}",
    "{% trans who='<i>x</i>' %}With: {{ who }}{% endtrans %}",
    "{{ ngettext('%(num)s day', '%(num)s days', 1) }}|{{ ngettext('%(num)s day', '%(num)s days', 3) }}",
    "{{ pgettext('menu', 'Contacts') }}",
    "{{ _('50%% done') }}",
    "{{ _('<b>%(x)s</b>', x='<i>') }}",  # the text is markup, the variable is escaped
]


def _jinja_reference(app, source: str, **context) -> str:
    """The same template rendered by Jinja's own newstyle callables over the same catalog."""
    from intl.core.translations import request_translations

    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    translations = request_translations()
    env.install_gettext_callables(
        translations.ugettext,
        translations.ungettext,
        newstyle=True,
        pgettext=translations.upgettext,
        npgettext=translations.unpgettext,
    )
    return env.from_string(source).render(**context)


@pytest.mark.parametrize("locale", ["en", "zh_Hant_TW"])
@pytest.mark.parametrize("source", CASES)
def test_template_translations_match_jinjas_own(app, source, locale):
    with app.test_request_context("/"), force_locale(locale):
        ours = app.jinja_env.from_string(source).render()
        assert ours == _jinja_reference(app, source)


def test_a_translated_text_is_safe_and_its_variables_escaped(app):
    with app.test_request_context("/"), force_locale("en"):
        rendered = app.jinja_env.from_string("{{ _('With: %(who)s', who=who) }}").render(who="<script>")
    assert rendered == "With: &lt;script&gt;"


def test_chinese_readers_get_the_chinese_text(app):
    with app.test_request_context("/"), force_locale("zh_Hant_TW"):
        assert app.jinja_env.from_string("{{ _('Contacts') }}").render() == "聯絡人"
