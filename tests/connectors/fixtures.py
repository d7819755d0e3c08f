"""Connector test fixtures, reusable outside tests/connectors.

tests/connectors/conftest.py imports them. Other test packages (e.g. the channel tests that
publish through a real Bluesky connector) can use them by adding, in the root tests/conftest.py::

    pytest_plugins = ["tests.connectors.fixtures"]

``local_pds`` FAILS (it never skips) when the PDS is not installed: run scripts/pds/install.sh.
"""

from __future__ import annotations

import secrets

import pytest

from .mastodon_stub import MastodonStub
from .pds import Account, LocalPDS, PDSNotInstalled, check_installed


@pytest.fixture(scope="session")
def local_pds(tmp_path_factory: pytest.TempPathFactory):
    """A real PLC directory + PDS on free 127.0.0.1 ports with a fresh data directory;
    stopped (SIGTERM, wait) at the end of the session."""
    try:
        check_installed()
    except PDSNotInstalled as exc:
        pytest.fail(str(exc), pytrace=False)
    pds = LocalPDS(tmp_path_factory.mktemp("pds"))
    try:
        pds.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield pds
    finally:
        pds.stop()


@pytest.fixture(scope="session")
def pds_account(local_pds: LocalPDS) -> Account:
    """The council's Bluesky account on the local PDS (handles end in .test)."""
    return local_pds.create_account("council.test", password="app-pass-" + secrets.token_hex(8))


@pytest.fixture
def fresh_pds_account(local_pds: LocalPDS) -> Account:
    """A new account per test, for tests that need an empty repository."""
    return local_pds.create_account(f"t{secrets.token_hex(5)}.test")


@pytest.fixture
def bluesky_options(local_pds: LocalPDS, fresh_pds_account: Account) -> dict:
    """Options for ``registry.build("bluesky", options)`` pointing at a fresh local account."""
    return {
        "service_url": local_pds.url,
        "handle": fresh_pds_account.handle,
        "password": fresh_pds_account.password,
        "timeout": 10.0,
    }


@pytest.fixture
def mastodon_stub():
    """The local Mastodon API stub (contract tests), on 127.0.0.1 and a random port."""
    with MastodonStub() as stub:
        yield stub
