"""herald retention report | run"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from herald.core import clock
from herald.councils.models import Council
from herald.records.retention import retention_instance_run, retention_report, retention_run


class Command(BaseCommand):
    help = ("Purge or anonymise records past their retention period (docs/retention.md). Records under a legal "
            "hold are never touched.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{report,run}")
        report = sub.add_parser("report", help="Show the rules in force and what a run would do now (a dry run: "
                                               "nothing changes), with what a legal hold keeps and why.")
        report.add_argument("--council", help="Council slug (default: every council).")
        run = sub.add_parser("run", help="Apply the retention rules now: one audit event per record purged or "
                                         "anonymised. Safe to run again after an interruption.")
        run.add_argument("--council", help="Council slug (default: every council, then expired sessions).")
        run.add_argument("--dry-run", action="store_true", help="Only report what would be done (as `report`).")

    def _councils(self, slug):
        councils = Council.objects.all().order_by("slug")
        if slug:
            councils = councils.filter(slug=slug)
            if not councils:
                raise CommandError(f"No council with the short name {slug!r}.")
        return list(councils)

    def handle(self, *args, action, **options):
        councils = self._councils(options.get("council"))
        if action == "report" or options.get("dry_run"):
            for council in councils:
                self._report(retention_report(council=council))
            return
        failed = []
        for council in councils:
            try:
                result = retention_run(acting_user=None, council=council)
            except Exception as exc:  # one council's failure must not stop the others; run again to finish
                failed.append(council.slug)
                self.stderr.write(f"{council.slug}: the retention run stopped: {exc}. Nothing is half-done: "
                                  "run it again to finish.")
                continue
            self.stdout.write(f"Retention: {result.summary}")
        if not options.get("council"):
            extra = retention_instance_run()
            self.stdout.write(f"Expired sessions cleared; sign-in attempts for unknown addresses deleted: "
                              f"{extra.unknown_sign_in_attempts}.")
        if failed:
            raise CommandError(f"The retention run failed for: {', '.join(failed)}.")

    def _report(self, report):
        out = self.stdout
        out.write(f"{report.council.slug}: retention report at {clock.format_datetime(report.at)} (nothing changed)")
        for item in report.types:
            out.write(f"  {item.rule.label}: {item.rule.summary}.")
            if item.cutoff is None:
                continue
            out.write(f"    Would {item.type.action}: {item.due}"
                      + (f" (for example {'; '.join(item.examples)})" if item.examples else ""))
            if item.held_count:
                out.write(f"    Kept under a legal hold: {item.held_count}")
                for held in item.held:
                    out.write(f"      {held.label}: {'; '.join(held.reasons)}")
        out.write(f"  Audit trail: kept for ever ({report.audit_log}).")
        if report.orphan_files:
            out.write(f"  Orphaned files to delete (post images, case files): {report.orphan_files}")
