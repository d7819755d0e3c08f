"""herald worker: runs background tasks (django-tasks database backend)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (publishing, emails, nightly checks). Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the tasks waiting now, then stop.")

    def handle(self, *args, **options):
        extra = ["--batch"] if options["batch"] else []
        call_command("db_worker", *extra, "--interval", "1")
