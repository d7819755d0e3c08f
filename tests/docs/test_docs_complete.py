"""The docs are tested: every setting, capability, audit event type and CLI command is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.core.config import SETTINGS
from herald.people.capabilities import Capability
from herald.policy.document import DEFAULT_SETTINGS
from herald.records.events import EventType

DOCS = Path(__file__).resolve().parents[2] / "docs"
README = DOCS.parent / "README.md"


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_environment_setting_is_documented(setting):
    assert f"`{setting}`" in _read("settings.md")


@pytest.mark.parametrize("setting", sorted(DEFAULT_SETTINGS))
def test_every_council_setting_is_documented(setting):
    assert f"`{setting}`" in _read("settings.md")


@pytest.mark.parametrize("capability", [c.value for c in Capability])
def test_every_capability_is_documented(capability):
    assert f"`{capability}`" in _read("roles.md")


@pytest.mark.parametrize("event", list(EventType), ids=lambda e: e.name)
def test_every_audit_event_type_is_documented(event):
    assert f"| {event.value} | `{event.name}` |" in _read("audit.md")


@pytest.mark.parametrize("name", ["cli.md", "roles.md", "audit.md", "settings.md"])
def test_generated_reference_is_up_to_date(name):
    from herald.core.reference_docs import current, generated

    assert current(name) == generated(name).strip(), f"docs/{name} is out of date: run `make docs`"


def test_every_cli_command_is_in_the_summary_table():
    from herald.cli import herald_commands

    summary = _read("cli.md").split("<!--")[0]
    for name in herald_commands():
        assert f"`herald {name}" in summary, name


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
    assert "make test" in (DOCS.parent / ".ci" / "run").read_text()
