"""The one settings module. Everything that differs between a laptop and a server comes from
environment variables through the typed helpers in ``env.py`` (see docs/deploy.md).

RUNCARE_ENV=production switches on the production checks: SECRET_KEY and ALLOWED_HOSTS must
then be given, cookies are secure and HTTPS is enforced.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from runcare.web.env import (
    ConfigError,
    data_dir,
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_site_url,
    env_str,
)

PRODUCTION = env_choice("RUNCARE_ENV", ("development", "production"), "development") == "production"
DEBUG = env_bool("RUNCARE_DEBUG", default=False)
# A reverse proxy we run: it says whether the request came over HTTPS and from which address.
BEHIND_PROXY = env_bool("RUNCARE_BEHIND_PROXY", default=False)
DATA_DIR = data_dir()
BASE_DIR = Path(__file__).resolve().parent


def _local_secret_key() -> str:
    """A key made once per machine for the embedded setup, kept readable by its owner only."""
    path = DATA_DIR / "secret_key"
    try:
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(
            f"RUNCARE_DATA_DIR: cannot keep the secret key in {DATA_DIR} ({reason})"
        ) from exc


if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ConfigError("SECRET_KEY must be at least 50 characters long in production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ConfigError("ALLOWED_HOSTS must list the site's host names in production")
else:
    SECRET_KEY = env_str("SECRET_KEY", "") or _local_secret_key()
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_tasks",
    "django_tasks_db",
    "runcare.web.accounts",
    "runcare.web.clinic",
    "runcare.web.training",
    "runcare.web.body",
    "runcare.web.media",
    "runcare.web.care",
    "runcare.web.rights",
    "runcare.web.exercises",
    "runcare.web.plan",
    "runcare.web.parsed",
    "runcare.web.booking",
    "runcare.web.calendars",
    "runcare.web.posts",
    "runcare.web.summaries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: each person's pages in their own time zone.
    "runcare.web.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: it needs request.user to know whether to forbid caching.
    "runcare.web.headers.PrivacyHeadersMiddleware",
]

ROOT_URLCONF = "runcare.web.urls"
WSGI_APPLICATION = "runcare.web.wsgi.application"

# Every form laid out alike (label above the field, no "Label:"); see runcare.web.forms.
FORM_RENDERER = "runcare.web.forms.FormRenderer"

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
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'runcare.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web process read while the worker writes an import.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A test database in a file, not in memory: browser tests run the live server and the
    # queue worker side by side, and each needs a connection of its own.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-runcare.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Health data: sessions end after a working day, or after a browser restart.
SESSION_COOKIE_AGE = env_int("RUNCARE_SESSION_SECONDS", 8 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_ATTEMPTS_PER_15_MIN = env_int("RUNCARE_LOGIN_ATTEMPTS", 5, minimum=1)
INVITATION_DAYS = env_int("RUNCARE_INVITATION_DAYS", 7, minimum=1)
# A password reset link works once and for this long (Django's signed token carries the time).
PASSWORD_RESET_TIMEOUT = env_int("RUNCARE_PASSWORD_RESET_HOURS", 24, minimum=1) * 3600
# Reset links asked for one e-mail address in an hour (one client address: four times as many).
PASSWORD_RESETS_PER_HOUR = env_int("RUNCARE_PASSWORD_RESETS", 3, minimum=1)

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # The preload list is a commitment for the domain and all its subdomains that is slow
        # to undo: the operator's choice (SECURE_HSTS_PRELOAD=true), not a default. Until it
        # is made, `check --deploy` is told not to ask for it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("RUNCARE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only production serves collected files; development serves straight from the apps.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static"))) if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploads are kept outside anything served over HTTP (see docs/deploy.md).
UPLOAD_DIR = Path(env_str("RUNCARE_UPLOAD_DIR", str(DATA_DIR / "uploads")))
UPLOAD_MAX_BYTES = env_int("RUNCARE_UPLOAD_MAX_MB", 1024, minimum=1) * 1024**2
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024**2
# One picture in a therapist's library (runcare.web.media).
PICTURE_MAX_BYTES = env_int("RUNCARE_PICTURE_MAX_MB", 10, minimum=1) * 1024**2
# A dotted path to a function (url -> bytes) that asks Wikimedia Commons; empty: the network.
COMMONS_FETCHER = ""
DATA_UPLOAD_MAX_NUMBER_FILES = 500

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# Seconds: a mail server that accepts and then stalls must not hold a reminder run (started by
# cron every few minutes) for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "runcare <noreply@localhost>")
# The site's public address, for links in mails sent outside any request (the reminders of
# ``runcare send-reminders`` run from cron); empty: the mails carry no links.
SITE_URL = env_site_url("RUNCARE_SITE_URL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("RUNCARE_LOG_LEVEL", "WARNING")},
}
