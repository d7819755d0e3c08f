"""herald channels check | rotate-credentials"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from herald.channels.models import Channel, Status
from herald.channels.services import channel_check, channel_credentials_rotate
from herald.councils.models import Council


class Command(BaseCommand):
    help = "Run channel identification checks, or re-encrypt channel credentials after adding a new key."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{check,rotate-credentials}")
        check = sub.add_parser("check", help="Run the identification checks (ident.1-4) on official channels in use.")
        check.add_argument("--council", help="Council slug (default: every council).")
        sub.add_parser("rotate-credentials", help="Re-encrypt every channel's credentials with the first key in "
                                                  "HERALD_CREDENTIALS_KEYS.")

    def handle(self, *args, action, **options):
        if action == "rotate-credentials":
            count = channel_credentials_rotate(acting_user=None)
            self.stdout.write(f"Re-encrypted the credentials of {count} channel{'s' if count != 1 else ''}.")
            return
        channels = Channel.objects.filter(use="council_service", status__in=[Status.APPROVED, Status.ACTIVE])
        if options.get("council"):
            if not Council.objects.filter(slug=options["council"]).exists():
                raise CommandError(f"No council with the short name {options['council']!r}.")
            channels = channels.filter(council__slug=options["council"])
        failed = 0
        for channel in channels.select_related("council").order_by("council__slug", "name"):
            result = channel_check(acting_user=None, channel=channel)
            failed += not result.passed
            problems = [r["clause"] for r in result.results if r["ok"] is not True]
            self.stdout.write(f"{channel.council.slug}: {channel.name}: "
                              + ("passed" if result.passed else f"needs attention ({', '.join(problems)})"))
        self.stdout.write(f"{channels.count()} checked, {failed} need attention.")
