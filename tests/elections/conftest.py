"""Let the elections tests run without the project settings (`-p no:django`).

When pytest-django has configured herald.settings this does nothing; otherwise it configures
just enough Django for the `elections` management command.
"""

import os

import django
from django.conf import settings

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        INSTALLED_APPS=["herald.elections"],
        USE_TZ=True,
        TIME_ZONE="Europe/London",
    )
    django.setup()
