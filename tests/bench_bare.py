"""The yardstick of `make bench`: a Flask app without a database that renders one Jinja page
as large as a real one, with the same layout. BENCH_BARE_HTML names a file holding a page of
the real app (the bench saves the home page there); each of its lines goes through the
template as a value, so Jinja does per-line work as the app's templates do, and the answer
has the same bytes. Served by gunicorn like the app: `gunicorn tests.bench_bare:app`."""

import os
from pathlib import Path

from flask import Flask, render_template
from markupsafe import Markup

app = Flask(__name__)
PAGE = app.jinja_env.from_string("{% for line in lines %}{{ line }}\n{% endfor %}")  # compiled once, as a file would be
LINES = [Markup(line) for line in Path(os.environ["BENCH_BARE_HTML"]).read_text().splitlines()]  # noqa: S704 - our own page


@app.route("/")
def page():
    return render_template(PAGE, lines=LINES)
