# The API image: gunicorn serving app:create_app(), dependencies from the lock file.
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /srv
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
COPY seed ./seed
COPY cypher ./cypher
COPY dev/gunicorn.conf.py ./dev/gunicorn.conf.py
RUN pip install --no-deps -e . && useradd --system --uid 10001 api
USER api

ENV BIND=0.0.0.0:8000 WORKERS=4
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["gunicorn", "--config", "dev/gunicorn.conf.py", "app:create_app()"]
