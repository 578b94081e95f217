"""Codesign settings, read from the environment.

With no variables set this is the embedded default: SQLite, the in-memory channel
layer, console e-mail and a development secret key. ``DATABASE_URL`` and
``REDIS_URL`` switch to PostgreSQL and Redis; ``CODESIGN_ENV=production`` turns on
the production checks. Every variable is described in README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from codesign.serving import served_site

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("CODESIGN_ENV", "development")
PRODUCTION = ENV == "production"


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list without blanks."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def required(name: str) -> str:
    """An environment variable that production cannot run without."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when CODESIGN_ENV=production (see README.md)."
        )
    return value


# Django's own deployment check asks for at least this many characters.
SECRET_KEY_MIN_LENGTH = 50

if PRODUCTION:
    SECRET_KEY = required("SECRET_KEY")
    if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters "
            "when CODESIGN_ENV=production (see README.md)."
        )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
    DEBUG = os.environ.get("DEBUG", "") == "1"
else:
    # The embedded default only ever serves localhost, so a fixed key is harmless here.
    SECRET_KEY = (
        os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
    DEBUG = os.environ.get("DEBUG", "1") == "1"

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies in front that each append the address they saw to X-Forwarded-For;
# 0 trusts no header and uses the socket's address (codesign/ratelimit.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# `make run` says where it serves (SERVE_HOST, SERVE_PORT): on 0.0.0.0 the phones in
# the room reach the machine's LAN address, so links, hosts and origins follow it.
_default_site_url = "http://127.0.0.1:8000"
if os.environ.get("SERVE_HOST") and not PRODUCTION:
    _served = served_site(
        os.environ["SERVE_HOST"], os.environ.get("SERVE_PORT", "8000")
    )
    ALLOWED_HOSTS += [host for host in _served.hosts if host not in ALLOWED_HOSTS]
    CSRF_TRUSTED_ORIGINS += _served.origins
    _default_site_url = _served.site_url
# The base of links made without a request (commands, cron); during a request links
# follow the request's own scheme and host (codesign.links.site_url).
if PRODUCTION:
    SITE_URL = required("SITE_URL").rstrip("/")
else:
    SITE_URL = os.environ.get("SITE_URL", _default_site_url).rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "channels",
    "allauth",
    "allauth.account",
    "codesign",
    "events",
    "feedback",
    "codesign.log.apps.LogConfig",
    # The benchmark's ``manage.py bench_board``; nothing in the site imports it.
    "bench.apps.BenchConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped: a board of 1,000 cards shrinks twentyfold for phones on the
    # room's Wi-Fi. BREACH: Django masks the CSRF token per response and this
    # middleware pads each response randomly ("Heal The Breach"), docs/performance.md.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "codesign.links.CurrentRequestMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "codesign.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "codesign.ratelimit.RateLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "codesign.urls"
ASGI_APPLICATION = "codesign.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Databases: SQLite in WAL mode by default; DATABASE_URL for PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Keep the connection: reopening it (and re-running the pragmas below)
            # cost a board command a tenth of its time (docs/performance.md).
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
                # busy timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

# Realtime and cache: in-process by default, Redis for scale-out.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "codesign"},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "codesign",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Under Daphne, board frames are framed once and written straight to the socket
# (feedback/daphne_fastpath.py); "0" keeps to plain ASGI sends, as any other server.
BOARD_FAST_PATH = os.environ.get("BOARD_FAST_PATH", "1") == "1"
# Presence frames go out at least this often; pages reconnect after two silent beats.
BOARD_HEARTBEAT_SECONDS = float(os.environ.get("BOARD_HEARTBEAT_SECONDS", "15"))

AUTH_USER_MODEL = "codesign.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_REDIRECT_URL = "codesign:dashboard"
LOGIN_URL = "account_login"

# django-allauth: e-mail only, verified before first log-in, rate limits left on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "codesign.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Codesign] "
# allauth's per-address limits use the same client address as the rest of the site.
ACCOUNT_ADAPTER = "codesign.adapter.AccountAdapter"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Codesign <noreply@localhost>"
)

# Who runs this site, as the privacy and accessibility statements name them (issue 14).
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Codesign")
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Outside production, serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Request lines of the development server, once (not again through the root logger).
    "loggers": {
        "django.channels.server": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
        }
    },
}
