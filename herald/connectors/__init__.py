"""Publishing connectors: one interface for every social media platform Herald posts to.

See docs/connectors.md. Plain Python: nothing in this package imports Django, so connectors
can be used and tested without Herald's settings.
"""

from .base import Connector, Health, Image, Profile, Publishable, RemoteRef, Secret
from .errors import (
    ERROR_CODES,
    AuthFailed,
    ConnectorError,
    NotFound,
    ProviderError,
    RateLimited,
    Rejected,
    Timeout,
    Unavailable,
)
from .registry import ConnectorRegistry, build, default_registry, register

__all__ = [
    "ERROR_CODES",
    "AuthFailed",
    "Connector",
    "ConnectorError",
    "ConnectorRegistry",
    "Health",
    "Image",
    "NotFound",
    "Profile",
    "ProviderError",
    "Publishable",
    "RateLimited",
    "Rejected",
    "RemoteRef",
    "Secret",
    "Timeout",
    "Unavailable",
    "build",
    "default_registry",
    "register",
]
