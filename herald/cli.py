"""The `herald` console command: a thin wrapper over Django management commands.

`herald audit verify` runs the `audit` management command with `verify`, and so on.
`herald --help` lists Herald's own commands (docs/cli.md documents each).
"""

from __future__ import annotations

import os
import sys

HERALD_APPS_PREFIX = "herald."


def herald_commands() -> dict[str, str]:
    """Herald's own management commands: name -> app."""
    from django.core.management import get_commands

    return {name: app for name, app in get_commands().items() if app.startswith(HERALD_APPS_PREFIX)}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print("usage: herald COMMAND [options]\n\nHerald's commands (herald COMMAND --help for each):")
        for name in sorted(herald_commands()):
            print(f"  {name}")
        print("\nDjango's own commands (migrate, runserver, db_worker, ...) work too.")
        return 0
    execute_from_command_line(argv)
    return 0
