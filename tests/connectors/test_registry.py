"""Registry: built-ins and third-party connectors register the same way; config picks the stub."""

from __future__ import annotations

import sys

import pytest

from herald.connectors import ConnectorRegistry, default_registry
from herald.connectors.stub import StubConnector

from .pds import REPO_ROOT
from .test_base import ExplodingConnector


def test_builtins_are_registered():
    assert {"bluesky", "mastodon", "stub"} <= set(default_registry.available())


def test_builtins_resolve_to_their_classes():
    from herald.connectors.bluesky import BlueskyConnector
    from herald.connectors.mastodon import MastodonConnector

    assert default_registry.get("bluesky") is BlueskyConnector
    assert default_registry.get("mastodon") is MastodonConnector
    assert default_registry.get("stub") is StubConnector


def test_third_party_connector_registers_like_a_builtin():
    registry = ConnectorRegistry()
    registry.register("exploding", ExplodingConnector)
    assert registry.build("exploding").platform == "exploding"


def test_registration_by_path_is_lazy(monkeypatch):
    registry = ConnectorRegistry()
    registry.register("stub2", "herald.connectors.stub:StubConnector")
    assert registry.get("stub2") is StubConnector


def test_registration_errors():
    registry = ConnectorRegistry()
    registry.register("one", StubConnector)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("one", StubConnector)
    registry.register("one", ExplodingConnector, replace=True)
    with pytest.raises(TypeError):
        registry.register("two", object)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        registry.register("Bad Name", StubConnector)
    with pytest.raises(ValueError):
        registry.register("three", "no_colon_here")
    with pytest.raises(LookupError, match="no connector registered as 'missing'"):
        registry.get("missing")


def test_configuration_selects_the_stub_for_a_platform():
    options = {"handle": "council.bsky.social", "password": "not-used", "channel": "ch-1"}
    connector = default_registry.build("bluesky", options, backends={"bluesky": "stub"})
    assert isinstance(connector, StubConnector)
    assert connector.platform == "bluesky"
    assert connector.channel == "ch-1"


def test_without_override_the_real_connector_is_built():
    from herald.connectors.mastodon import MastodonConnector

    connector = default_registry.build(
        "mastodon", {"api_base_url": "http://127.0.0.1:9", "access_token": "t"}, backends={"bluesky": "stub"}
    )
    assert isinstance(connector, MastodonConnector)


def test_importing_the_package_does_not_import_provider_sdks():
    import subprocess

    code = (
        "import sys, herald.connectors, herald.connectors.stub;"
        "print(sorted(m for m in ('atproto', 'mastodon', 'django') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT).stdout
    assert out.strip() == "[]"


def test_no_connector_module_imports_django():
    import subprocess

    code = (
        "import sys, herald.connectors.bluesky, herald.connectors.mastodon, herald.connectors.stub;"
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT).stdout
    assert out.strip() == "False"
