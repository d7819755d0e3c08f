"""The connector interface and its shared template.

A connector publishes to one account on one platform. Herald code calls only the four public
methods of :class:`Connector`; each goes through :meth:`Connector._run`, which

- times the call,
- logs one structured record (``connector``, ``operation``, ``duration_ms``, ``outcome`` and,
  on failure, ``error_code`` and ``retryable``) on the ``herald.connectors`` logger,
- and turns every provider exception into a :class:`~herald.connectors.errors.ConnectorError`.

Subclasses implement the ``_publish``/``_delete``/``_fetch_profile``/``_health`` hooks and
``_translate_error`` (provider exception -> ``ConnectorError``). Credentials are held in
:class:`Secret` so they never show in ``repr``, logs or error messages.

Plain Python: no Django imports.
"""

from __future__ import annotations

import abc
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping, TypeVar

from .errors import ConnectorError, ProviderError, Rejected

__all__ = [
    "Connector",
    "Health",
    "Image",
    "Profile",
    "Publishable",
    "RemoteRef",
    "Secret",
    "logger",
]

logger = logging.getLogger("herald.connectors")

T = TypeVar("T")

#: Idempotency keys travel in HTTP headers and are hashed into record keys: keep them plain.
IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9._:~-]{1,128}$")


class Secret:
    """A credential. ``str()``/``repr()`` never reveal it; call :meth:`reveal` at the point of use."""

    __slots__ = ("_value",)

    def __init__(self, value: str | "Secret") -> None:
        self._value = value.reveal() if isinstance(value, Secret) else str(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))


@dataclass(frozen=True)
class Image:
    """An image to attach. ``alt`` (the text alternative) is required by the council's policy."""

    data: bytes = field(repr=False)
    alt: str
    mime_type: str = "image/png"
    width: int | None = None
    height: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.data, (bytes, bytearray)):
            raise TypeError("Image.data must be bytes")


@dataclass(frozen=True)
class Publishable:
    """What a connector publishes: text, optional images and the links the text contains.

    Every URL in ``links`` must appear verbatim in ``text``; connectors that need explicit link
    markup (Bluesky facets) use them, others (Mastodon) link URLs in the text themselves.
    """

    text: str
    images: tuple[Image, ...] = ()
    links: tuple[str, ...] = ()
    language: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "images", tuple(self.images))
        object.__setattr__(self, "links", tuple(self.links))
        for link in self.links:
            if not link.startswith(("https://", "http://")):
                raise ValueError(f"link must be an absolute http(s) URL: {link!r}")
            if link not in self.text:
                raise ValueError(f"link does not appear in the text: {link!r}")


@dataclass(frozen=True)
class RemoteRef:
    """Where a published post lives. ``remote_id`` is what :meth:`Connector.delete` needs
    (a status id on Mastodon, an ``at://`` URI on Bluesky). ``replayed`` is True when a
    publish with an already-used idempotency key returned the existing post."""

    platform: str
    remote_id: str
    url: str | None = None
    replayed: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Profile:
    """The public profile of the channel's account (used to check that it shows the council's
    feedback-and-complaints link)."""

    platform: str
    handle: str
    display_name: str = ""
    description: str = ""
    links: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Health:
    """Result of :meth:`Connector.health`: never raises, reports the error code instead."""

    platform: str
    ok: bool
    detail: str = ""
    error_code: str | None = None
    retryable: bool = False


class Connector(abc.ABC):
    """Publishes to one account on one platform.

    Public methods are the interface and are not overridden; subclasses implement the hooks.
    """

    #: Registry name of the platform ("bluesky", "mastodon", ...). Set by each subclass.
    platform: str = ""
    #: Platform limits checked before any network call (``Rejected`` if exceeded).
    max_images: ClassVar[int] = 4
    max_image_bytes: ClassVar[int | None] = None
    allowed_image_types: ClassVar[frozenset[str]] = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

    def __init__(self, *, channel: str | None = None, clock: Callable[[], float] = time.perf_counter) -> None:
        #: A label for logs (e.g. the channel's id or slug). Never a credential.
        self.channel = channel
        self._clock = clock

    @classmethod
    def from_options(cls, *, platform: str, options: Mapping[str, Any]) -> "Connector":
        """Build from configuration. ``platform`` is the name it was requested under."""
        return cls(**options)

    # ----- the interface -------------------------------------------------------------------

    def publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef:
        """Publish ``item``. Calling again with the same ``idempotency_key`` never posts twice:
        it returns the existing post (``RemoteRef.replayed`` is then True)."""

        def call() -> RemoteRef:
            self._check_publishable(item, idempotency_key)
            return self._publish(item, idempotency_key=idempotency_key)

        return self._run("publish", call, idempotency_key=idempotency_key)

    def delete(self, ref: RemoteRef) -> None:
        """Delete a published post. Raises ``NotFound`` if it is already gone."""
        return self._run("delete", lambda: self._delete(ref), remote_id=ref.remote_id)

    def fetch_profile(self) -> Profile:
        """Read the account's public profile."""
        return self._run("fetch_profile", self._fetch_profile)

    def health(self) -> Health:
        """Check that the platform answers and the credentials work. Never raises."""
        try:
            return self._run("health", self._health)
        except ConnectorError as exc:
            return Health(
                platform=self.platform, ok=False, detail=exc.message, error_code=exc.code, retryable=exc.retryable
            )

    def close(self) -> None:
        """Release network resources (connection pools). The connector may be used again."""

    def __enter__(self) -> "Connector":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----- hooks for subclasses ------------------------------------------------------------

    @abc.abstractmethod
    def _publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef: ...

    @abc.abstractmethod
    def _delete(self, ref: RemoteRef) -> None: ...

    @abc.abstractmethod
    def _fetch_profile(self) -> Profile: ...

    @abc.abstractmethod
    def _health(self) -> Health: ...

    def _translate_error(self, exc: Exception) -> ConnectorError | None:
        """Map a provider exception to a ``ConnectorError`` (None: unknown, wrapped as ProviderError)."""
        return None

    def _check_publishable(self, item: Publishable, idempotency_key: str) -> None:
        """Pre-flight checks shared by all platforms; subclasses may extend (call super)."""
        if not isinstance(idempotency_key, str) or not IDEMPOTENCY_KEY_RE.match(idempotency_key):
            raise Rejected(
                "The idempotency key must be 1-128 characters of letters, digits and . _ : ~ -",
                details={"field": "idempotency_key"},
            )
        if not item.text.strip() and not item.images:
            raise Rejected("A post needs text or an image.", details={"field": "text"})
        if len(item.images) > self.max_images:
            raise Rejected(
                f"{self.platform} allows at most {self.max_images} images per post.",
                details={"field": "images", "limit": self.max_images},
            )
        for index, image in enumerate(item.images):
            if not image.alt.strip():
                raise Rejected(
                    "Every image needs alternative text.", details={"field": f"images[{index}].alt"}
                )
            if image.mime_type not in self.allowed_image_types:
                raise Rejected(
                    f"Image type {image.mime_type} is not supported.", details={"field": f"images[{index}].mime_type"}
                )
            if self.max_image_bytes is not None and len(image.data) > self.max_image_bytes:
                raise Rejected(
                    f"{self.platform} allows images of at most {self.max_image_bytes} bytes.",
                    details={"field": f"images[{index}].data", "limit": self.max_image_bytes},
                )

    # ----- the template --------------------------------------------------------------------

    def _run(self, operation: str, call: Callable[[], T], **context: Any) -> T:
        """Time ``call``, log one structured record, and wrap any provider error."""
        started = self._clock()
        try:
            result = call()
        except ConnectorError as exc:
            self._log(operation, started, outcome="error", error=exc, **context)
            raise
        except Exception as exc:  # noqa: BLE001 - this is the one place provider errors are wrapped
            error = self._translate_error(exc) or ProviderError(
                details={"provider_error": type(exc).__name__}
            )
            error.details.setdefault("provider_error", type(exc).__name__)
            self._log(operation, started, outcome="error", error=error, **context)
            raise error from exc
        outcome = "replayed" if getattr(result, "replayed", False) else "ok"
        if isinstance(result, Health) and not result.ok:
            outcome = "unhealthy"
        self._log(operation, started, outcome=outcome, **context)
        return result

    def _log(self, operation: str, started: float, *, outcome: str, error: ConnectorError | None = None,
             **context: Any) -> None:
        duration_ms = round((self._clock() - started) * 1000, 1)
        fields: dict[str, Any] = {
            "connector": self.platform,
            "operation": operation,
            "duration_ms": duration_ms,
            "outcome": outcome,
            "channel": self.channel,
            **context,
        }
        level = logging.INFO
        if error is not None:
            fields["error_code"] = error.code
            fields["retryable"] = error.retryable
            fields["provider_error"] = error.details.get("provider_error")
            fields["http_status"] = error.details.get("http_status")
            level = logging.WARNING
        message = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
        logger.log(level, "connector call %s", message, extra={"connector_call": fields, **fields})

    def __repr__(self) -> str:
        return f"<{type(self).__name__} platform={self.platform!r} channel={self.channel!r}>"
