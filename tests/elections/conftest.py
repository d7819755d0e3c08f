"""Let the elections tests run without the project settings (`-p no:django`).

When pytest-django has configured herald.settings this does nothing; otherwise it configures
just enough Django for the timetable and the `elections timetable` command, and leaves out the
tests of the register, which need a database.
"""

import os

import django
from django.conf import settings

collect_ignore: list[str] = []

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        # herald.elections' models refer to councils and people, so their apps are installed too.
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "herald.councils", "herald.policy",
                        "herald.people", "herald.records", "herald.channels", "herald.elections"],
        AUTH_USER_MODEL="people.User",
        USE_TZ=True,
        TIME_ZONE="Europe/London",
    )
    django.setup()
    collect_ignore += ["test_election_services.py", "test_election_pages.py", "test_ics.py"]
