"""Parvis settings: one module, every value read from the environment (see docs/configuration.md)."""

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from parvis.env import email_url, env_bool, env_float, env_int, env_list, env_str, oidc_provider, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules or env_bool("PARVIS_TESTING")

# Tests never write into the instance's own data, and each pytest-xdist worker has a directory of its own.
_DEFAULT_DATA_DIR = (
    BASE_DIR / "var" / "test" / os.environ.get("PYTEST_XDIST_WORKER", "main") if TESTING else BASE_DIR / "var"
)
PARVIS_DATA_DIR = Path(env_str("PARVIS_DATA_DIR", str(_DEFAULT_DATA_DIR))).resolve()
PARVIS_DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = secret_key(PARVIS_DATA_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Identity of the collectivité running the instance.
PARVIS_SITE_NAME = env_str("PARVIS_SITE_NAME", "Grand Paris Sud Est Avenir")
PARVIS_SITE_LOGO = env_str("PARVIS_SITE_LOGO", "")
PARVIS_PRIMARY_COLOR = env_str("PARVIS_PRIMARY_COLOR", "#0b5d7a")
PARVIS_CONTACT_EMAIL = env_str("PARVIS_CONTACT_EMAIL", "contact@example.org")
PARVIS_HOME_TERRITORY = env_str("PARVIS_HOME_TERRITORY", "ept:200058006")
PARVIS_MAX_UPLOAD_BYTES = env_int("PARVIS_MAX_UPLOAD_BYTES", 1 << 30)
PARVIS_QUERY_TIMEOUT = env_int("PARVIS_QUERY_TIMEOUT", 5)
PARVIS_LOGIN_MAX_FAILURES = env_int("PARVIS_LOGIN_MAX_FAILURES", 5)
PARVIS_LOGIN_LOCKOUT_MINUTES = env_int("PARVIS_LOGIN_LOCKOUT_MINUTES", 15)
PARVIS_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("PARVIS_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
# Roles that must use a second factor: any of admin, gestionnaire, contributeur, partenaire (empty: optional).
PARVIS_2FA_REQUIRED_ROLES = env_list("PARVIS_2FA_REQUIRED_ROLES", [])
PARVIS_API_READ_LIMIT = env_int("PARVIS_API_READ_LIMIT", 300)
PARVIS_API_WRITE_LIMIT = env_int("PARVIS_API_WRITE_LIMIT", 60)
# Default retention of the audit log; the administrator can change it in the instance settings.
PARVIS_AUDIT_RETENTION_DAYS = env_int("PARVIS_AUDIT_RETENTION_DAYS", 365)
PARVIS_HTTPS = env_bool("PARVIS_HTTPS", True)
# The address people use to reach this instance; by default the local address on PARVIS_PORT.
PARVIS_PUBLIC_URL = env_str("PARVIS_PUBLIC_URL", f"http://127.0.0.1:{env_int('PARVIS_PORT', 8000)}/")
PARVIS_QUERY_MEMORY = env_str("PARVIS_QUERY_MEMORY", "1GB")
PARVIS_QUERY_THREADS = env_int("PARVIS_QUERY_THREADS", 2)
PARVIS_IMPORT_URL_TIMEOUT = env_int("PARVIS_IMPORT_URL_TIMEOUT", 60)
PARVIS_IMPORT_ALLOW_PRIVATE_URLS = env_bool("PARVIS_IMPORT_ALLOW_PRIVATE_URLS", DEBUG)
PARVIS_FOOTPRINT_ALLOW_PRIVATE = env_bool("PARVIS_FOOTPRINT_ALLOW_PRIVATE", DEBUG)
# Tests only: networks the outbound guard treats as public (one loopback address standing for the Internet).
PARVIS_NETGUARD_PUBLIC_NETWORKS: tuple[str, ...] = ()
PARVIS_FOOTPRINT_WAIT = env_float("PARVIS_FOOTPRINT_WAIT", 1.0)
PARVIS_FOOTPRINT_DELAY = env_float("PARVIS_FOOTPRINT_DELAY", 1.0)
PARVIS_FOOTPRINT_TIMEOUT = env_int("PARVIS_FOOTPRINT_TIMEOUT", 30)
PARVIS_FOOTPRINT_MAX_BYTES = env_int("PARVIS_FOOTPRINT_MAX_BYTES", 20_000_000)
PARVIS_FOOTPRINT_MAX_PAGES = env_int("PARVIS_FOOTPRINT_MAX_PAGES", 10)
PARVIS_AXE_DIR = Path(env_str("PARVIS_AXE_DIR", str(BASE_DIR / "node_modules" / "axe-core")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_ox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "parvis.core",
    "parvis.accounts",
    "parvis.territory",
    "parvis.catalog",
    "parvis.observatory",
    "parvis.inclusion",
    "parvis.footprint",
    "parvis.participation",
]
PARVIS_APPS = [app.rsplit(".", 1)[1] for app in INSTALLED_APPS if app.startswith("parvis.")]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON (with Django's BREACH mitigation); static files come pre-compressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language chosen with the switch (cookie), French otherwise; Accept-Language is not followed.
    "parvis.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "parvis.accounts.middleware.SecondFactorMiddleware",
    "parvis.core.ratelimit.RateLimitHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "parvis.core.middleware.RequestLogMiddleware",
    "parvis.core.middleware.OutOfRangeNumberMiddleware",
    # Streams every upload to disk and refuses it past PARVIS_MAX_UPLOAD_BYTES; no middleware above reads the
    # body before the view (the CSRF check reads it in process_view, after this one has run).
    "parvis.core.uploads.UploadLimitMiddleware",
]

ROOT_URLCONF = "parvis.urls"
WSGI_APPLICATION = "parvis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parvis.core.context_processors.site",
            ],
            # |http_url and |contact_url on every user-provided link, in every template.
            "builtins": ["parvis.core.templatetags.safe_links"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PARVIS_DATA_DIR / 'parvis.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A pool of connections per process (psycopg_pool), each checked before it is handed out; without a
    # pool (PARVIS_DB_POOL_SIZE=0), persistent connections checked before each request.
    _pool_size = env_int("PARVIS_DB_POOL_SIZE", 8)
    if _pool_size > 0:
        from psycopg_pool import ConnectionPool

        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": _pool_size,
            "timeout": 10,
            "check": ConnectionPool.check_connection,
        }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Connections are kept (one per server thread, DATABASE_CONN_MAX_AGE seconds): opening one per request
    # (connection, PRAGMAs, schema parse) cost 2 to 3 ms of CPU, more than a cached page (bench/territory_pages.py).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["parvis.accounts.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = PARVIS_SITE_NAME
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

# Cache: Redis when configured (shared by every node), else a file cache shared by local processes.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Falls back to process memory while Redis does not answer (parvis.core.cache); short timeouts so a
    # Redis that vanished costs a request half a second, once per RETRY_AFTER seconds.
    CACHES = {
        "default": {
            "BACKEND": "parvis.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(PARVIS_DATA_DIR / "cache"),
        }
    }
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per-process cache: the layout's fixed parts ({% cache %} in core/base.html) depend only on settings,
# language and path (docs/architecture.md lists every per-process cache and why it is safe).
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
}

# Storage: a local directory by default, an S3-compatible bucket with PARVIS_STORAGE_URL=s3://bucket/prefix.
PARVIS_STORAGE_URL = env_str("PARVIS_STORAGE_URL", str(PARVIS_DATA_DIR / "media"))
if PARVIS_STORAGE_URL.startswith("s3://"):
    from botocore.config import Config as _S3Config

    # Never bind `_` here: it is gettext_lazy, used below for LANGUAGES.
    _bucket, _slash, _prefix = PARVIS_STORAGE_URL[5:].partition("/")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "location": _prefix.strip("/"),
            # An unreachable endpoint fails in seconds, with a French message (parvis.core.storage_check).
            "client_config": _S3Config(connect_timeout=3, read_timeout=30, retries={"max_attempts": 2}),
            "endpoint_url": env_str("PARVIS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("PARVIS_S3_ACCESS_KEY") or None,
            "secret_key": env_str("PARVIS_S3_SECRET_KEY") or None,
            "region_name": env_str("PARVIS_S3_REGION") or None,
            "default_acl": None,
            # Two uploads with the same name get two objects (a version's source is never replaced).
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    MEDIA_ROOT = PARVIS_STORAGE_URL.removeprefix("file://")
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
STATIC_URL = "/static/"
STATIC_ROOT = PARVIS_DATA_DIR / "staticfiles"
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "parvis.core.storage.StaticStorage"
    },
}
WHITENOISE_MAX_AGE = 3600

# Background tasks live in the database (django-ox): a worker holds a lease on each task it runs and renews
# it while alive; a task whose worker died is taken back after PARVIS_TASK_LEASE_SECONDS and retried with
# backoff, at most PARVIS_TASK_MAX_ATTEMPTS times. Periodic jobs come from parvis.core.periodic.
TASKS: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_ox.backend.OxBackend",
        "QUEUES": ["default"],
    }
}
if not TESTING:
    TASKS["default"]["OPTIONS"] = {
        "MAX_ATTEMPTS": env_int("PARVIS_TASK_MAX_ATTEMPTS", 3),
        "LOCK_TIMEOUT": env_int("PARVIS_TASK_LEASE_SECONDS", 120),
        "BACKOFF_INITIAL": env_int("PARVIS_TASK_RETRY_SECONDS", 10),
        "BACKOFF_MAX": 600,
        "SCHEDULE_SOURCE": "parvis.core.scheduler.PeriodicJobs",
    }

# Mail: EMAIL_URL (smtp://user:password@host:587?tls=true) or the separate EMAIL_* variables; the console by
# default, where the admin's outbox page (/compte/admin/courriels/) shows what would have been sent.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {
    "default": email_url(env_str("EMAIL_URL"))
    if env_str("EMAIL_URL")
    else {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        }
        if _email_backend.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"Parvis <{PARVIS_CONTACT_EMAIL}>")

LANGUAGE_CODE = "fr"
# French is the source language (decision 0002); English covers the public pages (parvis/locale/en).
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PARVIS_HTTPS
LOCALE_PATHS = [BASE_DIR / "parvis" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Security: secure defaults, loosened only through the environment.
SESSION_COOKIE_SECURE = PARVIS_HTTPS
CSRF_COOKIE_SECURE = PARVIS_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("PARVIS_SESSION_SECONDS", 8 * 3600)
SECURE_SSL_REDIRECT = env_bool("PARVIS_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("PARVIS_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR blocks): rate limits, the audit log
# and lock-outs then see the visitor's address instead of the proxy's (parvis.core.clientip).
PARVIS_TRUSTED_PROXIES = env_list("PARVIS_TRUSTED_PROXIES", [])
if env_bool("PARVIS_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # The nonce allows only the one-line <style> carrying the collectivité's colour.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = str(PARVIS_DATA_DIR / "tmp")
os.makedirs(FILE_UPLOAD_TEMP_DIR, exist_ok=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "parvis.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Single sign-on with OpenID Connect providers (ProConnect for agents, FranceConnect for residents…): a
# comma-separated list of names, each configured by OIDC_<NAME>_* variables (see docs/configuration.md).
PARVIS_OIDC_PROVIDERS = {name: oidc_provider(name) for name in env_list("PARVIS_OIDC_PROVIDERS", [])}
CSRF_FAILURE_VIEW = "parvis.core.views.errors.csrf_failure"
