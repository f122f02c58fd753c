"""The templates' texts and dates follow the request's language, read once per request
(app.core.i18n): a text in Dutch forced inside an English request (a mail to a Dutch
resident) is Dutch, and the page after it English again; a time counts on its local day."""

from datetime import UTC, date, datetime

from flask import render_template_string
from flask_babel import force_locale

TEMPLATE = (
    '{{ _("Gevraagd") }} | {{ ngettext("%(num)d advies", "%(num)d adviezen", 2) }} | '
    "{{ day | date }} | {{ moment | date }}"
)


def test_texts_and_dates_follow_the_language_also_when_forced_inside_a_request(app):
    values = {"day": date(2026, 3, 4), "moment": datetime(2026, 3, 4, 23, 30, tzinfo=UTC)}  # 5 March in Amsterdam
    with app.test_request_context("/", headers={"Cookie": "taal=en"}):
        assert render_template_string(TEMPLATE, **values) == "Asked | 2 advices | 4 March 2026 | 5 March 2026"
        with force_locale("nl"):
            assert render_template_string(TEMPLATE, **values) == "Gevraagd | 2 adviezen | 4 maart 2026 | 5 maart 2026"
        assert render_template_string(TEMPLATE, **values).startswith("Asked | 2 advices | 4 March")
