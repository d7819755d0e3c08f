"""docs/elections.md documents every public name of the timetable library and every CLI option."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from herald.elections import timetable
from herald.elections.management.commands.elections import Command

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "elections.md").read_text()


@pytest.mark.parametrize("name", timetable.__all__)
def test_every_public_name_is_documented(name):
    assert f"`{name}" in DOCS, f"docs/elections.md does not mention `{name}`"


def cli_options() -> list[str]:
    parser = Command().create_parser("herald", "elections")
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found.append(sub_name)
                found += [o for a in sub._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
    return found


@pytest.mark.parametrize("option", cli_options())
def test_every_cli_subcommand_and_option_is_documented(option):
    assert f"`{option}`" in DOCS or f" {option} " in DOCS, f"docs/elections.md does not document {option}"
