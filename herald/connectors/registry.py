"""Registry: platform name -> connector class.

Built-in connectors register here exactly as a third-party one would::

    from herald.connectors import registry
    registry.register("threads", "my_package.threads:ThreadsConnector")   # lazy, by path
    registry.register("example", ExampleConnector)                        # or the class itself

A target given as ``"module:Class"`` is imported on first use, so importing Herald does not
import every provider SDK.

``build()`` creates a connector from configuration. Its ``backends`` argument lets
configuration swap the implementation per platform (e.g. ``{"bluesky": "stub"}`` in
development and in the tests of other features) without changing calling code.

Plain Python: no Django imports.
"""

from __future__ import annotations

import importlib
from typing import Any, Mapping

from .base import Connector

__all__ = ["ConnectorRegistry", "default_registry", "register", "get", "build", "available"]


class ConnectorRegistry:
    def __init__(self) -> None:
        self._targets: dict[str, type[Connector] | str] = {}

    def register(self, name: str, target: type[Connector] | str, *, replace: bool = False) -> None:
        """Register ``target`` (a Connector subclass or ``"module:Class"``) under ``name``."""
        if not name or not name.replace("_", "").replace("-", "").isalnum() or name != name.lower():
            raise ValueError(f"connector names are lower-case words: {name!r}")
        if isinstance(target, str):
            if target.count(":") != 1:
                raise ValueError(f"connector path must look like 'package.module:Class': {target!r}")
        elif not (isinstance(target, type) and issubclass(target, Connector)):
            raise TypeError(f"{target!r} is not a Connector subclass")
        if name in self._targets and not replace:
            raise ValueError(f"a connector is already registered as {name!r}")
        self._targets[name] = target

    def unregister(self, name: str) -> None:
        self._targets.pop(name, None)

    def available(self) -> list[str]:
        return sorted(self._targets)

    def get(self, name: str) -> type[Connector]:
        """The connector class registered as ``name`` (imported on first use)."""
        try:
            target = self._targets[name]
        except KeyError:
            raise LookupError(f"no connector registered as {name!r}; known: {', '.join(self.available())}") from None
        if isinstance(target, str):
            module_name, _, attr = target.partition(":")
            target = getattr(importlib.import_module(module_name), attr)
            if not (isinstance(target, type) and issubclass(target, Connector)):
                raise TypeError(f"{name!r} points at {target!r}, which is not a Connector subclass")
            self._targets[name] = target
        return target

    def build(
        self,
        platform: str,
        options: Mapping[str, Any] | None = None,
        *,
        backends: Mapping[str, str] | None = None,
    ) -> Connector:
        """Create the connector for ``platform`` from its ``options``.

        ``backends`` maps a platform to the registered name that should serve it instead
        (``{"bluesky": "stub"}``); platforms not listed use their own connector.
        """
        backend = (backends or {}).get(platform, platform)
        cls = self.get(backend)
        return cls.from_options(platform=platform, options=dict(options or {}))


default_registry = ConnectorRegistry()
register = default_registry.register
get = default_registry.get
build = default_registry.build
available = default_registry.available

# Built-ins, registered through the same public call a third party uses.
register("bluesky", "herald.connectors.bluesky:BlueskyConnector")
register("mastodon", "herald.connectors.mastodon:MastodonConnector")
register("stub", "herald.connectors.stub:StubConnector")
