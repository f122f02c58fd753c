"""The app as gunicorn serves it in test_limits_across_workers: the test's database and a
shared Redis store for the rate limits."""

import os

from app import create_app

app = create_app(
    "test",
    SQLALCHEMY_DATABASE_URI=os.environ["WORKER_DATABASE_URL"],
    RATELIMIT_STORAGE_URI=os.environ["WORKER_REDIS_URL"],
    RATELIMIT_KEY_PREFIX=os.environ["WORKER_KEY_PREFIX"],
)
