"""Builds the CLI reference in docs/cli.md from each command's --help (checked by a test)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

MARKER = "<!-- Everything below is generated from --help by `make docs`. Do not edit by hand. -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def reference() -> str:
    os.environ["COLUMNS"] = "100"
    from django.core.management import load_command_class

    from herald.cli import herald_commands

    out = [MARKER, ""]
    for name, app in sorted(herald_commands().items()):
        parser = load_command_class(app, name).create_parser("herald", name)
        out += [f"## herald {name}", "", "```", parser.format_help().rstrip(), "```", ""]
        for sub, subparser in _subparsers(parser):
            out += [f"### herald {name} {sub}", "", "```", subparser.format_help().rstrip(), "```", ""]
    return "\n".join(out)


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    head = text.split(MARKER)[0].rstrip() + "\n\n"
    DOC.write_text(head + reference(), encoding="utf-8")
