"""gunicorn's settings for the image and for production: `gunicorn -c gunicorn.conf.py wsgi:app`.
Every value can be changed from the environment (GUNICORN_CMD_ARGS too)."""

import os
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A request in flight gets this long to finish after SIGTERM (Kubernetes waits 30 s by default).
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "25"))
timeout = int(os.environ.get("WORKER_TIMEOUT", "60"))
# The app logs every request itself (one JSON line with its request id); gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"

# /metrics adds up the samples of every worker (app/core/metrics.py): each worker writes its
# own to files in this folder, so it is set before any worker starts (and so before anything
# imports prometheus_client). Without a folder from the environment, one of our own.
OWN_METRICS_FOLDER = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
if OWN_METRICS_FOLDER:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="buurtmakers-metrics-")
# Imported now, not in child_exit: gunicorn runs that hook in its signal handler, so a second
# worker ending during a first import ran the import again inside itself, which failed and
# stopped the master (every connection was then reset).
from prometheus_client import multiprocess  # noqa: E402 - after the folder is set


def on_starting(server):
    """Counting starts at zero: the files of an earlier run in this folder go."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db"):
        old.unlink()


def child_exit(server, worker):
    """A worker that ended no longer counts in the gauges of live workers (requests in flight, pool)."""
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if OWN_METRICS_FOLDER:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
