"""Django settings. Every value comes from herald.core.config (documented in docs/settings.md)."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from herald.core.config import env, env_bool, env_int

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = (BASE_DIR / env("HERALD_DATA_DIR")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)

DEBUG = env_bool("HERALD_DEBUG")


def _secret_key() -> str:
    key = env("HERALD_SECRET_KEY")
    if key:
        return key
    # Development and the demo: a random key kept beside the SQLite database, never in the repo.
    path = DATA_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in env("HERALD_ALLOWED_HOSTS").split(",") if h.strip()]
HERALD_BASE_URL = env("HERALD_BASE_URL").rstrip("/")
HERALD_DEFAULT_COUNCIL = env("HERALD_DEFAULT_COUNCIL")
HERALD_LOGIN_MAX_FAILURES = env_int("HERALD_LOGIN_MAX_FAILURES")
HERALD_LOGIN_LOCKOUT_MINUTES = env_int("HERALD_LOGIN_LOCKOUT_MINUTES")
HERALD_COMPLAINTS_PER_HOUR = env_int("HERALD_COMPLAINTS_PER_HOUR")
HERALD_PUBLIC_CACHE_SECONDS = env_int("HERALD_PUBLIC_CACHE_SECONDS")
HERALD_CONNECTOR_BACKENDS = dict(
    item.split("=", 1) for item in env("HERALD_CONNECTOR_BACKENDS").replace(" ", "").split(",") if "=" in item)


def _credentials_keys() -> list[str]:
    keys = [k.strip() for k in env("HERALD_CREDENTIALS_KEYS").split(",") if k.strip()]
    if keys:
        return keys
    from cryptography.fernet import Fernet

    path = DATA_DIR / "dev-credentials-key"
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return [path.read_text().strip()]


HERALD_CREDENTIALS_KEYS = _credentials_keys()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "herald.core",
    "herald.councils",
    "herald.records",
    "herald.policy",
    "herald.people",
    "herald.web",
    "herald.elections",
    "herald.screening",
    "herald.channels",
    "herald.posts",
    "herald.complaints",
    "herald.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "herald.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "herald.urls"
WSGI_APPLICATION = "herald.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "herald.web.context.herald",
                "herald.elections.context.pre_election",
            ],
        },
    },
]

if env("DATABASE_URL"):
    # Connections are kept for a minute and checked before reuse, so a database restart costs no request.
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "herald.sqlite3",
            "OPTIONS": {
                # WAL lets the web process read while the task worker writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:sign-in"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("HERALD_SECURE_COOKIES")
if SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "herald.web.views.errors.csrf_failure"  # plain English, no inline style (CSP)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    # GOV.UK Frontend from npm (never copied into the repo) and the stylesheet built from it.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "var" / "static-build",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"  # private: never served by URL (post images go through an access-checked view)
HERALD_UPLOAD_MAX_BYTES = env_int("HERALD_UPLOAD_MAX_BYTES")
HERALD_ATTACHMENTS_PER_POST = env_int("HERALD_ATTACHMENTS_PER_POST")
HERALD_CASE_FILE_MAX_BYTES = env_int("HERALD_CASE_FILE_MAX_BYTES")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if env("HERALD_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("HERALD_EMAIL_HOST")
    EMAIL_PORT = env_int("HERALD_EMAIL_PORT")
    EMAIL_HOST_USER = env("HERALD_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env("HERALD_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env_bool("HERALD_EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("HERALD_EMAIL_FROM")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("HERALD_LOG_LEVEL")},
}
