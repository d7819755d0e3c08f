"""Channel credentials, encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

Keys come from HERALD_CREDENTIALS_KEYS (docs/settings.md). Several keys allow rotation: the first
encrypts, any decrypts; `herald channels rotate-credentials` re-encrypts everything with the first.
Credentials are never shown back in the UI, logs or errors.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from herald.core.errors import HeraldError


class CredentialsUnreadable(HeraldError):
    code = "credentials_unreadable"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in settings.HERALD_CREDENTIALS_KEYS])


def encrypt(values: dict[str, str]) -> str:
    return _fernet().encrypt(json.dumps(values).encode()).decode()


def decrypt(token: str) -> dict[str, str]:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError):
        raise CredentialsUnreadable("The channel's saved credentials cannot be read with the current keys. "
                                    "Enter them again.") from None


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode() if token else token
