"""The app as gunicorn serves it in the tests with several processes: the test's database,
and the shared Redis store for rate limits and cached pages."""

import os

from app import create_app

app = create_app(
    "test",
    SQLALCHEMY_DATABASE_URI=os.environ["WORKER_DATABASE_URL"],
    RATELIMIT_STORAGE_URI=os.environ["WORKER_REDIS_URL"],
    RATELIMIT_KEY_PREFIX=os.environ["WORKER_KEY_PREFIX"],
    CACHE_TYPE="RedisCache",
    CACHE_REDIS_URL=os.environ["WORKER_REDIS_URL"],
    CACHE_KEY_PREFIX=f"{os.environ['WORKER_KEY_PREFIX']}:cache:",
)
