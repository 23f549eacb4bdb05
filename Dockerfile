# The Intl Desk image for compose.yaml: the app servers, the worker and the one-off migration all run it.
FROM python:3.11-slim-bookworm

# Pango for the printed documents (WeasyPrint); the PostgreSQL client for `flask backup` / `restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/intl/app
COPY pyproject.toml README.md ./
COPY intl ./intl
RUN pip install --no-cache-dir .
COPY . .
RUN pybabel compile -d translations

RUN useradd --system --home /srv/intl intl && mkdir -p /srv/intl/uploads && chown -R intl /srv/intl/uploads
USER intl
ENV INTL_ENV=production UPLOAD_FOLDER=/srv/intl/uploads
EXPOSE 8000
CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:8000", "wsgi:app"]
