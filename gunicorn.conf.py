"""gunicorn's settings for the image and for production: `gunicorn -c gunicorn.conf.py wsgi:app`.
Every value can be changed from the environment (GUNICORN_CMD_ARGS too)."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A request in flight gets this long to finish after SIGTERM (Kubernetes waits 30 s by default).
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "25"))
timeout = int(os.environ.get("WORKER_TIMEOUT", "60"))
# The app logs every request itself (one JSON line with its request id); gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"
