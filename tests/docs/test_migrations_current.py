"""Every model change has its migration (a missing one would break `make run` on an upgrade)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        assert not exc.code, f"Models and migrations differ (run makemigrations):\n{out.getvalue()}"
