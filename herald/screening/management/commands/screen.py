"""`herald screen` — thin wrapper: parse arguments, call the screening library, set the exit code."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Screen a post against the social media policy: a text argument, standard input, or a CSV / "
        "JSON Lines file (--file, --column). Exit status 0 pass, 1 review, 2 block, 3 error."
    )

    def add_arguments(self, parser):
        from herald.screening.cli import add_arguments

        add_arguments(parser)

    def handle(self, *args, **options):
        from herald.screening.cli import run

        code = run(options, sys.stdin, self.stdout._out, self.stderr._out)
        if code:
            raise SystemExit(code)
