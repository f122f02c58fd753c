"""The templates' texts and dates follow the request's language, read once per request
(app.core.i18n): a text in Dutch forced inside an English request (a mail to a Dutch
resident) is Dutch, and the page after it English again; a time counts on its local day.
A label defined once (`_l`) follows the same language, and a text is formatted and escaped
as Jinja's own gettext does it."""

from datetime import UTC, date, datetime

from flask import render_template_string
from flask_babel import force_locale

from app.core.i18n import lazy_gettext as _l

TEMPLATE = (
    '{{ _("Gevraagd") }} | {{ ngettext("%(num)d advies", "%(num)d adviezen", 2) }} | '
    "{{ day | date }} | {{ moment | date }} | {{ label }}"
)


def test_texts_and_dates_follow_the_language_also_when_forced_inside_a_request(app):
    values = {
        "day": date(2026, 3, 4),
        "moment": datetime(2026, 3, 4, 23, 30, tzinfo=UTC),  # 5 March in Amsterdam
        "label": _l("Gevraagd"),
    }
    with app.test_request_context("/", headers={"Cookie": "taal=en"}):
        english = "Asked | 2 advices | 4 March 2026 | 5 March 2026 | Asked"
        assert render_template_string(TEMPLATE, **values) == english
        assert str(values["label"]) == "Asked"
        with force_locale("nl"):
            dutch = "Gevraagd | 2 adviezen | 4 maart 2026 | 5 maart 2026 | Gevraagd"
            assert render_template_string(TEMPLATE, **values) == dutch
        assert render_template_string(TEMPLATE, **values) == english


def test_a_text_is_formatted_and_escaped_as_jinja_does(app):
    with app.test_request_context("/"):
        assert render_template_string('{{ _("100%%") }}') == "100%"
        assert render_template_string('{{ _("%(num)d%% klaar", num=5) }}') == "5% klaar"
        assert render_template_string('{{ _("Hallo %(name)s", name="<b>") }}') == "Hallo &lt;b&gt;"
