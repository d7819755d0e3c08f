"""Herald's settings: each one read from the environment, with a default and a description.

This list is the single source for docs/settings.md (a test fails when a setting here is not
documented there). Secrets only ever come from the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    description: str

    def value(self) -> str:
        return os.environ.get(self.name, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("HERALD_SECRET_KEY", "", "Django secret key. Required unless HERALD_DEBUG is on, "
            "when a development key is kept in HERALD_DATA_DIR."),
    Setting("HERALD_DEBUG", "0", "1 shows Django's debug pages. Never in production."),
    Setting("HERALD_DATA_DIR", "var", "Folder for the SQLite database, uploads and the development key."),
    Setting("DATABASE_URL", "", "PostgreSQL URL (postgres://user:pass@host:port/name). Empty: SQLite "
            "in HERALD_DATA_DIR/herald.sqlite3."),
    Setting("HERALD_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names Herald answers to."),
    Setting("HERALD_BASE_URL", "http://127.0.0.1:8000", "Public address, used in emails and feeds."),
    Setting("HERALD_SECURE_COOKIES", "0", "1 marks cookies Secure and sends HSTS (behind HTTPS)."),
    Setting("HERALD_DEFAULT_COUNCIL", "", "Slug of the council served at / and /policy. Empty: the only "
            "council, if there is just one."),
    Setting("HERALD_LOGIN_MAX_FAILURES", "5", "Failed sign-in attempts for one email address before it is "
            "locked out."),
    Setting("HERALD_LOGIN_LOCKOUT_MINUTES", "15", "How long a lock-out lasts, and the window failures are "
            "counted in."),
    Setting("HERALD_EMAIL_HOST", "", "SMTP server. Empty: emails are written to the console log."),
    Setting("HERALD_EMAIL_PORT", "25", "SMTP port."),
    Setting("HERALD_EMAIL_USER", "", "SMTP user name."),
    Setting("HERALD_EMAIL_PASSWORD", "", "SMTP password (secret)."),
    Setting("HERALD_EMAIL_USE_TLS", "0", "1 uses STARTTLS."),
    Setting("HERALD_EMAIL_FROM", "herald@localhost", "From address of Herald's emails."),
    Setting("HERALD_CREDENTIALS_KEYS", "", "Comma-separated Fernet keys that encrypt channel credentials at rest. "
            "The first encrypts; all decrypt (rotation: put the new key first, run `herald channels "
            "rotate-credentials`, then drop the old key). Empty: a development key kept in HERALD_DATA_DIR."),
    Setting("HERALD_CONNECTOR_BACKENDS", "", "Platforms served by another connector, e.g. "
            "'bluesky=stub,mastodon=stub' for a demo or tests with no network. Empty: real connectors."),
    Setting("HERALD_LOG_LEVEL", "INFO", "Logging level (DEBUG, INFO, WARNING, ERROR)."),
    Setting("HERALD_COMPLAINTS_PER_HOUR", "5", "Most complaints the public form accepts from one network address "
            "in an hour (spam protection); more are refused with a message giving other ways to complain."),
    Setting("HERALD_PUBLIC_CACHE_SECONDS", "5", "Seconds each web process keeps a public page (council home, "
            "policy, channels, news and its feed) for visitors who send no cookies, who all see the same page. "
            "A page that sets a cookie is never kept. 0 turns this off."),
    Setting("HERALD_UPLOAD_MAX_BYTES", "5242880", "Largest image a post may carry, in bytes (5 MB). Larger "
            "uploads are refused while they stream in."),
    Setting("HERALD_ATTACHMENTS_PER_POST", "4", "Most images one post may carry (Bluesky's and Mastodon's limit "
            "is 4)."),
    Setting("HERALD_CASE_FILE_MAX_BYTES", "10485760", "Largest file (PDF, image or plain text) that may be added "
            "to a complaint case with a note, in bytes (10 MB). Larger uploads are refused while they stream in."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def env(name: str) -> str:
    """The value of a documented setting (unknown names are a programming error)."""
    return _BY_NAME[name].value()


def env_bool(name: str) -> bool:
    return env(name).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str) -> int:
    raw = env(name)
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"Setting {name} must be a whole number, not {raw!r}.") from None
