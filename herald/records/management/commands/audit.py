"""herald audit verify | export"""

from __future__ import annotations

import csv
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from herald.councils.models import Council
from herald.records.audit import EXPORT_FIELDS, audit_record, audit_rows, audit_verify
from herald.records.events import EventType
from herald.records.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit trail's hash chain, or export it as CSV or JSON Lines."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{verify,export}")
        verify = sub.add_parser("verify", help="Check every event; exit 1 and name the first bad event if any "
                                               "was edited, deleted or reordered.")
        verify.add_argument("--council", help="Council slug (default: every council).")
        export = sub.add_parser("export", help="Write the audit trail as CSV or JSON Lines.")
        export.add_argument("--council", help="Council slug (default: every council).")
        export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        export.add_argument("--output", "-o", help="File to write (default: standard output).")

    def _councils(self, slug):
        councils = Council.objects.all().order_by("slug")
        if slug:
            councils = councils.filter(slug=slug)
            if not councils:
                raise CommandError(f"No council with the short name {slug!r}.")
        return list(councils)

    def handle(self, *args, action, **options):
        councils = self._councils(options.get("council"))
        if action == "verify":
            bad = False
            for council in councils:
                problem = audit_verify(council=council)
                count = AuditEvent.objects.filter(council=council).count()
                if problem:
                    bad = True
                    self.stderr.write(f"{council.slug}: FAILED at event #{problem.seq}: {problem.message}")
                else:
                    self.stdout.write(f"{council.slug}: OK, {count} events, chain intact")
            if bad:
                sys.exit(1)
            return
        out = open(options["output"], "w", newline="", encoding="utf-8") if options.get("output") else self.stdout
        try:
            events = AuditEvent.objects.filter(council__in=councils)
            if options["format"] == "jsonl":
                for row in audit_rows(events):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                writer = csv.writer(out)
                writer.writerow(EXPORT_FIELDS)
                for row in audit_rows(events):
                    writer.writerow([json.dumps(row[f], ensure_ascii=False) if f == "data" else row[f] for f in EXPORT_FIELDS])
        finally:
            if out is not self.stdout:
                out.close()
        for council in councils:
            with transaction.atomic():
                audit_record(council=council, actor=None, event_type=EventType.AUDIT_EXPORTED,
                             data={"format": options["format"], "via": "command line"})
