"""herald nightly: the jobs Herald runs once a day (make run's server loop runs it; use cron in production)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the nightly jobs: channel identification checks, then the audit trail check."

    def handle(self, *args, **options):
        call_command("channels", "check", stdout=self.stdout)
        try:
            call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
        except SystemExit as exc:
            if exc.code:
                self.stderr.write("The audit trail check FAILED: see above.")
                raise
