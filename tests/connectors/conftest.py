"""Connector tests: markers, and the fixtures from tests/connectors/fixtures.py (the real local
PDS for Bluesky, which FAILS with instructions when scripts/pds/install.sh has not been run,
and the Mastodon API stub)."""

from __future__ import annotations

import pytest

from .fixtures import bluesky_options, fresh_pds_account, local_pds, mastodon_stub, pds_account  # noqa: F401


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pds: needs the real local Bluesky PDS (scripts/pds/install.sh)")
    config.addinivalue_line("markers", "slow: starts external servers; takes seconds")
    config.addinivalue_line("markers", "contract: contract test against a local HTTP stub of a platform API")


@pytest.fixture(autouse=True)
def _test_settings():
    """Overrides tests/conftest.py's autouse fixture of the same name, which needs pytest-django's
    ``settings``: the connector tests are plain Python and run with ``-p no:django``."""
    yield
