"""`herald elections ...`: pre-election periods from the command line.

Subcommands:
  timetable POLLING_DAY [--kind local|general|referendum] [--notice YYYY-MM-DD]
      print the statutory dates for a poll in plain English.

Thin: parse the arguments, call `herald.elections.timetable`, print. A `status` subcommand
(is a period in force now?) will be added with the Elections register.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from herald.elections.timetable import ElectionKind, TimetableError, statutory_timetable


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-05-07") from None


class Command(BaseCommand):
    help = "Pre-election periods: statutory timetables (see docs/elections.md)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        timetable = subcommands.add_parser(
            "timetable",
            help="print the statutory dates for a polling day",
            description="Print the statutory dates for a poll and its pre-election period.",
        )
        timetable.add_argument("poll", type=iso_date, metavar="POLLING_DAY", help="polling day, YYYY-MM-DD")
        timetable.add_argument(
            "--kind",
            choices=[kind.value for kind in ElectionKind],
            default=ElectionKind.LOCAL.value,
            help="local (default), general (UK Parliament) or referendum (neighbourhood planning)",
        )
        timetable.add_argument(
            "--notice",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="date the notice of election was published (dissolution for a general election, "
            "information statement for a referendum); default: the statutory latest date",
        )

    def handle(self, *args, **options):
        handler = getattr(self, f"handle_{options['subcommand']}")
        return handler(**options)

    def handle_timetable(self, *, poll: dt.date, kind: str, notice: dt.date | None, **_):
        try:
            result = statutory_timetable(poll, kind, notice)
        except TimetableError as error:
            raise CommandError(error.message) from error
        for line in result.lines():
            if line.startswith("Warning: "):
                self.stderr.write(self.style.WARNING(line))
            else:
                self.stdout.write(line)
