"""`herald elections ...`: pre-election periods from the command line.

Subcommands:
  timetable POLLING_DAY [--kind local|general|referendum] [--notice YYYY-MM-DD]
      print the statutory dates for a poll in plain English.
  status [--council SLUG] [--at YYYY-MM-DD[THH:MM]]
      say whether a pre-election period is in force (now, or at a moment) and until when, or
      when the next one starts.

Thin: parse the arguments, call `herald.elections.timetable` or the register's selectors, print.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from herald.elections.timetable import ElectionKind, TimetableError, statutory_timetable


def moment(value: str) -> dt.datetime:
    """A date (its start) or a date and time, read in UK time, as an aware datetime."""
    from herald.elections.timetable import LONDON

    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2027-05-06 or 2027-05-06T21:30") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LONDON)


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-05-07") from None


class Command(BaseCommand):
    help = "Pre-election periods: statutory timetables, and whether a period is in force (see docs/elections.md)."

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

        status = subcommands.add_parser(
            "status",
            help="say whether a pre-election period is in force, and until when",
            description="Say whether a pre-election period is in force now (or at --at) and until when, "
            "or when the next one starts. Without --council, every council is listed.",
        )
        status.add_argument("--council", metavar="SLUG", help="the council's short name, e.g. stalbridge")
        status.add_argument(
            "--at",
            type=moment,
            metavar="YYYY-MM-DD[THH:MM]",
            help="ask about this moment (UK time) instead of now",
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

    def handle_status(self, *, council: str | None, at: dt.datetime | None, **_):
        from herald.councils.models import Council
        from herald.elections.selectors import period_status

        councils = Council.objects.order_by("name")
        if council:
            councils = councils.filter(slug=council)
            if not councils.exists():
                raise CommandError(f"There is no council {council!r}. Use its short name, as in its web address.")
        elif not councils.exists():
            raise CommandError("There are no councils yet.")
        for found in councils:
            status = period_status(council=found, at=at)
            self.stdout.write(f"{found.name}: {status.summary}")
            shown = status.current or status.next
            if shown is not None:
                for election in shown.elections.all():
                    self.stdout.write(f"  {election}")
