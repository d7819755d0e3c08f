"""The Retention page, `herald retention` and the nightly run."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from herald.people.models import SignInAttempt
from herald.people.services import sign_in_record
from herald.posts.models import Post
from herald.records.events import EventType
from herald.records.holds import legal_hold_place
from herald.records.models import AuditEvent
from tests.posts.conftest import acked, make_channel, stubs, travel, worker  # noqa: F401  (fixtures)
from tests.records.test_retention import later, removed, world, media  # noqa: F401  (fixtures and helpers)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_sees_the_rules_what_is_due_and_what_is_held(world, worker, travel, signed_in):  # noqa: F811
    due = removed(world, worker)
    held = removed(world, worker, text="Second post about the fete.", image=False)
    legal_hold_place(acting_user=world.clerk.user, council=world.council, target=held,
                     reason="FOI request FOI-2027-0004")
    travel(later(months=14))
    page = signed_in(world.clerk).get("/retention/").content.decode()
    assert "Purge 13 months after the post was taken down" in page
    assert "Anonymise 6 years after the case was closed" in page and "Kept for ever" in page
    assert f"Post {due.pk} by Olly Officer, removed 5 January 2026" in page
    assert "FOI request FOI-2027-0004" in page and f"Post {held.pk} by Olly Officer" in page
    assert "Mrs Jones" not in page  # the report never shows the words it would purge
    assert Post.objects.get(pk=due.pk).purged_at is None  # looking changes nothing


def test_the_page_is_the_clerks_only(world, signed_in):
    assert signed_in(world.officer).get("/retention/").status_code == 403
    assert signed_in(world.chair).get("/retention/run").status_code == 403


def test_running_now_needs_confirmation(world, worker, travel, signed_in):  # noqa: F811
    post = removed(world, worker)
    travel(later(months=14))
    client = signed_in(world.clerk)
    page = client.get("/retention/run").content.decode()
    assert "Removed posts: 1" in page
    response = client.post("/retention/run", {})
    assert response.status_code == 400 and "Confirm that the records should be purged" in response.content.decode()
    assert Post.objects.get(pk=post.pk).purged_at is None
    response = client.post("/retention/run", {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == "/retention/"
    assert "1 record purged or anonymised" in response.content.decode()
    assert Post.objects.get(pk=post.pk).purged_at is not None
    event = AuditEvent.objects.get(council=world.council, event_type=EventType.RETENTION_POST_PURGED)
    assert event.actor == world.clerk.user


def test_cli_report_run_and_dry_run(world, worker, travel):  # noqa: F811
    post = removed(world, worker)
    travel(later(months=14))
    out = io.StringIO()
    call_command("retention", "report", "--council", "stalbridge", stdout=out)
    assert "Removed posts: Purge 13 months after the post was taken down." in out.getvalue()
    assert "Would purge: 1" in out.getvalue() and "nothing changed" in out.getvalue()
    call_command("retention", "run", "--dry-run", stdout=io.StringIO())
    assert Post.objects.get(pk=post.pk).purged_at is None
    out = io.StringIO()
    call_command("retention", "run", "--council", "stalbridge", stdout=out)
    assert "removed posts: 1" in out.getvalue()
    assert Post.objects.get(pk=post.pk).purged_at is not None
    with pytest.raises(CommandError, match="No council with the short name 'nowhere'"):
        call_command("retention", "run", "--council", "nowhere")


def test_the_nightly_run_applies_the_rules(world, travel, settings):  # noqa: F811
    settings.HERALD_CONNECTOR_BACKENDS = {"bluesky": "stub", "mastodon": "stub"}
    sign_in_record(email=world.member.user.email, ip_address=None, succeeded=False)
    sign_in_record(email="nobody@example.com", ip_address=None, succeeded=False)
    travel(later(days=100))
    out = io.StringIO()
    call_command("nightly", stdout=out, stderr=io.StringIO())
    assert "Retention: stalbridge: sign-in attempts: 1." in out.getvalue()
    assert "sign-in attempts for unknown addresses deleted: 1" in out.getvalue()
    assert SignInAttempt.objects.count() == 0
    assert AuditEvent.objects.filter(council=world.council, event_type=EventType.RETENTION_RUN_FINISHED).exists()
