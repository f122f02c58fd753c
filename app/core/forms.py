"""Shared form pieces: the base form that refuses invisible control characters in any text
and line breaks in a one-line text, required-field messages in plain Dutch, name checks and
a bare confirm form."""

import dataclasses
import unicodedata
from datetime import datetime

from flask import current_app, g, has_request_context
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import MultiDict
from wtforms import EmailField, Field, FieldList, FormField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from app.core.i18n import lazy_gettext as _l
from app.core.timezone import date_window

# Line breaks and tabs belong in a longer text; every other control character is either a
# database error waiting to happen (NUL on PostgreSQL) or a way to hide what a text says.
ALLOWED_CONTROLS = frozenset("\n\r\t")
# Bidirectional overrides and isolates reorder what a reader sees ("\u202eAdmin").
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A one-line text (a title, a name, a subject) ends up in places that are one line: a mail's
# Subject, a calendar's name. Every other line break is a control character, refused above.
LINE_BREAKS = frozenset("\n\r\u2028\u2029")


def _hidden(c: str) -> bool:
    return (unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS) or c in BIDI_CONTROLS


def has_hidden_characters(text: str) -> bool:
    return any(_hidden(c) for c in text)


def remove_hidden_characters(text: str) -> str:
    return "".join(c for c in text if not _hidden(c))


def blank_hidden_characters(text: str) -> str:
    return "".join(" " if _hidden(c) else c for c in text)


def _one_line(field: Field) -> bool:
    return isinstance(field, StringField) and not isinstance(field, TextAreaField)


def _text_fields(fields):
    for field in fields:
        if isinstance(field, FormField):
            yield from _text_fields(field.form)
        elif isinstance(field, FieldList):
            yield from _text_fields(field.entries)
        elif isinstance(field, Field) and isinstance(field.data, str):
            yield field


@dataclasses.dataclass
class Kept:
    """What a person typed into a form that is shown again on its page (core.resubmit), with
    the messages for its fields. Each form of the page that has one of its fields takes it
    (the accountability and its receipt are two forms in one <form>)."""

    input: MultiDict
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def fits(self, names: set[str]) -> bool:
        return bool(names & (set(self.input) | set(self.errors)))


KEPT = "kept_input"


class Form(FlaskForm):
    """Every form of the app: besides its own checks, no text may carry hidden characters,
    and a one-line text no line break. A form on a page shown again after its post was refused
    before it could be handled (core.resubmit) starts from what the person typed. The request
    keeps its forms, so the page can say in its title that one was refused (`refused_form`)."""

    def __init__(self, formdata=_Auto, **kwargs):
        kept = g.get(KEPT) if has_request_context() else None
        prefix = kwargs.get("prefix", "")
        names = {prefix + name for name, _unbound in self._unbound_fields} - {"csrf_token"}
        take = kept is not None and formdata in (_Auto, None) and kept.fits(names)
        super().__init__(kept.input if take else formdata, **kwargs)
        # A page shown again says what went wrong in its message at the top (core.resubmit),
        # not in an error summary of this form: its title does not start with "Fout:" either.
        self.shown_again = take
        if take:
            for name, message in kept.errors.items():
                if name in self:
                    self[name].errors = [message]
        if has_request_context():
            g.setdefault("forms", []).append(self)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in _text_fields(self):
            if has_hidden_characters(field.data):
                field.errors = [*field.errors, _l("Deze tekst bevat onzichtbare tekens. Typ hem opnieuw.")]
                valid = False
            elif _one_line(field) and not LINE_BREAKS.isdisjoint(field.data):
                field.errors = [*field.errors, _l("Deze tekst moet op één regel. Haal de regeleinden weg.")]
                valid = False
        return valid


def required(message) -> DataRequired:
    return DataRequired(message=message)


def chosen(message) -> InputRequired:
    return InputRequired(message=message)


def required_for(field, chosen_value, when: tuple, message) -> None:
    """A text that is required for some choices only (called from a form's validate_<field>)."""
    if chosen_value in when and not (field.data or "").strip():
        raise ValidationError(message)


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("Gebruik hoogstens %(max)d tekens.", max=n))


def email_address(label, description=None) -> EmailField:
    """An e-mail address a mail will be sent to: required, well-formed, as long as one can be."""
    return EmailField(
        label,
        filters=[strip],
        validators=[
            required(_l("Vul uw e-mailadres in.")),
            Email(message=_l("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")),
            max_length(254),
        ],
        description=description,
    )


def visible_name(_form, field) -> None:
    """A name shows at least one letter or digit: blank look-alikes (zero-width spaces, the
    braille blank) would make a team or person impossible to tell apart."""
    if field.data and not any(unicodedata.category(c)[0] in "LN" for c in field.data):
        raise ValidationError(_l("Een naam moet letters of cijfers bevatten."))


def within_date_window(_form, field) -> None:
    """A date or time in the years people may enter (core.timezone.date_window): the year 1
    or 9999 is a typing error, and breaks the time zone and calendar steps after it."""
    if field.data is None:
        return
    first, last = date_window()
    day = field.data.date() if isinstance(field.data, datetime) else field.data
    if not first <= day <= last:
        years = {"first": first.year, "last": last.year}
        raise ValidationError(_l("Deze datum kan niet. Kies een datum van %(first)d tot en met %(last)d.", **years))


def refused_form() -> bool:
    """Whether a form of this request has errors: after a failed submit the page's title
    starts with "Fout:", so a screen reader user hears it first (base.html)."""
    return any(form.errors and not form.shown_again for form in g.get("forms", ()))


class ConfirmForm(Form):
    """A form with only the CSRF token, for buttons that change something."""


def strip(value):
    return value.strip() if isinstance(value, str) else value


def megabytes(size: int) -> str:
    """A size as people read it in a message: "5", "0,5" (megabytes)."""
    return format_decimal(size / (1024 * 1024), format="#,##0.#")


def within_limit(config_key: str):
    """A form validator: the chosen file is at most the config's `config_key` bytes."""

    def check(_form, field) -> None:
        stream = getattr(field.data, "stream", None)
        if stream is None:
            return
        size, limit = stream.seek(0, 2), current_app.config[config_key]
        stream.seek(0)
        if size > limit:
            raise ValidationError(
                _(
                    "Dit bestand is %(size)s MB. Er past hoogstens %(limit)s MB: kies een kleiner bestand.",
                    size=format_decimal(size / (1024 * 1024), format="#,##0.0"),
                    limit=megabytes(limit),
                )
            )

    return check
