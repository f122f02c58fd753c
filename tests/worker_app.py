"""The app as gunicorn serves it in the tests with several processes: the test's database,
and the shared Redis store for rate limits and cached pages."""

import os
import time
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, request

from app import create_app
from app.extensions import csrf, db

app = create_app(
    "test",
    SQLALCHEMY_DATABASE_URI=os.environ["WORKER_DATABASE_URL"],
    RATELIMIT_STORAGE_URI=os.environ["WORKER_REDIS_URL"],
    RATELIMIT_KEY_PREFIX=os.environ["WORKER_KEY_PREFIX"],
    CACHE_TYPE="RedisCache",
    CACHE_REDIS_URL=os.environ["WORKER_REDIS_URL"],
    CACHE_KEY_PREFIX=f"{os.environ['WORKER_KEY_PREFIX']}:cache:",
    # As in production: an error is the app's 500 page, logged by the app (not re-raised to gunicorn).
    PROPAGATE_EXCEPTIONS=False,
)


# Test-only routes (issue 25: logs, metrics and graceful shutdown under gunicorn).
@app.get("/test/slow")
def slow():
    """Answers after `seconds` with the worker's pid; first writes `marker` (a file) when given,
    so a test knows the request is in flight."""
    if request.args.get("marker"):
        Path(request.args["marker"]).touch()
    time.sleep(float(request.args.get("seconds", "0")))
    return str(os.getpid())


@app.post("/test/crash")
@csrf.exempt
def crash():
    """Fails as a careless bug would: a warning that names the person, then a database error
    that quotes what was typed."""
    current_app.logger.warning("could not handle the sign-up of %s", request.form["email"])
    statement = sa.text("SELECT CAST(:email AS integer), :password")
    db.session.execute(statement, {"email": request.form["email"], "password": request.form["password"]})
    return "not reached"
