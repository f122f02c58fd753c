# The Buurtmakers image: gunicorn serving the app (port 8000) as a user without rights, and every
# `flask` command of the README (`podman run --rm <image> flask db upgrade`).
# The base is the official Python image; a build that cannot reach a registry passes its own
# (`--build-arg BASE=localhost/debian-py:bookworm`, see .ci/image). Both stages use the same one,
# so the virtualenv's interpreter is where it was built.
ARG BASE=python:3.11-slim

FROM ${BASE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python3 -m venv /opt/venv
COPY requirements.txt /src/requirements.txt
# A network that inspects TLS passes its CA bundle as a build secret (`--secret id=ca,src=...`).
RUN --mount=type=secret,id=ca,required=false \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi; \
    /opt/venv/bin/pip install -r /src/requirements.txt
COPY . /src
WORKDIR /src
# Translations compiled and bytecode written here: the final stage's code is read-only.
RUN /opt/venv/bin/pybabel compile -d app/translations \
    && /opt/venv/bin/python -m compileall -q app migrations seeds config.py wsgi.py gunicorn.conf.py

FROM ${BASE}
# No compilers and no tests: only the virtualenv and the app's files come over.
RUN groupadd --gid 10001 buurtmakers \
    && useradd --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin buurtmakers
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /src /app
# Only the upload folder (UPLOAD_STORAGE=disk) is the user's to write.
RUN mkdir -p /app/instance/uploads && chown -R 10001:10001 /app/instance
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FLASK_APP=wsgi:app \
    BUURTMAKERS_CONFIG=production
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"]
