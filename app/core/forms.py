"""Shared form pieces: required-field messages in plain Dutch and a bare confirm form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, InputRequired, Length


def required(message) -> DataRequired:
    return DataRequired(message=message)


def chosen(message) -> InputRequired:
    return InputRequired(message=message)


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("Gebruik hoogstens %(max)d tekens.", max=n))


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""


def strip(value):
    return value.strip() if isinstance(value, str) else value
