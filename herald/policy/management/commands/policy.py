"""herald policy load FILE --council SLUG | herald policy show --council SLUG"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from herald.councils.models import Council
from herald.policy.document import PolicyFileError
from herald.policy.selectors import policy_review_status
from herald.policy.services import policy_load


class Command(BaseCommand):
    help = "Load a council's policy YAML (validated; a new immutable version) or show the current one."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{load,show,check}")
        load = sub.add_parser("load", help="Validate a policy YAML file and make it the council's current version.")
        load.add_argument("file")
        load.add_argument("--council", required=True, help="Council slug.")
        check = sub.add_parser("check", help="Validate a policy YAML file without loading it.")
        check.add_argument("file")
        show = sub.add_parser("show", help="Show the council's current policy version.")
        show.add_argument("--council", required=True, help="Council slug.")

    def handle(self, *args, action, **options):
        from herald.policy.document import parse_policy

        if action in ("load", "check"):
            path = Path(options["file"])
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from None
        try:
            if action == "check":
                doc = parse_policy(text, source=str(path))
                self.stdout.write(f"{path}: valid, {len(doc.clauses)} clauses")
                return
            council = Council.objects.filter(slug=options["council"]).first()
            if council is None:
                raise CommandError(f"No council with the short name {options['council']!r}.")
            if action == "load":
                result = policy_load(acting_user=None, council=council, text=text, source=str(path))
                v = result.version
                if result.created:
                    self.stdout.write(f"Loaded version {v.number} of {v.title} for {council.name} "
                                      f"({v.clauses.count()} clauses).")
                else:
                    self.stdout.write(f"{council.name} already has this policy (version {v.number}); nothing loaded.")
            else:
                v = council.active_policy
                if v is None:
                    raise CommandError(f"{council.name} has no policy loaded.")
                self.stdout.write(f"{v.title}, version {v.number}, {v.clauses.count()} clauses, hash {v.content_hash[:12]}")
                self.stdout.write(policy_review_status(council=council).summary)
        except PolicyFileError as exc:
            raise CommandError(str(exc)) from None
