"""Configuration read from environment variables, with safe defaults for development."""

from __future__ import annotations

import os
from pathlib import Path

from .core.time import DEFAULT_OFFICE_ZONE

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """Raised at start-up when the environment cannot run the application safely."""


# The office writes Chinese; English for everyone else; the partners' languages for guests, students and interns
# (their missing messages fall back to English: intl.core.i18n).
LANGUAGES = ("zh_Hant_TW", "en", "ja", "ko", "vi", "id", "th")


def _normalize_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the psycopg 3 driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask configuration from the environment, then apply explicit overrides.

    INTL_ENV chooses the mode: 'development' (default for `make run`), 'production' or 'testing'.
    Production refuses to start without SECRET_KEY, because a guessable key lets anyone forge sessions.
    """
    env = os.environ
    overrides = overrides or {}
    mode = overrides.get("ENV_MODE") or env.get("INTL_ENV", "development")
    instance = Path(env.get("INTL_INSTANCE_PATH", PROJECT_ROOT / "instance"))
    office_zone = overrides.get("OFFICE_TIMEZONE") or env.get("OFFICE_TIMEZONE", DEFAULT_OFFICE_ZONE)

    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if not secret:
        if mode == "production":
            raise ConfigError(
                "SECRET_KEY is not set. Intl Desk refuses to start in production without it: "
                "set SECRET_KEY to a long random value (for example the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`)."
            )
        secret = "development-only-secret-key-not-for-production"

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'intl-desk.sqlite3'}"

    config = {
        "ENV_MODE": mode,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _normalize_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_FOLDER": env.get("UPLOAD_FOLDER", str(instance / "uploads")),
        # The largest request body accepted; uploads are also checked per field.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "MAX_DOCUMENT_BYTES": int(env.get("MAX_DOCUMENT_MB", "10")) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "zh_Hant_TW",
        "BABEL_DEFAULT_TIMEZONE": office_zone,
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LANGUAGES": list(LANGUAGES),
        "OFFICE_TIMEZONE": office_zone,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), default=mode == "production"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # Sign-in throttling: after this many failures within the window the name is locked for LOCK_MINUTES.
        "SIGN_IN_MAX_FAILURES": int(env.get("SIGN_IN_MAX_FAILURES", "5")),
        "SIGN_IN_IP_MAX_FAILURES": int(env.get("SIGN_IN_IP_MAX_FAILURES", "30")),
        "SIGN_IN_WINDOW_MINUTES": int(env.get("SIGN_IN_WINDOW_MINUTES", "15")),
        "SIGN_IN_LOCK_MINUTES": int(env.get("SIGN_IN_LOCK_MINUTES", "15")),
        # Argon2id cost; tests lower it so that hashing does not dominate the suite.
        "PASSWORD_TIME_COST": int(env.get("PASSWORD_TIME_COST", "3")),
        "PASSWORD_MEMORY_COST": int(env.get("PASSWORD_MEMORY_COST", str(64 * 1024))),
        "PASSWORD_MIN_LENGTH": 10,
        "PER_PAGE": 50,
        # A list's total is counted exactly up to this many rows, then shown as "more than" (core/pagination).
        "LIST_COUNT_LIMIT": int(env.get("LIST_COUNT_LIMIT", "10000")),
        "BASE_URL": env.get("BASE_URL", ""),
        # A partner with no exchange (visit, interaction, agreement) for this many months is listed as dormant.
        "DORMANT_MONTHS": int(env.get("DORMANT_MONTHS", "24")),
        # Gift ethics (公務員廉政倫理規範), in NT$ and days: see intl/gifts/ethics.py.
        "GIFT_MIN_VALUE": int(env.get("GIFT_MIN_VALUE", "500")),
        "GIFT_GROUP_MIN_VALUE": int(env.get("GIFT_GROUP_MIN_VALUE", "1000")),
        "GIFT_SOCIAL_LIMIT": int(env.get("GIFT_SOCIAL_LIMIT", "3000")),
        "GIFT_YEARLY_LIMIT_PER_GIVER": int(env.get("GIFT_YEARLY_LIMIT_PER_GIVER", "10000")),
        "GIFT_REPORT_DAYS": int(env.get("GIFT_REPORT_DAYS", "3")),
        # Outgoing mail (intl/core/mail.py: the follow-up digest, guests' confirmations); an empty SMTP_HOST sends none.
        "SMTP_HOST": env.get("SMTP_HOST", "localhost"),
        "SMTP_PORT": int(env.get("SMTP_PORT", "25")),
        "SMTP_USERNAME": env.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool(env.get("SMTP_STARTTLS")),
        "SMTP_TIMEOUT": int(env.get("SMTP_TIMEOUT", "10")),  # mail goes out from the worker, not the request
        "MAIL_FROM": env.get("MAIL_FROM", "Intl Desk <intl-desk@localhost>"),
        # The job queue (intl/core/queue.py): a SQLite file by default, Redis for several servers.
        "QUEUE_URL": env.get("QUEUE_URL", f"sqlite:///{instance / 'queue.sqlite3'}"),
        "QUEUE_NAME": env.get("QUEUE_NAME", "intl-desk"),
        "QUEUE_WORKERS": int(env.get("QUEUE_WORKERS", "2")),
        "QUEUE_RETRIES": int(env.get("QUEUE_RETRIES", "6")),
        "QUEUE_RETRY_DELAY": int(env.get("QUEUE_RETRY_DELAY", "60")),
        "QUEUE_STALE_MINUTES": int(env.get("QUEUE_STALE_MINUTES", "30")),
        # Imports with more rows than this are written by a job, with their progress shown.
        "IMPORT_JOB_ROWS": int(env.get("IMPORT_JOB_ROWS", "500")),
        # The job commits its progress after each this many rows. Each commit of a chunk costs SQLite a
        # checkpoint of the pages the chunk changed (its postings reach thousands of index pages): 10,000
        # contacts took 11 s in chunks of 500 and 9 s in chunks of 2,000 (100,000 contacts, bench/contacts.py).
        "IMPORT_JOB_CHUNK_ROWS": int(env.get("IMPORT_JOB_CHUNK_ROWS", "2000")),
        # Uploads larger than this (bytes) are read, checked and matched for duplicates by a job, their
        # page showing "being read" meanwhile. Decided by size, so that the request reads none of the file:
        # 100 KB is about 1,600 contact rows of 14 columns in an .xlsx, 600 in a CSV (intl/imports/analysis_job.py).
        "IMPORT_ANALYSIS_JOB_BYTES": int(env.get("IMPORT_ANALYSIS_JOB_BYTES", "100000")),
        # How many proxies (nginx, a load balancer) stand in front of the app servers: their X-Forwarded-For
        # and -Proto headers are then trusted for the client's address (sign-in throttling) and the scheme.
        "PROXY_COUNT": int(env.get("PROXY_COUNT", "0")),
        # Seconds a browser keeps a static file whose URL does not name its content (the fonts' files, which
        # the font stylesheets name); URLs the app writes name it and are kept a year (intl/core/static_files.py).
        "STATIC_MAX_AGE": int(env.get("STATIC_MAX_AGE", "3600")),
        # One JSON line per request (method, path, status, duration) on standard error: on in production.
        "REQUEST_LOG": _bool(env.get("REQUEST_LOG"), default=mode == "production"),
        # Signing in with the city's directory (intl/directory): LDAP / Active Directory and OpenID Connect.
        "DIRECTORY_GROUP_ROLES": env.get("DIRECTORY_GROUP_ROLES", ""),
        "DIRECTORY_CHECK_SECONDS": int(env.get("DIRECTORY_CHECK_SECONDS", "60")),
        "DIRECTORY_SYNC_MINUTES": int(env.get("DIRECTORY_SYNC_MINUTES", "15")),
        # The worker rewrites partners' standing this often, so a tie whose term ended overnight stops
        # counting on the stored row too (intl/partners/standing.py; pages already read it as expired).
        "STANDING_REFRESH_MINUTES": int(env.get("STANDING_REFRESH_MINUTES", "60")),
        "DIRECTORY_LDAP_URL": env.get("DIRECTORY_LDAP_URL", ""),
        "DIRECTORY_LDAP_TITLE": env.get("DIRECTORY_LDAP_TITLE", ""),
        "DIRECTORY_LDAP_BIND_DN": env.get("DIRECTORY_LDAP_BIND_DN", ""),
        "DIRECTORY_LDAP_BIND_PASSWORD": env.get("DIRECTORY_LDAP_BIND_PASSWORD", ""),
        "DIRECTORY_LDAP_STARTTLS": _bool(env.get("DIRECTORY_LDAP_STARTTLS")),
        "DIRECTORY_LDAP_USER_BASE": env.get("DIRECTORY_LDAP_USER_BASE", ""),
        "DIRECTORY_LDAP_USER_FILTER": env.get("DIRECTORY_LDAP_USER_FILTER", "(objectClass=person)"),
        "DIRECTORY_LDAP_UID": env.get("DIRECTORY_LDAP_UID", "uid"),
        "DIRECTORY_LDAP_GROUP_BASE": env.get("DIRECTORY_LDAP_GROUP_BASE", ""),
        "DIRECTORY_LDAP_GROUP_FILTER": env.get("DIRECTORY_LDAP_GROUP_FILTER", "(objectClass=groupOfNames)"),
        "DIRECTORY_LDAP_NESTED_GROUPS": _bool(env.get("DIRECTORY_LDAP_NESTED_GROUPS")),
        "DIRECTORY_OIDC_ISSUER": env.get("DIRECTORY_OIDC_ISSUER", ""),
        "DIRECTORY_OIDC_TITLE": env.get("DIRECTORY_OIDC_TITLE", ""),
        "DIRECTORY_OIDC_CLIENT_ID": env.get("DIRECTORY_OIDC_CLIENT_ID", ""),
        "DIRECTORY_OIDC_CLIENT_SECRET": env.get("DIRECTORY_OIDC_CLIENT_SECRET", ""),
        "DIRECTORY_OIDC_SCOPES": env.get("DIRECTORY_OIDC_SCOPES", "openid profile email offline_access"),
        "DIRECTORY_OIDC_GROUPS_CLAIM": env.get("DIRECTORY_OIDC_GROUPS_CLAIM", "groups"),
    }
    config.update(overrides)
    return config
