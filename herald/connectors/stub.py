"""In-memory stub connector for development and for the tests of other Herald features.

Select it by configuration (``registry.build("bluesky", options, backends={"bluesky": "stub"})``)
or create it directly. It goes through the same template as the real connectors (timing,
logging, error wrapping, pre-flight checks), records every call, honours idempotency keys
(the same key never publishes twice) and can be told to fail::

    stub = StubConnector(platform="bluesky")
    stub.fail_next("publish", Unavailable())                 # next publish raises, nothing posted
    stub.fail_next("publish", Timeout(), after_effect=True)  # posts, then raises (lost answer)
    stub.fail_always("health", AuthFailed())

Plain Python: no Django imports.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Mapping

from .base import Connector, Health, Profile, Publishable, RemoteRef
from .errors import ConnectorError, NotFound

__all__ = ["StubConnector", "StubCall"]

OPERATIONS = ("publish", "delete", "fetch_profile", "health")


@dataclass(frozen=True)
class StubCall:
    operation: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Failure:
    error: ConnectorError
    after_effect: bool


class StubConnector(Connector):
    platform = "stub"

    def __init__(
        self,
        *,
        platform: str = "stub",
        profile: Profile | None = None,
        channel: str | None = None,
        **_ignored: Any,
    ) -> None:
        super().__init__(channel=channel)
        self.platform = platform  # instance attribute: a stub can stand in for any platform
        self.profile = profile or Profile(platform=platform, handle="stub.example", display_name="Stub")
        self.calls: list[StubCall] = []
        #: Live posts by remote id.
        self.posts: dict[str, Publishable] = {}
        #: Remote refs by idempotency key (kept after delete: a key is never reused).
        self.refs_by_key: dict[str, RemoteRef] = {}
        self._once: dict[str, list[_Failure]] = {op: [] for op in OPERATIONS}
        self._always: dict[str, ConnectorError | None] = {op: None for op in OPERATIONS}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @classmethod
    def from_options(cls, *, platform: str, options: Mapping[str, Any]) -> "StubConnector":
        # Options meant for the real connector (handle, password...) are ignored.
        return cls(platform=platform, channel=options.get("channel"))

    # ----- configuring failures ------------------------------------------------------------

    def fail_next(self, operation: str, error: ConnectorError, *, after_effect: bool = False, times: int = 1) -> None:
        """Make the next ``times`` calls of ``operation`` raise ``error``. With ``after_effect``
        (publish/delete only) the call takes effect first, as when a timeout loses the answer."""
        self._check_operation(operation)
        self._once[operation].extend(_Failure(error, after_effect) for _ in range(times))

    def fail_always(self, operation: str, error: ConnectorError | None) -> None:
        """Make every call of ``operation`` raise ``error`` (None to stop)."""
        self._check_operation(operation)
        self._always[operation] = error

    def reset_failures(self) -> None:
        for op in OPERATIONS:
            self._once[op].clear()
            self._always[op] = None

    @property
    def published(self) -> list[Publishable]:
        """Live posts, oldest first."""
        return list(self.posts.values())

    def calls_of(self, operation: str) -> list[StubCall]:
        return [call for call in self.calls if call.operation == operation]

    # ----- hooks ---------------------------------------------------------------------------

    def _publish(self, item: Publishable, *, idempotency_key: str) -> RemoteRef:
        with self._lock:
            self.calls.append(StubCall("publish", {"item": item, "idempotency_key": idempotency_key}))
            failure = self._take_failure("publish")
            if failure and not failure.after_effect:
                raise failure.error
            existing = self.refs_by_key.get(idempotency_key)
            if existing is not None:
                ref = RemoteRef(existing.platform, existing.remote_id, existing.url, replayed=True)
            else:
                remote_id = f"{self.platform}-{next(self._ids)}"
                ref = RemoteRef(self.platform, remote_id, f"https://stub.invalid/{self.platform}/{remote_id}")
                self.refs_by_key[idempotency_key] = ref
                self.posts[remote_id] = item
            if failure:
                raise failure.error
            return ref

    def _delete(self, ref: RemoteRef) -> None:
        with self._lock:
            self.calls.append(StubCall("delete", {"ref": ref}))
            failure = self._take_failure("delete")
            if failure and not failure.after_effect:
                raise failure.error
            if ref.remote_id not in self.posts:
                raise NotFound("The post does not exist.", details={"remote_id": ref.remote_id})
            del self.posts[ref.remote_id]
            if failure:
                raise failure.error

    def _fetch_profile(self) -> Profile:
        self.calls.append(StubCall("fetch_profile"))
        failure = self._take_failure("fetch_profile")
        if failure:
            raise failure.error
        return self.profile

    def _health(self) -> Health:
        self.calls.append(StubCall("health"))
        failure = self._take_failure("health")
        if failure:
            raise failure.error
        return Health(platform=self.platform, ok=True, detail="stub connector")

    # ----- helpers -------------------------------------------------------------------------

    def _take_failure(self, operation: str) -> _Failure | None:
        if self._once[operation]:
            return self._once[operation].pop(0)
        always = self._always[operation]
        return _Failure(always, False) if always is not None else None

    @staticmethod
    def _check_operation(operation: str) -> None:
        if operation not in OPERATIONS:
            raise ValueError(f"unknown operation {operation!r}; one of {OPERATIONS}")
