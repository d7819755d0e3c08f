"""herald demo: create the demo council (Stalbridge) once; print its sign-in details once."""

from django.core.management.base import BaseCommand

from herald.councils.demo import demo_create


class Command(BaseCommand):
    help = "Create the demo council with its policy and people. Running it again keeps existing data."

    def add_arguments(self, parser):
        parser.add_argument("--reset-passwords", action="store_true",
                            help="Give the demo people new passwords and print them again.")

    def handle(self, *args, **options):
        council, logins = demo_create(reset_passwords=options["reset_passwords"])
        if not logins:
            self.stdout.write(f"{council.name} is already set up; existing data kept. "
                              "(Lost the demo passwords? Run: herald demo --reset-passwords)")
            return
        self.stdout.write(f"\n{council.name} is ready. Demo sign-in details (shown once):\n")
        for login in logins:
            self.stdout.write(f"  {login.name:<22} {login.roles:<16} {login.email:<42} {login.password}")
        self.stdout.write("\nThe Clerk and the Chair set up two-factor sign-in (an authenticator app) the first time.\n")
