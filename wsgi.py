"""Entry point for gunicorn: `gunicorn wsgi:app`."""

import os

from app import create_app

app = create_app(os.environ.get("BUURTMAKERS_CONFIG", "production"))
