"""Parvis settings: one module, every value read from the environment (see docs/configuration.md)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from parvis.env import env_bool, env_float, env_int, env_list, env_str, secret_key

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
PARVIS_HTTPS = env_bool("PARVIS_HTTPS", True)
PARVIS_PUBLIC_URL = env_str("PARVIS_PUBLIC_URL", "http://127.0.0.1:8000/")
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
    "django_tasks_db",
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
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

# Cache: Redis when configured (shared by every node), else a file cache shared by local processes.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(PARVIS_DATA_DIR / "cache"),
        }
    }
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per-process caches: the layout's fixed parts ({% cache %} in core/base.html) depend only on settings,
# language and path; places typed in the help finder are geocoded again after 10 minutes.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
}
CACHES["geocoding"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "geocoding",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Storage: a local directory by default, an S3-compatible bucket with PARVIS_STORAGE_URL=s3://bucket/prefix.
PARVIS_STORAGE_URL = env_str("PARVIS_STORAGE_URL", str(PARVIS_DATA_DIR / "media"))
if PARVIS_STORAGE_URL.startswith("s3://"):
    _bucket, _, _prefix = PARVIS_STORAGE_URL[5:].partition("/")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "location": _prefix,
            "endpoint_url": env_str("PARVIS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("PARVIS_S3_ACCESS_KEY") or None,
            "secret_key": env_str("PARVIS_S3_SECRET_KEY") or None,
            "region_name": env_str("PARVIS_S3_REGION") or None,
            "default_acl": None,
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

TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _email_backend.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"Parvis <{PARVIS_CONTACT_EMAIL}>")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
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

OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
if OIDC_RP_CLIENT_ID:
    # Single sign-on through any OpenID Connect provider (ProConnect, Keycloak, …).
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("parvis.accounts.backends.OIDCBackend")
CSRF_FAILURE_VIEW = "parvis.core.views.errors.csrf_failure"
